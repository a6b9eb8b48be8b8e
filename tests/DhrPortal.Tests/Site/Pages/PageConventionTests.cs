using AngleSharp.Dom;
using DhrPortal.Site;
using DhrPortal.Tests.Site.Build;
using Xunit;

namespace DhrPortal.Tests.Site.Pages;

/// <summary>What every page shares, checked on every generated page of the small site and the real one.</summary>
public sealed class PageConventionTests
{
    public const string ExitUrl = "https://www.bbc.co.uk/weather";

    public static TheoryData<string> Sites => new(["test", "real"]);

    private static SiteOutput SiteFor(string which) => which == "real" ? TestSites.Real.Output : TestSites.Default;

    /// <summary>Every convention broken by one page, as readable lines (empty when the page is fine).</summary>
    public static List<string> Problems(string path, IDocument doc)
    {
        var problems = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok) problems.Add(message);
        }

        Check(doc.DocumentElement.GetAttribute("lang") == "en-GB", "<html lang> is not en-GB");
        Check(doc.QuerySelector("meta[charset]")?.GetAttribute("charset") == "utf-8", "no <meta charset=utf-8>");
        Check(doc.QuerySelector("meta[name=viewport]") is not null, "no viewport meta");
        Check(doc.Title is { Length: > 0 }, "empty <title>");

        var h1 = doc.QuerySelectorAll("h1");
        Check(h1.Length == 1, $"{h1.Length} h1 elements");

        // The skip link is the first focusable element and points at <main>.
        var first = doc.QuerySelectorAll("a[href], button, input, select, textarea, [tabindex]")
            .FirstOrDefault(e => e.GetAttribute("tabindex") is not { } t || !t.StartsWith('-'));
        Check(first is not null && first.LocalName == "a" && first.ClassList.Contains("skip-link"),
            $"first focusable element is {first?.OuterHtml[..Math.Min(80, first.OuterHtml.Length)]}, not the skip link");
        var main = doc.QuerySelectorAll("main");
        Check(main.Length == 1, $"{main.Length} <main> elements");
        Check(first?.GetAttribute("href") == "#" + (main.Length > 0 ? main[0].Id : null), "the skip link does not point at <main>");

        var exit = doc.GetElementById("exit-this-page");
        Check(exit is not null && exit.LocalName == "a" && exit.GetAttribute("href") == ExitUrl, "no <a id=exit-this-page> to " + ExitUrl);

        Check(doc.QuerySelectorAll("header").Length == 1 && doc.QuerySelectorAll("footer").Length == 1, "not exactly one header and one footer");
        Check(doc.QuerySelectorAll("nav").All(n => n.HasAttribute("aria-label")), "a <nav> without aria-label");
        var isHome = path is "index.html" or "404.html";
        Check(isHome || doc.QuerySelector("nav[aria-label=Breadcrumb] ol li a") is not null, "no breadcrumbs");

        // Strict Content-Security-Policy: no inline script or style of any kind.
        foreach (var script in doc.QuerySelectorAll("script"))
            Check(script.GetAttribute("src")?.StartsWith("/assets/", StringComparison.Ordinal) == true && script.TextContent.Length == 0,
                "a script that is inline or not from /assets/: " + script.OuterHtml);
        Check(doc.QuerySelectorAll("style").Length == 0, "a <style> element");
        foreach (var element in doc.All)
        {
            foreach (var attribute in element.Attributes)
            {
                Check(attribute.Name != "style", $"style attribute on <{element.LocalName}>");
                Check(!attribute.Name.StartsWith("on", StringComparison.Ordinal), $"{attribute.Name} attribute on <{element.LocalName}>");
            }
        }

        // No third-party requests: every resource the page loads is on the site.
        foreach (var e in doc.QuerySelectorAll("link[href], script[src], img, iframe, object, embed, video, audio, source"))
        {
            var url = e.GetAttribute("href") ?? e.GetAttribute("src") ?? "";
            Check(url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) || e.GetAttribute("rel") == "canonical",
                $"<{e.LocalName}> loads '{url}' from another site");
        }

        // Headings never skip a level going down.
        var level = 0;
        foreach (var h in doc.QuerySelectorAll("h1, h2, h3, h4, h5, h6"))
        {
            var next = h.LocalName[1] - '0';
            Check(next <= level + 1 || level == 0 && next == 1, $"<{h.LocalName}> '{h.TextContent.Trim()}' follows an h{level}");
            level = next;
        }

        var ids = doc.All.Select(e => e.Id).Where(id => !string.IsNullOrEmpty(id)).GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Check(ids.Count == 0, "duplicate ids: " + string.Join(", ", ids));

        // Links the theme makes to other sites do not say where the reader came from (the meta
        // referrer policy covers links inside content Markdown too).
        Check(doc.QuerySelector("meta[name=referrer]")?.GetAttribute("content") == "no-referrer", "no <meta name=referrer content=no-referrer>");
        foreach (var a in doc.QuerySelectorAll("a[href^='http']").Where(a => a.Closest(".prose, .rec__text") is null))
            Check(a.GetAttribute("rel")?.Split(' ').Contains("noreferrer") == true, $"external link without rel=noreferrer: {a.GetAttribute("href")}");
        return problems;
    }

    [Theory]
    [MemberData(nameof(Sites))]
    public void Every_page_follows_the_shared_conventions(string which)
    {
        var site = SiteFor(which);
        var failures = TestSites.HtmlPages(site)
            .SelectMany(path => Problems(path, TestSites.Html(site, path)).Select(p => $"{path}: {p}"))
            .ToList();

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public void The_404_page_is_not_indexed_and_has_no_canonical_address()
    {
        var doc = TestSites.Html(TestSites.Default, "404.html");

        Assert.Equal("noindex", doc.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
        Assert.Null(doc.QuerySelector("link[rel=canonical]"));
        Assert.Contains(doc.QuerySelectorAll("main a"), a => a.GetAttribute("href") == UrlScheme.Home);
    }

    [Fact]
    public void Pages_have_a_canonical_absolute_address_and_a_description()
    {
        var doc = TestSites.Page(TestSites.Default, UrlScheme.Review("havering-2022"));

        Assert.Equal("https://portal.example/reviews/havering-2022/", doc.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        Assert.False(string.IsNullOrWhiteSpace(doc.QuerySelector("meta[name=description]")?.GetAttribute("content")));
        Assert.Equal("Havering review – Test Portal", doc.Title);
    }

    [Fact]
    public void Main_navigation_marks_the_current_section()
    {
        var site = TestSites.Default;

        var themes = TestSites.Page(site, UrlScheme.Themes).QuerySelector("nav[aria-label=Main] [aria-current]");
        var theme = TestSites.Page(site, UrlScheme.Theme("training")).QuerySelector("nav[aria-label=Main] [aria-current]");

        Assert.Equal(("/themes/", "page"), (themes?.GetAttribute("href"), themes?.GetAttribute("aria-current")));
        Assert.Equal(("/themes/", "true"), (theme?.GetAttribute("href"), theme?.GetAttribute("aria-current")));
    }
}
