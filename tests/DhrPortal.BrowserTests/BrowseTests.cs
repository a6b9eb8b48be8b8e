using DhrPortal.Cli.Serve;
using DhrPortal.Generation;
using DhrPortal.Site;
using DhrPortal.Validation;
using Microsoft.Playwright;

namespace DhrPortal.BrowserTests;

/// <summary>
/// Browsing on a phone (360 px): the header search from any page lands on the search page with the
/// words; a theme page links into search with its filter set; a long theme listing has a page 2
/// reached without JavaScript; "Cite this" gives the absolute URL with the anchor.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowseTests(BrowserFixture fx)
{
    private const int Phone = 360;

    [Theory]
    [InlineData("home")]
    [InlineData("theme")]
    [InlineData("review")]
    [InlineData("agencies")]
    public async Task The_header_search_from_any_page_lands_on_the_search_page_with_the_words(string kind)
    {
        await using var context = await fx.NewContextAsync(width: Phone, height: 800);
        var p = await fx.OpenAsync(context, fx.Site.Pages.Get(kind));

        var box = p.Locator("header input[name=q]");
        Assert.True(await box.IsVisibleAsync(), $"{kind}: the header search box is not visible at {Phone} px");
        var bottom = await box.EvaluateAsync<double>("e => e.getBoundingClientRect().bottom");
        if (kind == "home") Assert.True(bottom <= 800, $"the home page's search box ends at y = {bottom}, below the first screen (800 px)");
        await box.FillAsync("training");
        await box.PressAsync("Enter");
        await p.WaitForURLAsync("**/search/?q=training");
        // search.js fills its box from the URL once it has started: wait for it.
        await Assertions.Expect(p.Locator("main input[name=q]")).ToHaveValueAsync("training");
    }

    [Fact]
    public async Task A_theme_page_links_into_search_with_the_theme_filter_set()
    {
        var theme = fx.Site.Pages.BusiestTheme();
        await using var context = await fx.NewContextAsync(width: Phone, height: 800);
        var p = await fx.OpenAsync(context, fx.Site.Pages.Get("theme"));

        var link = p.Locator("main .search-link a");
        Assert.StartsWith("All ", await link.TextContentAsync(), StringComparison.Ordinal);
        await link.ClickAsync();
        await p.WaitForURLAsync($"**/search/?theme={theme}");
        Assert.Equal(new Uri(fx.Url(UrlScheme.SearchTheme(theme))).PathAndQuery, new Uri(p.Url).PathAndQuery);
    }

    [Fact]
    public async Task Cite_this_gives_the_absolute_url_of_the_review_and_of_each_recommendation()
    {
        var review = fx.Site.Pages.ReviewWithRecommendations();
        var rec = review.Recommendations[0];
        await using var context = await fx.NewContextAsync(width: Phone, height: 800);
        var p = await fx.OpenAsync(context, fx.Site.Pages.Get("review"));

        await p.Locator($"#{UrlScheme.CiteAnchor} summary").ClickAsync();
        var whole = await p.Locator($"#{UrlScheme.CiteAnchor} .cite__text").InnerTextAsync();
        Assert.EndsWith(UrlScheme.Absolute(fx.Site.Model.Settings, UrlScheme.Review(review)), whole, StringComparison.Ordinal);

        var item = p.Locator($"[id='{rec.Anchor}']");
        await item.Locator("details.cite summary").ClickAsync();
        var one = await item.Locator(".cite__text").InnerTextAsync();
        Assert.EndsWith(UrlScheme.Absolute(fx.Site.Model.Settings, UrlScheme.Recommendation(review, rec)), one, StringComparison.Ordinal);
        Assert.Equal(1, await item.Locator("button.copy").CountAsync());
    }

    [Fact]
    public async Task The_copy_button_copies_the_recommendation_citation_with_its_absolute_url_and_anchor()
    {
        var review = fx.Site.Pages.ReviewWithRecommendations();
        var rec = review.Recommendations[^1];
        await using var context = await fx.NewContextAsync(width: Phone, height: 800);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new BrowserContextGrantPermissionsOptions { Origin = fx.Server.BaseUrl.GetLeftPart(UriPartial.Authority) });
        var p = await fx.OpenAsync(context, fx.Site.Pages.Get("review"));

        var item = p.Locator($"[id='{rec.Anchor}']");
        await item.Locator("details.cite summary").ClickAsync();
        await item.Locator("button.copy").ClickAsync();
        await Assertions.Expect(item.Locator(".cite [role=status]")).ToHaveTextAsync("Copied");

        var copied = await p.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal((await item.Locator(".cite__text").InnerTextAsync()).Trim(), copied);
        Assert.EndsWith(" " + UrlScheme.Absolute(fx.Site.Model.Settings, UrlScheme.Recommendation(review, rec)), copied, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_theme_listing_has_a_page_2_reached_by_a_plain_link_without_javascript()
    {
        // The real content is too small to need a second page: a generated corpus of 300 reviews is.
        var options = new CheckOptions { Today = CorpusGenerator.LatestDay };
        var model = ContentChecker.Check(CorpusGenerator.Generate(300, 1), options).Model!;
        var index = SiteIndex.Create(model);
        var theme = model.Themes.MaxBy(t => index.RecommendationsForTheme(t.Id).Count)!;
        var root = Path.Combine(Path.GetTempPath(), $"dhr-browse-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Assert.True(SiteWriter.Build(model, new DhrPortal.Theme.DefaultTheme(), root).Succeeded);
            using var server = new StaticServer(root, NetlifyHeaders.Load(RepoPaths.NetlifyToml));
            await using var context = await fx.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = server.BaseUrl.ToString(), ViewportSize = new ViewportSize { Width = Phone, Height = 800 }, JavaScriptEnabled = false,
            });
            var p = await context.NewPageAsync();
            await p.GotoAsync(UrlScheme.Theme(theme.Id));

            await p.Locator("nav.pagination a[rel=next]").ClickAsync();
            Assert.Equal(UrlScheme.ThemePage(theme.Id, 2), new Uri(p.Url).AbsolutePath);
            Assert.Equal(SiteIndex.RecommendationsPerPage, await p.Locator("main .rec").CountAsync());
            Assert.Equal(UrlScheme.ThemePage(theme.Id, 2), await p.Locator("nav.pagination [aria-current=page]").GetAttributeAsync("href"));
            var scrollWidth = await p.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= Phone, $"page 2 scrolls sideways at {Phone} px ({scrollWidth} px wide)");
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
