using DhrPortal.Site;
using Microsoft.Playwright;

namespace DhrPortal.BrowserTests;

/// <summary>
/// Browsing on a phone (360 px): the header search from any page lands on the search page with the
/// words; a theme page links into search with its filter set; "Cite this" gives the absolute URL
/// with the anchor, and its button copies it (a long listing's page 2: GeneratedSiteTests).
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
}
