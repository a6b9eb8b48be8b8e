using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DhrPortal.Cli.Serve;
using DhrPortal.Content;
using DhrPortal.Generation;
using DhrPortal.Learning;
using DhrPortal.Site;
using DhrPortal.Validation;
using Microsoft.Playwright;

namespace DhrPortal.BrowserTests;

/// <summary>
/// Implementation pages on a phone (360 px), from a generated corpus with statuses (the real content
/// has none yet): <c>/implementation/</c> and the agency page with the most overdue recommendations
/// are axe-clean, never scroll sideways as a whole (wide tables scroll in their own focusable
/// region), and an overdue recommendation's link lands on its anchor.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ImplementationBrowserTests(BrowserFixture fx)
{
    private const int Phone = 360;

    private static async Task WithGeneratedSite(BrowserFixture fx, Func<IPage, ContentModel, Task> test)
    {
        var model = ContentChecker.Check(CorpusGenerator.Generate(300, 1), new CheckOptions { Today = CorpusGenerator.LatestDay }).Model!;
        var root = Path.Combine(Path.GetTempPath(), $"dhr-impl-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Assert.True(SiteWriter.Build(model, new DhrPortal.Theme.DefaultTheme(), root).Succeeded);
            using var server = new StaticServer(root, NetlifyHeaders.Load(RepoPaths.NetlifyToml));
            await using var context = await fx.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = server.BaseUrl.ToString(), ViewportSize = new ViewportSize { Width = Phone, Height = 800 },
            });
            await test(await context.NewPageAsync(), model);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    private static async Task AssertAxeClean(IPage p, string url)
    {
        await p.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var result = await p.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = AccessibilityTests.WcagTags } });
        Assert.True(result.Violations.Length == 0, AccessibilityTests.Describe(new PageRef("generated", url), result.Violations));
    }

    private static async Task AssertNoSidewaysScroll(IPage p, string url)
    {
        var width = await p.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= Phone, $"{url} scrolls sideways at {Phone} px ({width} px wide)");
    }

    [Fact]
    public async Task The_implementation_page_fits_a_phone_with_its_tables_scrolling_in_their_own_region()
    {
        await WithGeneratedSite(fx, async (p, _) =>
        {
            await p.GotoAsync(UrlScheme.Implementation);
            await AssertNoSidewaysScroll(p, UrlScheme.Implementation);
            await AssertAxeClean(p, UrlScheme.Implementation);

            var regions = p.Locator("main .table-scroll");
            Assert.Equal(4, await regions.CountAsync());
            var sector = regions.First;
            // The eight columns are wider than the phone: the region scrolls, and a keyboard reaches it.
            Assert.True(await sector.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), "the sector table fits at 360 px: nothing to scroll");
            await sector.FocusAsync();
            await p.Keyboard.PressAsync("ArrowRight");
            await p.Keyboard.PressAsync("End");
            // Chromium animates keyboard scrolling: the region gets there over a few frames (more on a busy machine).
            var scrolled = await p.WaitForFunctionAsync("e => e.scrollLeft > 0", await sector.ElementHandleAsync(), new() { Timeout = 5000 })
                .ContinueWith(t => t.IsCompletedSuccessfully);
            Assert.True(scrolled, "the focused table region does not scroll with the keyboard");
        });
    }

    [Fact]
    public async Task An_agency_page_with_overdue_recommendations_is_clean_at_360_px_and_its_links_land_on_the_recommendations()
    {
        await WithGeneratedSite(fx, async (p, model) =>
        {
            var rule = Implementation.For(model);
            var index = SiteIndex.Create(model);
            var agency = model.Agencies.MaxBy(a => index.RecommendationsForAgency(a.Id).Count(r => rule.IsOverdue(r.Recommendation)))!;
            var url = UrlScheme.Agency(agency.Id);
            await p.GotoAsync(url);
            await AssertNoSidewaysScroll(p, url);
            await AssertAxeClean(p, url);

            var first = p.Locator("main .list-overdue a").First;
            var href = (await first.GetAttributeAsync("href"))!;
            await first.ClickAsync();
            await p.WaitForURLAsync("**" + href);
            var anchor = href.Split('#')[1];
            Assert.True(await p.Locator($"[id='{anchor}']").IsVisibleAsync());
            Assert.Contains("overdue", await p.Locator($"[id='{anchor}'] .rec__meta").InnerTextAsync(), StringComparison.Ordinal);
        });
    }
}
