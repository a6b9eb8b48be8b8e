using AngleSharp.Dom;
using DhrPortal.Content;
using DhrPortal.Generation;
using DhrPortal.Learning;
using DhrPortal.Site;
using DhrPortal.Tests.Learning;
using DhrPortal.Tests.Site.Build;
using DhrPortal.Validation;
using Xunit;

namespace DhrPortal.Tests.Site.Pages;

/// <summary>
/// Implementation on the pages (issue 12): each recommendation's status with its source and whether
/// it is overdue, the same wherever recommendations are listed; the agency block (counts by status,
/// overdue recommendations linked to their anchors); the national <c>/implementation/</c> page.
/// </summary>
public sealed class ImplementationPageTests
{
    private static readonly Lazy<SiteOutput> Small = new(() => TestSites.Build(ImplementationTests.Model()));

    private static IElement MainOf(SiteOutput site, string url) => TestSites.Page(site, url).QuerySelector("main")!;

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string StatusOnReviewPage(IElement main, string anchor) => Squash(main.QuerySelector($"#{anchor} .rec__meta")!.QuerySelectorAll("div")
        .Single(d => d.QuerySelector("dt")!.TextContent == "Status").QuerySelector("dd")!.TextContent);

    [Fact]
    public void A_review_page_shows_each_status_with_its_target_source_and_whether_it_is_overdue()
    {
        var main = MainOf(Small.Value, UrlScheme.Review("havering-2024"));
        string Status(string anchor) => StatusOnReviewPage(main, anchor);

        Assert.Equal("Partly met as of March 2025; target January 2025 (overdue); source: Havering CSP action plan update", Status("r1-met-police"));
        Assert.Equal("Fully implemented as of June 2025; target January 2025", Status("r2-met-police"));
        Assert.Null(main.QuerySelector("#r5-london-borough-of-havering .rec__meta")!.QuerySelectorAll("dt").FirstOrDefault(d => d.TextContent == "Status"));
    }

    [Fact]
    public void Theme_and_agency_listings_show_the_status_as_the_review_page_does()
    {
        var review = MainOf(Small.Value, UrlScheme.Review("havering-2024"));
        var onReview = StatusOnReviewPage(review, "r1-met-police");
        foreach (var url in new[] { UrlScheme.Theme("police-response"), UrlScheme.Agency("metropolitan-police") })
        {
            var status = MainOf(Small.Value, url).QuerySelectorAll(".rec").Single(r => r.QuerySelector("a.rec__title")!.GetAttribute("href") == "/reviews/havering-2024/#r1-met-police")
                .QuerySelector(".rec__status")!;
            Assert.Equal("Status: " + onReview, Squash(status.TextContent));
        }
    }

    [Fact]
    public void An_agency_page_counts_its_recommendations_by_status_and_links_the_overdue_ones_to_their_anchors()
    {
        var main = MainOf(Small.Value, UrlScheme.Agency("metropolitan-police"));
        var block = main.QuerySelector($"#{UrlScheme.ImplementationAnchor}")!;
        Assert.Equal("Implementation", block.TextContent);
        var counts = main.QuerySelector("table.table--counts")!;
        Assert.NotNull(counts.QuerySelector("caption"));
        var rows = counts.QuerySelectorAll("tbody tr").ToDictionary(r => r.QuerySelector("th[scope=row]")!.TextContent, r => r.QuerySelector("td")!.TextContent);
        Assert.Equal("1", rows["Fully implemented"]);
        Assert.Equal("1", rows["Partly met"]);
        Assert.Equal("0", rows["Not met"]);
        Assert.Equal("1", rows["Overdue"]);
        Assert.Equal("0", rows["No status reported"]);

        var overdue = main.QuerySelectorAll(".list-overdue a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/reviews/havering-2024/#r1-met-police"], overdue);
        Assert.NotNull(TestSites.Page(Small.Value, UrlScheme.Review("havering-2024")).GetElementById("r1-met-police"));
    }

    [Fact]
    public void An_agency_with_no_status_reported_has_no_implementation_block()
    {
        var main = MainOf(TestSites.Default, UrlScheme.Agency("metropolitan-police"));
        Assert.Null(main.QuerySelector($"#{UrlScheme.ImplementationAnchor}"));
    }

    [Fact]
    public void The_implementation_page_tabulates_by_sector_theme_and_year_in_the_Commissioners_categories()
    {
        var main = MainOf(Small.Value, UrlScheme.Implementation);
        Assert.Contains("Targets are judged against June 2025, the latest month a status was reported", Squash(main.TextContent), StringComparison.Ordinal);

        var tables = main.QuerySelectorAll(".table-scroll table");
        Assert.Equal(["table-sector", "table-theme", "table-year", "table-department"], tables.Select(t => t.QuerySelector("caption")!.Id));
        foreach (var table in tables)
        {
            // Accessible: a caption, every header scoped, in a focusable region named by the caption, so it can scroll at 360 px.
            var region = table.ParentElement!;
            Assert.Equal(("region", "0", table.QuerySelector("caption")!.Id), (region.GetAttribute("role"), region.GetAttribute("tabindex"), region.GetAttribute("aria-labelledby")));
            Assert.All(table.QuerySelectorAll("th"), th => Assert.Contains(th.GetAttribute("scope"), new[] { "col", "row" }));
            Assert.Equal(["", .. Implementation.Outcomes.Select(o => o.Label), "Overdue", "All"],
                table.QuerySelectorAll("thead th").Skip(1).Select(th => th.TextContent).Prepend(""));
        }

        string[] Row(string tableId, string label) => main.QuerySelector($"#{tableId}")!.ParentElement!.QuerySelectorAll("tbody tr")
            .Single(r => r.QuerySelector("th")!.TextContent == label).QuerySelectorAll("td").Select(td => td.TextContent).ToArray();
        // Implemented, partly, not implemented, not known, no status, overdue, all.
        Assert.Equal(["1", "1", "0", "0", "0", "1", "2"], Row("table-sector", "Police"));
        Assert.Equal(["1", "0", "1", "0", "0", "0", "2"], Row("table-sector", "National government"));
        Assert.Equal(["2", "1", "1", "0", "1", "1", "5"], Row("table-year", "2024"));
        Assert.Equal(["1", "0", "1", "0", "0", "0", "2"], Row("table-department", "Home Office"));
    }

    [Fact]
    public void The_implementation_page_lists_national_recommendations_on_their_own_and_is_in_the_sitemap_and_footer()
    {
        var main = MainOf(Small.Value, UrlScheme.Implementation);
        var national = main.QuerySelectorAll("#national ~ ul.recs a.rec__title").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/reviews/havering-2024/#r3-home-office", "/reviews/havering-2024/#r4-home-office"], national);

        Assert.Contains("https://portal.example/implementation/", TestSites.Text(Small.Value, UrlScheme.FileFor(UrlScheme.Sitemap)), StringComparison.Ordinal);
        Assert.Contains(UrlScheme.Implementation, TestSites.Page(Small.Value, UrlScheme.Home).QuerySelectorAll("footer a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void A_site_with_no_status_says_so_on_the_implementation_page()
    {
        var main = MainOf(TestSites.Default, UrlScheme.Implementation);
        // The default test site has one status; a site without any would say none is reported.
        var bare = TestSites.Model([("reviews/havering-2022.md", TestSites.Havering)]);
        var text = Squash(MainOf(TestSites.Build(bare), UrlScheme.Implementation).TextContent);
        Assert.Contains("No implementation status has been reported to the portal yet for any of its 2 recommendations.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Targets are judged against", text, StringComparison.Ordinal);
        Assert.Contains("1 recommendation of 5", Squash(main.TextContent), StringComparison.Ordinal);
    }

    private static readonly Lazy<(ContentModel Model, SiteOutput Site)> Generated = new(() =>
    {
        var result = ContentChecker.Check(CorpusGenerator.Generate(300, 1), new CheckOptions { Today = CorpusGenerator.LatestDay });
        Assert.True(result.Model is not null, "The generated corpus does not check.");
        return (result.Model!, TestSites.Build(result.Model!));
    });

    [Fact]
    public void A_generated_corpus_shows_overdue_recommendations_on_agency_pages_and_the_implementation_page()
    {
        var (model, site) = Generated.Value;
        var rule = Implementation.For(model);
        var index = SiteIndex.Create(model);
        var overview = rule.Overview(model);
        Assert.True(overview.All.Overdue > 0 && overview.National.Count > 0, "The generated corpus has no overdue or no national recommendation.");

        var text = Squash(MainOf(site, UrlScheme.Implementation).TextContent);
        Assert.Contains($"{overview.All.Overdue:N0} are overdue", text, StringComparison.Ordinal);

        // The agency with the most overdue recommendations: its block lists at most MaxOverdue, newest review first, each to its anchor.
        var agency = model.Agencies.MaxBy(a => index.RecommendationsForAgency(a.Id).Count(r => rule.IsOverdue(r.Recommendation)))!;
        var expected = index.RecommendationsForAgency(agency.Id).Where(r => rule.IsOverdue(r.Recommendation))
            .Select(string? (r) => UrlScheme.Recommendation(r.Review, r.Recommendation)).Take(DhrPortal.Theme.Pages.ImplementationSummaryBlock.MaxOverdue).ToList();
        var links = MainOf(site, UrlScheme.Agency(agency.Id)).QuerySelectorAll(".list-overdue a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(expected, links);
        foreach (var link in links)
        {
            var (page, anchor) = (link!.Split('#')[0], link.Split('#')[1]);
            Assert.NotNull(TestSites.Page(site, page).GetElementById(anchor));
        }
        // Only the first page of an agency's listing carries the block.
        if (site.Files.ContainsKey(UrlScheme.FileFor(UrlScheme.AgencyPage(agency.Id, 2))))
            Assert.Null(MainOf(site, UrlScheme.AgencyPage(agency.Id, 2)).QuerySelector($"#{UrlScheme.ImplementationAnchor}"));
    }
}
