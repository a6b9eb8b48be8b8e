using DhrPortal.Site.Markdown;
using DhrPortal.Bench;
using DhrPortal.Content;
using DhrPortal.Generation;
using DhrPortal.Site;
using DhrPortal.Validation;
using Xunit;
using Xunit.Abstractions;

namespace DhrPortal.Tests.Site.Build;

/// <summary>
/// The page budget of issue 10 (every page at most 50 KB gzip and 3,000 DOM nodes at 20,000
/// reviews), checked on a generated corpus small enough for a unit test. The sizes are bounded by
/// design, not by the corpus: listings are paged (a fixed number of recommendations or reviews a
/// page), a review page holds one review, and the indexes list registries, whose size does not grow
/// with the reviews. The corpus is large enough that the biggest theme and agency listings span
/// several pages. The bench measures the same at 2,000 and 20,000 reviews (<c>--pages</c>).
/// </summary>
public sealed class PageBudgetTests(ITestOutputHelper output)
{
    private static readonly Lazy<(ContentModel Model, SiteOutput Site)> Generated = new(() =>
    {
        var options = new CheckOptions
        {
            Today = CorpusGenerator.LatestDay,
        };
        var result = ContentChecker.Check(CorpusGenerator.Generate(300, 1), options);
        Assert.True(result.Model is not null, "The generated corpus does not check.");
        return (result.Model!, TestSites.Build(result.Model!));
    });

    [Fact]
    public void Every_page_of_a_generated_site_is_within_50_KB_gzip_and_3000_DOM_nodes()
    {
        var (_, site) = Generated.Value;
        var pages = TestSites.HtmlPages(site).Select(p => (p, site.Files[p].Bytes));
        var largest = PageBudget.Largest(pages);
        foreach (var page in largest)
            output.WriteLine($"{page.Kind}: {page.Path} {page.GzipBytes} B gzip, {page.Elements} elements, {page.Nodes} nodes ({page.Pages} pages)");

        var over = largest.Where(p => p.GzipBytes > PageBudget.MaxGzipBytes || p.Nodes > PageBudget.MaxNodes).ToList();
        Assert.True(over.Count == 0, "Over budget: " + string.Join("; ", over.Select(p => $"{p.Path} {p.GzipBytes} B gzip, {p.Nodes} nodes")));
    }

    [Fact]
    public void Listings_are_paged_so_their_size_does_not_grow_with_the_corpus()
    {
        var (model, site) = Generated.Value;
        var index = SiteIndex.Create(model);
        var biggest = model.Themes.MaxBy(t => index.RecommendationsForTheme(t.Id).Count)!;
        var count = index.RecommendationsForTheme(biggest.Id).Count;
        var pages = SiteIndex.PageCount(count, SiteIndex.RecommendationsPerPage);
        Assert.True(pages >= 3, $"The corpus is too small to test paging: the biggest theme has {count} recommendations.");

        for (var page = 1; page <= pages; page++)
        {
            var doc = TestSites.Page(site, UrlScheme.ThemePage(biggest.Id, page));
            var recs = doc.QuerySelectorAll("main .rec").Length;
            Assert.Equal(page < pages ? SiteIndex.RecommendationsPerPage : count - (pages - 1) * SiteIndex.RecommendationsPerPage, recs);
        }
        Assert.False(site.Files.ContainsKey(UrlScheme.FileFor(UrlScheme.ThemePage(biggest.Id, pages + 1))));
        var reviews = TestSites.Page(site, UrlScheme.Reviews).QuerySelectorAll("main .review-item").Length;
        Assert.Equal(SiteIndex.ReviewsPerPage, reviews);
    }

    [Fact]
    public void Recurring_recommendations_are_on_the_first_page_of_a_listing_only_and_the_national_page_links_every_cluster()
    {
        var (model, site) = Generated.Value;
        var similar = DhrPortal.Learning.SimilarRecommendations.Compute(model);
        var index = SiteIndex.Create(model, [], similar, RenderedTexts.Of(model));
        Assert.True(index.Recurring.Count >= 3, $"The generated corpus has {index.Recurring.Count} recurring clusters.");
        Assert.Contains(index.Recurring, c => c.HasConfirmed);

        var theme = model.Themes.Where(t => index.RecurringForTheme(t.Id).Count > 0)
            .MaxBy(t => index.RecommendationsForTheme(t.Id).Count)!;
        Assert.True(SiteIndex.PageCount(index.RecommendationsForTheme(theme.Id).Count, SiteIndex.RecommendationsPerPage) >= 2);
        var first = TestSites.Page(site, UrlScheme.ThemePage(theme.Id, 1)).QuerySelectorAll("section.recurring li.cluster").Length;
        Assert.Equal(Math.Min(SiteIndex.ClustersPerListing, index.RecurringForTheme(theme.Id).Count), first);
        Assert.Null(TestSites.Page(site, UrlScheme.ThemePage(theme.Id, 2)).QuerySelector("section.recurring"));

        var pages = SiteIndex.PageCount(index.Recurring.Count, SiteIndex.ClustersPerPage);
        var listed = Enumerable.Range(1, pages).Sum(p => TestSites.Page(site, UrlScheme.RecurringPage(p)).QuerySelectorAll("main li.cluster").Length);
        Assert.Equal(index.Recurring.Count, listed);
    }
}
