namespace DhrPortal.BrowserTests;

/// <summary>The conventions every page shares: language, skip link, exit link, breadcrumbs, no inline code.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageConventionsTests(BrowserFixture fx)
{
    public const string ExitUrl = "https://www.bbc.co.uk/weather";

    [Theory]
    [MemberData(nameof(PageCatalog.AllKinds), MemberType = typeof(PageCatalog))]
    public async Task Page_follows_the_shared_conventions(string kind)
    {
        var page = fx.Site.Pages.Get(kind);
        await using var context = await fx.NewContextAsync();
        var p = await fx.OpenAsync(context, page);
        var problems = new List<string>();

        var lang = await p.EvaluateAsync<string?>("() => document.documentElement.getAttribute('lang')");
        if (lang != "en-GB") problems.Add($"<html lang> is '{lang}', expected 'en-GB'");

        await p.Keyboard.PressAsync("Tab");
        var first = await p.FocusedAsync();
        var skipTarget = first.Href is { } href && href.Contains('#', StringComparison.Ordinal) ? Uri.UnescapeDataString(href[(href.IndexOf('#', StringComparison.Ordinal) + 1)..]) : null;
        if (first.Tag != "a" || skipTarget is null || !first.Text.Contains("skip", StringComparison.OrdinalIgnoreCase))
            problems.Add($"the first focusable element is not a skip link: {first}");
        else if (!await p.EvaluateAsync<bool>("id => document.getElementById(id) !== null", skipTarget))
            problems.Add($"the skip link points to #{skipTarget}, which is not on the page");

        var exitHref = await p.EvaluateAsync<string?>("() => { const e = document.getElementById('exit-this-page'); return e ? (e.tagName.toLowerCase() + ' ' + e.getAttribute('href')) : null; }");
        if (exitHref != "a " + ExitUrl) problems.Add($"#exit-this-page should be <a href=\"{ExitUrl}\">, found: {exitHref ?? "nothing"}");

        if (kind is not ("home" or "404"))
        {
            var crumbs = await p.Locator("nav[aria-label*='readcrumb' i], nav[class*='breadcrumb' i]").CountAsync();
            if (crumbs == 0) problems.Add("no breadcrumbs (a <nav> labelled or classed 'breadcrumb')");
        }

        // Inline code is looked for in the HTML as served (scripts may still set styles through the CSSOM).
        var file = Site.UrlScheme.FileFor(page.ExpectedStatus == 404 ? Site.UrlScheme.NotFound : page.Url);
        var inline = InlineCode(await File.ReadAllTextAsync(Path.Combine(fx.Site.Directory, file)));
        problems.AddRange(inline);

        Assert.True(problems.Count == 0, $"{page}:\n  " + string.Join("\n  ", problems));
    }

    /// <summary>Inline scripts, style elements, style and event-handler attributes in an HTML document.</summary>
    internal static List<string> InlineCode(string html)
    {
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var found = new List<string>();
        foreach (var s in doc.QuerySelectorAll("script:not([src])"))
        {
            if (!(s.GetAttribute("type") ?? "").Contains("json", StringComparison.OrdinalIgnoreCase))
                found.Add("inline <script>: " + s.TextContent.Trim()[..Math.Min(60, s.TextContent.Trim().Length)]);
        }
        found.AddRange(doc.QuerySelectorAll("style").Select(_ => "<style> element"));
        foreach (var e in doc.All)
        {
            foreach (var a in e.Attributes)
            {
                if (a.Name == "style" || a.Name.StartsWith("on", StringComparison.Ordinal))
                    found.Add($"{a.Name} attribute on <{e.LocalName}>");
            }
        }
        return found.Take(20).ToList();
    }
}
