using AngleSharp.Dom;
using DhrPortal.Site;
using DhrPortal.Tests.Site.Build;
using Xunit;

namespace DhrPortal.Tests.Site.Pages;

/// <summary>
/// Listing pages built for thousands of items (issue 10): a summary first, then recommendations
/// newest review first in pages at stable URLs, a link into search with the filter set, labels as
/// on the review page, one vocabulary and thousands separators.
/// </summary>
public sealed class ListingPageTests
{
    private static IDocument Page(string url) => TestSites.Page(TestSites.Default, url);

    private static List<string?> Links(IElement scope, string selector = "a") =>
        scope.QuerySelectorAll(selector).Select(a => a.GetAttribute("href")).ToList();

    private static string Row(IElement main, string label) =>
        main.QuerySelectorAll("dl.summary-list .summary-list__row").First(r => r.QuerySelector("dt")!.TextContent.Replace("\u00AD", "", StringComparison.Ordinal) == label)
            .QuerySelector("dd")!.TextContent;

    [Fact]
    public void Theme_page_opens_with_counts_years_and_the_agencies_most_often_addressed_then_a_link_into_search()
    {
        var main = Page(UrlScheme.Theme("police-response")).QuerySelector("main")!;

        Assert.Equal("2 recommendations in 2 reviews", Row(main, "Recommendations"));
        Assert.Equal("2022–2024", Row(main, "Published"));
        Assert.Equal([UrlScheme.Agency("greater-manchester-police"), UrlScheme.Agency("metropolitan-police")],
            Links(main.QuerySelectorAll(".summary-list__row").First(r => r.TextContent.Contains("most often", StringComparison.Ordinal))));
        var search = main.QuerySelector(".search-link a")!;
        Assert.Equal("/search/?theme=police-response", search.GetAttribute("href"));
        Assert.Equal("All 2 recommendations on “Police response”: filter by agency, region, year", search.TextContent);
    }

    [Fact]
    public void Agency_page_opens_with_the_themes_most_often_coded_and_links_into_search_filtered_by_the_agency()
    {
        var main = Page(UrlScheme.Agency("greater-manchester-police")).QuerySelector("main")!;

        Assert.Contains("recommendations in 1 review", Row(main, "Recommendations"), StringComparison.Ordinal);
        Assert.Contains(UrlScheme.Theme("police-response"), Links(main.QuerySelector("dl.summary-list")!));
        Assert.Equal("/search/?agency=greater-manchester-police", main.QuerySelector(".search-link a")!.GetAttribute("href"));
    }

    [Fact]
    public void Recommendations_are_headed_as_on_the_review_page_and_an_agency_page_does_not_repeat_its_own_name_as_addressee()
    {
        var theme = Page(UrlScheme.Theme("police-response")).QuerySelector("main")!;
        var gmp = Page(UrlScheme.Agency("greater-manchester-police")).QuerySelector("main")!;
        var review = Page(UrlScheme.Review("manchester-2024")).QuerySelector("main")!;

        var onReview = review.QuerySelector("#r1-gmp h3")!.TextContent;
        Assert.StartsWith("Recommendation 1 – ", onReview, StringComparison.Ordinal);
        Assert.Contains(onReview, theme.QuerySelectorAll("a.rec__title").Select(a => a.TextContent));
        Assert.Contains(onReview, gmp.QuerySelectorAll("a.rec__title").Select(a => a.TextContent));
        Assert.DoesNotContain(UrlScheme.Agency("greater-manchester-police"), Links(gmp, ".rec__to a"));
        Assert.Contains(UrlScheme.Agency("greater-manchester-police"), Links(theme, ".rec__to a"));
    }

    [Fact]
    public void A_listing_longer_than_a_page_is_split_into_pages_at_stable_urls_with_links_that_need_no_javascript()
    {
        // 45 reviews with a police-response recommendation each: two pages of recommendations.
        var reviews = Enumerable.Range(1, SiteIndex.RecommendationsPerPage + 5).Select(i => ($"reviews/manchester-{2000 + i}.md", $$"""
            ---
            id: manchester-{{2000 + i}}
            title: Manchester review {{i}}
            csp: manchester
            published: {{2000 + i / 12 + 12}}-{{(i % 12 + 1):D2}}
            review_type: dhr
            relationship: intimate-partner
            source:
              url: https://example.org/manchester-{{i}}.pdf
              library: Home Office DHR Library
            recommendations:
              - label: "1"
                to: [Greater Manchester Police]
                themes: [police-response]
                text: Review the response to calls number {{i}}.
            ---
            A review.
            """)).ToList();
        var site = TestSites.Build(TestSites.Model(reviews));
        var first = TestSites.Page(site, UrlScheme.Theme("police-response")).QuerySelector("main")!;
        var second = TestSites.Page(site, "/themes/police-response/page/2/").QuerySelector("main")!;

        Assert.Equal(SiteIndex.RecommendationsPerPage, first.QuerySelectorAll(".rec").Length);
        Assert.Equal(5, second.QuerySelectorAll(".rec").Length);
        Assert.Equal("/themes/police-response/page/2/", first.QuerySelector("nav.pagination a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("/themes/police-response/", second.QuerySelector("nav.pagination a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("/themes/police-response/page/2/", second.QuerySelector("nav.pagination a[aria-current=page]")!.GetAttribute("href"));
        // Newest review first, across pages: page 1 starts with the newest, page 2 ends with the oldest.
        Assert.StartsWith(UrlScheme.Review("manchester-2045") + "#", first.QuerySelector("a.rec__title")!.GetAttribute("href"), StringComparison.Ordinal);
        var onSecond = second.QuerySelectorAll("a.rec__title");
        Assert.StartsWith(UrlScheme.Review("manchester-2001") + "#", onSecond[onSecond.Length - 1].GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("All 45 recommendations on “Police response”: filter by agency, region, year", first.QuerySelector(".search-link a")!.TextContent);
        Assert.Contains("Police response (page 2 of 2)", TestSites.Page(site, "/themes/police-response/page/2/").Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_have_thousands_separators_and_units()
    {
        Assert.Equal("1,914", DhrPortal.Theme.Pages.Format.Number(1914));
        Assert.Equal("1,914 recommendations", DhrPortal.Theme.Pages.Format.Recommendations(1914));
        Assert.Equal("1 review", DhrPortal.Theme.Pages.Format.Reviews(1));
        var csps = Page(UrlScheme.Csps).QuerySelector("main")!;
        Assert.Contains("Manchester Community Safety Partnership (1 review)", csps.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Themes_with_no_recommendations_are_not_linked_as_if_they_had_some()
    {
        // Only the review whose recommendations are not extracted: no theme has a recommendation.
        var site = TestSites.Build(TestSites.Model(TestSites.DefaultReviews.Where(r => r.Path.Contains("cardiff", StringComparison.Ordinal))));
        var main = TestSites.Page(site, UrlScheme.Themes).QuerySelector("main")!;

        Assert.Empty(main.QuerySelectorAll($"a[href='{UrlScheme.Theme("record-keeping")}']"));
        Assert.Empty(main.QuerySelectorAll("a[href^='/themes/'][href$='/']"));
        Assert.Contains("no recommendations yet", main.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Partnerships_have_one_name_everywhere()
    {
        var doc = Page(UrlScheme.Csp("manchester"));

        Assert.Equal("Partnerships", doc.QuerySelector($"nav[aria-label=Main] a[href='{UrlScheme.Csps}']")!.TextContent);
        Assert.Equal("Partnerships", doc.QuerySelectorAll("nav.breadcrumbs a")[1].TextContent);
    }

    [Fact]
    public void Agencies_page_has_a_filter_box_as_an_enhancement_in_its_own_script()
    {
        var doc = Page(UrlScheme.Agencies);

        Assert.NotNull(doc.QuerySelector("main [data-filter-list]"));
        Assert.Single(doc.QuerySelectorAll("script[src*='/assets/filter.']"));
        Assert.Empty(doc.QuerySelectorAll("script:not([src])"));
    }
}
