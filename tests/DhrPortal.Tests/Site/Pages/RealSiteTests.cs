using DhrPortal.Site;
using DhrPortal.Theme.Pages;
using DhrPortal.Tests.Site.Build;
using Xunit;

namespace DhrPortal.Tests.Site.Pages;

/// <summary>The site built from the real input/ folder has every page type and every data file.</summary>
public sealed class RealSiteTests
{
    [Fact]
    public void Every_page_type_exists_for_the_real_input()
    {
        var (model, site) = TestSites.Real;
        Assert.NotEmpty(model.Reviews);

        var expected = new List<string>
        {
            UrlScheme.Home, UrlScheme.Reviews, UrlScheme.Themes, UrlScheme.Agencies, UrlScheme.Csps, UrlScheme.Years,
            UrlScheme.Search, UrlScheme.About, UrlScheme.Study(TaxonomyStudy.Id), UrlScheme.DataSchema, UrlScheme.NotFound,
            UrlScheme.RecommendationsCsv, UrlScheme.ReviewsJson, UrlScheme.Feed, UrlScheme.Sitemap, UrlScheme.Robots,
        };
        expected.AddRange(model.Reviews.Select(UrlScheme.Review));
        expected.AddRange(model.Themes.Select(t => UrlScheme.Theme(t.Id)));
        expected.AddRange(model.Agencies.Select(a => UrlScheme.Agency(a.Id)));
        expected.AddRange(model.Csps.Select(c => UrlScheme.Csp(c.Id)));
        expected.AddRange(model.Reviews.Select(r => r.Published?.Year).OfType<int>().Distinct().Select(UrlScheme.Year));

        // The search page names the entry file of the search index, which the build wrote.
        var entry = TestSites.Page(site, UrlScheme.Search).GetElementById("search-form")!.GetAttribute("data-index")!;
        Assert.Equal(UrlScheme.SearchIndexEntry, entry);
        expected.Add(entry);

        var missing = expected.Where(url => !site.Files.ContainsKey(UrlScheme.FileFor(url))).ToList();
        Assert.True(missing.Count == 0, "Missing pages: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_file_names_the_input_it_came_from()
    {
        var (model, site) = TestSites.Real;

        foreach (var review in model.Reviews)
            Assert.Equal(review.SourcePath, site.Files[UrlScheme.FileFor(UrlScheme.Review(review))].SourcePath);
        Assert.All(site.Files.Values, f => Assert.False(string.IsNullOrEmpty(f.SourcePath), f.Path));
    }
}
