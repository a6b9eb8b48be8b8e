using DhrPortal.Site;
using Xunit;

namespace DhrPortal.Tests.Site.Build;

/// <summary>A renamed review keeps its old URL: 'previous_ids:' in content becomes a 301 in Netlify's _redirects.</summary>
public sealed class RedirectsTests
{
    private static readonly string RenamedHavering = TestSites.Havering
        .Replace("id: havering-2022", "id: havering-2022-adult-b", StringComparison.Ordinal)
        .Replace("relationship: intimate-partner", "relationship: intimate-partner\nprevious_ids: [havering-2022, havering-dhr-2022]", StringComparison.Ordinal);

    [Fact]
    public void A_renamed_review_id_produces_a_permanent_redirect_from_each_old_url()
    {
        var model = TestSites.Model([("reviews/cardiff-2023.md", TestSites.Cardiff), ("reviews/havering-2022-adult-b.md", RenamedHavering), ("reviews/manchester-2024.md", TestSites.Manchester)]);
        var site = TestSites.Build(model);

        var lines = TestSites.Text(site, UrlScheme.FileFor(UrlScheme.Redirects)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith('#')).ToList();
        Assert.Equal(["/reviews/havering-2022/ /reviews/havering-2022-adult-b/ 301", "/reviews/havering-dhr-2022/ /reviews/havering-2022-adult-b/ 301"], lines);
        // The target exists; the old page does not (Netlify applies a redirect rule only when no file matches, unless forced).
        Assert.True(site.Files.ContainsKey(UrlScheme.FileFor(UrlScheme.Review("havering-2022-adult-b"))));
        Assert.False(site.Files.ContainsKey(UrlScheme.FileFor(UrlScheme.Review("havering-2022"))));
    }

    [Fact]
    public void Without_renamed_reviews_the_redirects_file_has_no_rule()
    {
        var text = TestSites.Text(TestSites.Default, "_redirects");

        Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.StartsWith("#", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Old_id_of_one_review_cannot_be_the_id_of_another()
    {
        var clash = TestSites.Havering.Replace("relationship: intimate-partner", "relationship: intimate-partner\nprevious_ids: [manchester-2024]", StringComparison.Ordinal);
        var input = new DhrPortal.Loading.InputSet
        {
            Site = File(DhrPortal.Loading.InputReader.SiteFile, TestSites.Site),
            Themes = File(DhrPortal.Loading.InputReader.ThemesFile, TestSites.Themes),
            Agencies = File(DhrPortal.Loading.InputReader.AgenciesFile, TestSites.Agencies),
            Csps = File(DhrPortal.Loading.InputReader.CspsFile, TestSites.Csps),
            Reviews = [File("reviews/havering-2022.md", clash), File("reviews/manchester-2024.md", TestSites.Manchester)],
        };

        var result = DhrPortal.Validation.ContentChecker.Check(input, TestSites.Options);

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("DHR306", d.Code);
        Assert.Equal(("reviews/havering-2022.md", 9, 16), (d.Span.Path, d.Span.Line, d.Span.Column));
        Assert.Contains("reviews/manchester-2024.md", d.Message, StringComparison.Ordinal);
        Assert.Null(result.Model);
    }

    [Fact]
    public void An_old_id_that_is_not_a_valid_id_is_reported_where_it_is_written()
    {
        var bad = TestSites.Havering.Replace("relationship: intimate-partner", "relationship: intimate-partner\nprevious_ids: [havering-2021, Havering_2022]", StringComparison.Ordinal);
        var input = new DhrPortal.Loading.InputSet
        {
            Site = File(DhrPortal.Loading.InputReader.SiteFile, TestSites.Site),
            Themes = File(DhrPortal.Loading.InputReader.ThemesFile, TestSites.Themes),
            Agencies = File(DhrPortal.Loading.InputReader.AgenciesFile, TestSites.Agencies),
            Csps = File(DhrPortal.Loading.InputReader.CspsFile, TestSites.Csps),
            Reviews = [File("reviews/havering-2022.md", bad)],
        };

        var d = Assert.Single(DhrPortal.Validation.ContentChecker.Check(input, TestSites.Options).Diagnostics);

        Assert.Equal(("DHR106", 9, 31), (d.Code, d.Span.Line, d.Span.Column));
    }

    private static DhrPortal.Loading.SourceFile File(string path, string text) => new(path, System.Text.Encoding.UTF8.GetBytes(text));
}
