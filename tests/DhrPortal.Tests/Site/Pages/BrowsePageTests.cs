using AngleSharp.Dom;
using DhrPortal.Site;
using DhrPortal.Theme.Pages;
using DhrPortal.Tests.Site.Build;
using Xunit;

namespace DhrPortal.Tests.Site.Pages;

/// <summary>Home, lists, themes, agencies, partnerships, years, search, about, study and data pages.</summary>
public sealed class BrowsePageTests
{
    private static IDocument Page(string url) => TestSites.Page(TestSites.Default, url);

    private static List<string?> Links(IElement scope, string selector = "a") =>
        scope.QuerySelectorAll(selector).Select(a => a.GetAttribute("href")).ToList();

    [Fact]
    public void Home_explains_the_portal_lists_the_latest_reviews_and_offers_search_and_browsing()
    {
        var doc = Page(UrlScheme.Home);
        var main = doc.QuerySelector("main")!;

        // The search box is the header's, on every page (HeaderSearch tests); the home page opens with a content note.
        Assert.Equal(UrlScheme.Search, doc.QuerySelector("header form[role=search]")!.GetAttribute("action"));
        Assert.Contains("Content note", main.QuerySelector(".content-note")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["/reviews/manchester-2024/", "/reviews/cardiff-2023/", "/reviews/havering-2022/"], Links(main, ".list-reviews .review-item__title"));
        var browse = Links(main, ".browse a");
        Assert.Contains(UrlScheme.Area("process-and-policy"), browse);
        Assert.Contains(UrlScheme.Sector("police"), browse);
        Assert.Contains(UrlScheme.Region("North West"), browse);
        Assert.Contains(UrlScheme.Year(2024), browse);
        Assert.Contains(UrlScheme.Study(TaxonomyStudy.Id), Links(main));
    }

    [Fact]
    public void Reviews_page_lists_reviews_first_by_publication_year_and_links_the_partnership_index()
    {
        var main = Page(UrlScheme.Reviews).QuerySelector("main")!;

        Assert.Equal(["year-2024", "year-2023", "year-2022"], main.QuerySelectorAll("h2[id]").Select(h => h.Id));
        Assert.Equal(["/reviews/manchester-2024/", "/reviews/cardiff-2023/", "/reviews/havering-2022/"], Links(main, ".review-item__title"));
        Assert.Contains(UrlScheme.Csps, Links(main.QuerySelector(".lead")!));
        Assert.DoesNotContain(UrlScheme.Csp("havering"), Links(main));
        Assert.Contains("Recommendations not yet extracted", main.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Themes_page_shows_the_taxonomy_by_area_with_counts()
    {
        var main = Page(UrlScheme.Themes).QuerySelector("main")!;

        Assert.Equal(["area-process-and-policy", "area-practice-and-learning"], main.QuerySelectorAll("section > h2").Select(h => h.Id));
        var police = main.QuerySelector($"a[href='{UrlScheme.Theme("police-response")}']")!.ParentElement!;
        Assert.Equal("2 recommendations", police.QuerySelector(".count")!.TextContent);
    }

    [Fact]
    public void Theme_page_lists_every_recommendation_on_the_theme_grouped_by_review_with_agencies()
    {
        var doc = Page(UrlScheme.Theme("police-response"));
        var groups = doc.QuerySelectorAll("main section.group");

        Assert.Equal(["/reviews/manchester-2024/", "/reviews/havering-2022/"], groups.Select(g => g.QuerySelector("h3 a")!.GetAttribute("href")));
        Assert.Equal([UrlScheme.Review("manchester-2024") + "#r1-gmp"], Links(groups[0], "a.rec__title"));
        Assert.Equal([UrlScheme.Agency("greater-manchester-police")], Links(groups[0], ".rec__to a"));
        Assert.Equal([UrlScheme.Agency("metropolitan-police")], Links(groups[1], ".rec__to a"));
        // The theme came from the thematic study: it links to its subsection there.
        Assert.Contains(UrlScheme.StudySection(TaxonomyStudy.Id, "section-3-1-4"), Links(doc.QuerySelector("main dl")!));
    }

    [Fact]
    public void Agencies_page_groups_agencies_by_sector_and_shows_successors()
    {
        var main = Page(UrlScheme.Agencies).QuerySelector("main")!;

        Assert.Equal(["sector-police", "sector-health", "sector-local-authority", "sector-multi-agency"], main.QuerySelectorAll("section > h2").Select(h => h.Id));
        var ccg = main.QuerySelector($"a[href='{UrlScheme.Agency("nhs-manchester-ccg")}']")!.ParentElement!;
        Assert.Contains("replaced by NHS Greater Manchester Integrated Care Board", ccg.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Agency_page_shows_aliases_successor_and_every_recommendation_addressed_to_it()
    {
        var ccg = Page(UrlScheme.Agency("nhs-manchester-ccg")).QuerySelector("main")!;
        var icb = Page(UrlScheme.Agency("nhs-greater-manchester-icb")).QuerySelector("main")!;
        var gmp = Page(UrlScheme.Agency("greater-manchester-police")).QuerySelector("main")!;

        Assert.Contains("Manchester CCG", ccg.QuerySelector("dl")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(UrlScheme.Agency("nhs-greater-manchester-icb"), Links(ccg.QuerySelector(".inset")!));
        Assert.Equal([UrlScheme.Review("manchester-2024") + "#r2-ccg"], Links(ccg, "a.rec__title"));
        Assert.Contains(UrlScheme.Agency("nhs-manchester-ccg"), Links(icb.QuerySelector("dl")!));
        Assert.Contains("No recommendation", icb.TextContent, StringComparison.Ordinal);
        Assert.Equal(["#r1-gmp", "#r2-ccg"], Links(gmp, "a.rec__title").Select(h => h![h!.IndexOf('#', StringComparison.Ordinal)..]));
    }

    [Fact]
    public void Partnership_pages_show_region_police_force_area_and_reviews()
    {
        var list = Page(UrlScheme.Csps).QuerySelector("main")!;
        var manchester = Page(UrlScheme.Csp("manchester")).QuerySelector("main")!;

        // England's regions A–Z, then Wales.
        Assert.Equal(["region-london", "region-north-west", "region-wales"], list.QuerySelectorAll("section > h2").Select(h => h.Id));
        Assert.Contains("Greater Manchester Police", manchester.QuerySelector("dl")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(UrlScheme.Region("North West"), Links(manchester.QuerySelector("dl")!));
        Assert.Equal([UrlScheme.Review("manchester-2024")], Links(manchester, ".review-item__title"));
    }

    [Fact]
    public void Year_pages_exist_for_every_publication_year_and_link_to_each_other()
    {
        var years = Page(UrlScheme.Years).QuerySelector("main")!;
        var y2023 = Page(UrlScheme.Year(2023)).QuerySelector("main")!;

        Assert.Equal([UrlScheme.Year(2024), UrlScheme.Year(2023), UrlScheme.Year(2022)], Links(years, ".list-years a"));
        Assert.Equal([UrlScheme.Review("cardiff-2023")], Links(y2023, ".review-item__title"));
        Assert.Equal([UrlScheme.Year(2022), UrlScheme.Year(2024)], Links(y2023, "nav.years-nav a"));
    }

    [Fact]
    public void Search_page_is_a_form_with_facets_that_works_as_browse_links_without_javascript()
    {
        var doc = Page(UrlScheme.Search);
        var form = doc.QuerySelector("main form")!;

        Assert.Equal((UrlScheme.Search, "get"), (form.GetAttribute("action"), form.GetAttribute("method")));
        Assert.Equal(["q", "theme", "agency", "csp", "year"], form.QuerySelectorAll("input, select").Select(e => e.GetAttribute("name")));
        foreach (var field in form.QuerySelectorAll("input, select"))
            Assert.NotNull(doc.QuerySelector($"label[for='{field.Id}']"));
        Assert.Contains("police-response", form.QuerySelectorAll("#theme option").Select(o => o.GetAttribute("value")));
        Assert.Equal(UrlScheme.SearchIndexEntry, doc.GetElementById("search-form")!.GetAttribute("data-index"));
        Assert.Equal("ol", doc.GetElementById("search-results")!.LocalName);
        Assert.Equal(["q"], doc.QuerySelectorAll("input#q[type=search]").Select(e => e.GetAttribute("name")));
        var fallback = Links(doc.GetElementById("search-fallback")!);
        Assert.Contains(UrlScheme.Themes, fallback);
        Assert.Contains(UrlScheme.Agencies, fallback);
        Assert.Single(doc.QuerySelectorAll("script[src*='/assets/search.']"));
    }

    [Fact]
    public void About_page_covers_sources_coding_licence_and_privacy()
    {
        var main = Page(UrlScheme.About).QuerySelector("main")!;

        Assert.Equal(["reviews", "sources", "coding", "taxonomy", "licence", UrlScheme.PrivacyAnchor, "safety"], main.QuerySelectorAll("h2[id]").Select(h => h.Id));
        var privacy = main.QuerySelector($"#{UrlScheme.PrivacyAnchor}")!.NextElementSibling!.TextContent;
        Assert.Contains("cookies", privacy, StringComparison.Ordinal);
        Assert.Contains("analytics", privacy, StringComparison.Ordinal);
        Assert.Contains("Open Government Licence v3.0", main.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Study_page_summarises_six_thematic_areas_linked_to_their_theme_pages()
    {
        var main = Page(UrlScheme.Study(TaxonomyStudy.Id)).QuerySelector("main")!;

        Assert.Equal(["section-3-1", "section-3-2", "section-3-3", "section-3-4", "section-3-5", "section-3-6"],
            main.QuerySelectorAll("h3[id]").Select(h => h.Id));
        // A subsection's heading is followed by the themes that come from it.
        var maracs = main.QuerySelector("h4#section-3-1-1")!.NextElementSibling!;
        Assert.Equal([UrlScheme.Theme("use-of-maracs")], Links(maracs));
    }

    [Fact]
    public void Real_study_page_links_every_theme_that_comes_from_the_study()
    {
        var (model, site) = TestSites.Real;
        var main = TestSites.Page(site, UrlScheme.Study(TaxonomyStudy.Id)).QuerySelector("main")!;

        var fromStudy = model.Themes.Where(t => t.Source?.StartsWith("West Midlands thematic study", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(fromStudy);
        var links = Links(main);
        foreach (var theme in fromStudy) Assert.Contains(UrlScheme.Theme(theme.Id), links);
    }

    [Fact]
    public void Data_page_documents_the_downloads()
    {
        var main = Page(UrlScheme.DataSchema).QuerySelector("main")!;

        var links = Links(main);
        Assert.Contains(UrlScheme.RecommendationsCsv, links);
        Assert.Contains(UrlScheme.ReviewsJson, links);
        Assert.Equal(DhrPortal.Site.Data.OpenData.CsvColumns, main.QuerySelectorAll("table tbody th code").Select(c => c.TextContent));
    }
}
