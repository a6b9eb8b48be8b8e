using DhrPortal.Diagnostics;
using DhrPortal.Site;
using DhrPortal.Site.Checks;
using Xunit;

namespace DhrPortal.Tests.Site.Checks;

public class LinkCheckerTests
{
    private static string Page(string body) =>
        $"<!DOCTYPE html><html lang=\"en\"><head><title>t</title><link rel=\"stylesheet\" href=\"/assets/site.css\"></head><body>{body}</body></html>";

    private static SiteOutput Site(params (string Path, string Html, string Source)[] pages)
    {
        var site = new SiteOutput();
        site.Add("assets/site.css", "body{}", "theme");
        site.Add("data/recommendations.csv", "review_id\r\n", "reviews/");
        foreach (var (path, html, source) in pages) site.Add(path, html, source);
        return site;
    }

    private static List<string> Messages(IReadOnlyList<Diagnostic> diagnostics) =>
        diagnostics.Select(d => $"{d.Span.Path}: {d.Message}").ToList();

    [Fact]
    public void Reports_exactly_the_broken_path_the_broken_anchor_and_the_off_site_script()
    {
        var site = Site(
            ("index.html", Page("""
                <a href="/reviews/x/">good page</a>
                <a href="/reviews/x/#r1-lft">good anchor</a>
                <a href="/reviews/missing/">broken path</a>
                <a href="/reviews/x/#r9-nope">broken anchor</a>
                <a href="https://www.gov.uk/guidance">external</a>
                <a href="mailto:dhr@example.org">mail</a>
                <script src="https://cdn.example/tracker.js"></script>
                """), "site.yml"),
            ("reviews/x/index.html", Page("""<h2 id="r1-lft">1</h2>"""), "reviews/x.md"));

        var diagnostics = LinkChecker.Check(site);

        Assert.All(diagnostics, d =>
        {
            Assert.Equal("DHR601", d.Code);
            Assert.Equal(Severity.Error, d.Severity);
            Assert.Equal(0, d.Span.Line);
        });
        Assert.Equal(
            [
                "site.yml: page 'index.html': link '/reviews/missing/': <a href> points to '/reviews/missing/', but the site has no file 'reviews/missing/index.html'",
                "site.yml: page 'index.html': link '/reviews/x/#r9-nope': <a href> points to '#r9-nope' on 'reviews/x/index.html', which has no element with id 'r9-nope'",
                "site.yml: page 'index.html': link 'https://cdn.example/tracker.js': <script src> loads a file from another site; the portal must make no third-party requests",
            ],
            Messages(diagnostics));
    }

    [Fact]
    public void A_clean_site_has_no_diagnostics()
    {
        var site = Site(
            ("index.html", Page("""
                <nav id="top-nav"><a href="#main">Skip</a></nav>
                <main id="main"><a href="/reviews/">Reviews</a> <a href="reviews/">relative</a> <a href="/data/recommendations.csv">CSV</a>
                <a href="#">top</a> <a href="#top">top</a> <a href="">self</a> <a href="/?q=x#main">query</a>
                <a href="//example.org/x">protocol-relative link</a> <a href="tel:08082000247">helpline</a>
                <form action="/search/" method="get"><input name="q"></form>
                <img src="/assets/site.css" alt=""> <img src="data:image/gif;base64,R0lGOD" alt="">
                <link rel="canonical" href="https://portal.example/"></main>
                """), "site.yml"),
            ("reviews/index.html", Page("""<a href="../">home</a> <a href="./">self</a> <a href="../search/#results">search</a> <a name="legacy"></a> <a href="#legacy">legacy</a>"""), "reviews/"),
            ("search/index.html", Page("""<div id="results"></div><a href="/feed">a file without extension</a>"""), "site.yml"),
            ("feed", "not a page", "site.yml"));

        Assert.Empty(LinkChecker.Check(site));
    }

    [Fact]
    public void Fragment_on_the_same_page_must_exist()
    {
        var site = Site(("about/index.html", Page("""<h2 id="licence">L</h2><a href="#licence">ok</a><a href="#contact">broken</a>"""), "site.yml"));
        var d = Assert.Single(LinkChecker.Check(site));
        Assert.Equal("page 'about/index.html': link '#contact': <a href> points to '#contact', but the page has no element with id 'contact'", d.Message);
    }

    [Fact]
    public void A_directory_url_without_its_slash_is_reported_with_a_hint()
    {
        var site = Site(("index.html", Page("""<a href="/themes">themes</a>"""), "site.yml"), ("themes/index.html", Page(""), "themes.yml"));
        var d = Assert.Single(LinkChecker.Check(site));
        Assert.Contains("did you mean '/themes/'?", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<link rel=\"stylesheet\" href=\"https://fonts.example/css\">")]
    [InlineData("<link rel=\"preconnect\" href=\"https://fonts.example\">")]
    [InlineData("<img src=\"https://images.example/a.png\" alt=\"\">")]
    [InlineData("<img src=\"/assets/site.css\" srcset=\"https://images.example/a.png 2x\" alt=\"\">")]
    [InlineData("<iframe src=\"https://video.example/embed\"></iframe>")]
    [InlineData("<script src=\"//cdn.example/x.js\"></script>")]
    public void Any_resource_from_another_site_is_an_error(string element)
    {
        var d = Assert.Single(LinkChecker.Check(Site(("index.html", Page(element), "site.yml"))));
        Assert.Contains("another site", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "javascript:")]
    [InlineData("<a href=\"data:text/html,x\">x</a>", "data:")]
    [InlineData("<script src=\"data:text/javascript,alert(1)\"></script>", "data:")]
    [InlineData("<form action=\"javascript:alert(1)\"></form>", "javascript:")]
    public void Scripting_schemes_are_errors(string element, string scheme)
    {
        var d = Assert.Single(LinkChecker.Check(Site(("index.html", Page(element), "site.yml"))));
        Assert.Contains($"the scheme '{scheme}'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Internal_resources_must_exist()
    {
        var site = Site(("index.html", Page("""<script src="/assets/app.js"></script><img src="../up.png" alt="">"""), "site.yml"));
        Assert.Equal(
            [
                "site.yml: page 'index.html': link '../up.png': <img src> climbs above the site root",
                "site.yml: page 'index.html': link '/assets/app.js': <script src> points to '/assets/app.js', but the site has no file 'assets/app.js'",
            ],
            Messages(LinkChecker.Check(site)));
    }

    [Fact]
    public void Percent_encoded_paths_and_fragments_are_decoded()
    {
        var site = Site(
            ("index.html", Page("""<a href="/studies/s%C3%A9/#section-3%2E1">ok</a>"""), "site.yml"),
            ("studies/sé/index.html", Page("""<h2 id="section-3.1">x</h2>"""), "study"));
        Assert.Empty(LinkChecker.Check(site));
    }

    [Fact]
    public void Problems_name_the_input_file_of_the_page()
    {
        var site = Site(("reviews/x/index.html", Page("""<a href="/themes/nope/">t</a>"""), "reviews/x.md"));
        var d = Assert.Single(LinkChecker.Check(site));
        Assert.Equal(SourceSpan.WholeFile("reviews/x.md"), d.Span);
        Assert.Equal(DiagnosticCodes.BrokenLink.Help, d.Help);
    }

    [Fact]
    public void A_link_broken_on_many_pages_is_reported_a_few_times_with_a_count()
    {
        var pages = Enumerable.Range(0, 8)
            .Select(i => ($"p{i}/index.html", Page("""<a href="/gone/">x</a><a href="/gone/">again</a>"""), $"src{i}"))
            .ToArray();
        var diagnostics = LinkChecker.Check(Site(pages));
        Assert.Equal(LinkChecker.MaxPagesPerProblem, diagnostics.Count);
        Assert.Equal(["src0", "src1", "src2", "src3", "src4"], diagnostics.Select(d => d.Span.Path));
        Assert.EndsWith("(and 3 more pages)", diagnostics[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_html_files_are_not_parsed_and_their_fragments_are_not_checked()
    {
        var site = Site(("index.html", Page("""<a href="/data/recommendations.csv#row=2">csv</a>"""), "site.yml"));
        site.Add("data/notes.txt", "<a href=\"/nowhere/\">not html</a>", "x");
        Assert.Empty(LinkChecker.Check(site));
    }

    [Fact]
    public void Results_are_deterministic()
    {
        var pages = Enumerable.Range(0, 50)
            .Select(i => ($"p{i:D2}/index.html", Page($"""<a href="/p{(i + 1) % 60:D2}/#x">n</a><a href="#y{i}">y</a>"""), $"src{i % 7}"))
            .ToArray();
        var site = Site(pages);
        var first = Messages(LinkChecker.Check(site));
        for (var i = 0; i < 5; i++) Assert.Equal(first, Messages(LinkChecker.Check(site)));
    }
}
