using System.IO.Compression;
using DhrPortal.Site;
using Xunit;
using Xunit.Abstractions;

namespace DhrPortal.Tests.Site.Build;

/// <summary>
/// Performance budgets, measured on the real generated output, gzipped at the optimal level:
/// a review page and the stylesheet fit in the first 14 KB a server can send (the initial TCP
/// congestion window), and all JavaScript together stays under 10 KB.
/// </summary>
public sealed class BudgetTests(ITestOutputHelper output)
{
    public const int ReviewPagePlusCssBudget = 14 * 1024;
    public const int JavaScriptBudget = 10 * 1024;

    public static int Gzipped(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(bytes);
        return (int)buffer.Length;
    }

    private static int Css(SiteOutput site) =>
        site.Files.Values.Where(f => f.Path.StartsWith("assets/", StringComparison.Ordinal) && f.Path.EndsWith(".css", StringComparison.Ordinal))
            .Sum(f => Gzipped(f.Bytes));

    [Fact]
    public void Every_review_page_of_the_real_site_plus_the_css_is_under_14_KB_gzipped()
    {
        var (model, site) = TestSites.Real;
        var css = Css(site);
        Assert.NotEmpty(model.Reviews);
        var sizes = model.Reviews
            .Select(r => (Url: UrlScheme.Review(r), Html: Gzipped(site.Files[UrlScheme.FileFor(UrlScheme.Review(r))].Bytes)))
            .OrderByDescending(x => x.Html).ToList();
        foreach (var (url, html) in sizes) output.WriteLine($"{url}: HTML {html} B + CSS {css} B = {html + css} B gzip");

        var worst = sizes[0];
        Assert.True(worst.Html + css < ReviewPagePlusCssBudget,
            $"{worst.Url}: HTML {worst.Html} B + CSS {css} B = {worst.Html + css} B gzip, over the {ReviewPagePlusCssBudget} B budget.");
    }

    [Fact]
    public void All_javascript_together_is_under_10_KB_gzipped()
    {
        var (_, site) = TestSites.Real;
        var scripts = site.Files.Values.Where(f => f.Path.EndsWith(".js", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(scripts);
        foreach (var s in scripts) output.WriteLine($"{s.Path}: {s.Bytes.Length} B, {Gzipped(s.Bytes)} B gzip");

        var total = scripts.Sum(s => Gzipped(s.Bytes));
        Assert.True(total < JavaScriptBudget, $"All JavaScript is {total} B gzip, over the {JavaScriptBudget} B budget.");
    }

    [Fact]
    public void Pages_load_only_the_scripts_they_need()
    {
        var site = TestSites.Default;
        foreach (var path in TestSites.HtmlPages(site))
        {
            var doc = TestSites.Html(site, path);
            var scripts = doc.QuerySelectorAll("script").Select(s => s.GetAttribute("src") ?? "").ToList();
            // exit.js everywhere; search.js on the search page, filter.js on the agencies page, copy.js on review pages.
            var expected = path is "search/index.html" or "agencies/index.html" || (path.StartsWith("reviews/", StringComparison.Ordinal) && path != "reviews/index.html" && !path.Contains("/page/", StringComparison.Ordinal)) ? 2 : 1;
            Assert.True(scripts.Count == expected, $"{path} loads {scripts.Count} scripts: {string.Join(", ", scripts)}");
        }
    }
}
