using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DhrPortal.Site;
using Microsoft.Playwright;

namespace DhrPortal.BrowserTests;

/// <summary>
/// The site at national size (<see cref="BuiltSite.GeneratedReviews"/> generated reviews), on a
/// phone (360 px): the largest page of every kind, paged listings included, passes axe, reflows and
/// keeps to the Content-Security-Policy; a long listing's page 2 is reached by a plain link. The
/// real content is too small for either.
/// </summary>
[Collection(GeneratedSiteCollection.Name)]
public sealed class GeneratedSiteTests(GeneratedSiteFixture fx)
{
    private const int Phone = 360;

    [Fact]
    public async Task The_largest_page_of_every_kind_has_no_axe_violations_no_sideways_scroll_and_no_csp_violation_at_360px()
    {
        var pages = fx.Site.Pages.LargestOfEachKind();
        foreach (var kind in new[] { "review", "theme", "theme (page 2+)", "agency (page 2+)", "reviews index (page 2+)", "search" })
            Assert.True(pages.Any(p => p.Kind == kind), $"The generated site has no '{kind}' page; kinds: {string.Join(", ", pages.Select(p => p.Kind))}");

        await using var context = await fx.NewContextAsync(width: Phone, height: 800);
        var failures = new List<string>();
        foreach (var page in pages)
        {
            var p = await fx.OpenAsync(context, page);
            await p.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var result = await p.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = AccessibilityTests.WcagTags } });
            if (result.Violations.Length > 0) failures.Add(AccessibilityTests.Describe(page, result.Violations));
            var scrollWidth = await p.EvaluateAsync<int>("document.documentElement.scrollWidth");
            if (scrollWidth > Phone) failures.Add($"{page} scrolls sideways at {Phone} px ({scrollWidth} px wide)");
            var csp = await p.EvaluateAsync<string[]>("() => window.__dhrCspViolations");
            if (csp.Length > 0) failures.Add($"{page} breaks the Content-Security-Policy: {string.Join("; ", csp)}");
            await p.CloseAsync();
        }
        Assert.True(failures.Count == 0, $"{failures.Count} failures on the largest of {pages.Count} kinds of page at {BuiltSite.GeneratedReviews} reviews:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task A_long_theme_listing_has_a_page_2_reached_by_a_plain_link_without_javascript()
    {
        var theme = fx.Site.Pages.BusiestTheme();
        await using var context = await fx.NewContextAsync(width: Phone, height: 800, javaScript: false);
        var p = await context.NewPageAsync();
        await p.GotoAsync(UrlScheme.Theme(theme));

        await p.Locator("nav.pagination a[rel=next]").ClickAsync();
        Assert.Equal(UrlScheme.ThemePage(theme, 2), new Uri(p.Url).AbsolutePath);
        Assert.Equal(SiteIndex.RecommendationsPerPage, await p.Locator("main .rec").CountAsync());
        Assert.Equal(UrlScheme.ThemePage(theme, 2), await p.Locator("nav.pagination [aria-current=page]").GetAttributeAsync("href"));
        var scrollWidth = await p.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= Phone, $"page 2 scrolls sideways at {Phone} px ({scrollWidth} px wide)");
    }
}
