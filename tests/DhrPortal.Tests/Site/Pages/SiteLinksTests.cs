using AngleSharp.Dom;
using DhrPortal.Content;
using DhrPortal.Site;
using DhrPortal.Site.Checks;
using DhrPortal.Tests.Site.Build;
using Xunit;

namespace DhrPortal.Tests.Site.Pages;

/// <summary>
/// The build does not read the pages it generates: the theme's links come from <see cref="UrlScheme"/>
/// and the editors' links are checked from the model (<see cref="LinkChecker"/>). These tests read
/// every generated page, as a browser would, to hold both to what the reader gets: every internal link,
/// form and resource leads to a file of the site and every fragment to an id of its page, nothing is
/// loaded from another site, and every anchor the link check accepts is on its page.
/// </summary>
public sealed class SiteLinksTests
{
    // A summary that links to every kind of anchor the link check knows, so that accepting them is shown
    // to be right on the rendered pages too.
    private const string LinkingSummary = """
        See [summary](#summary), [recommendation 2](#r2-london-borough-of-havering), [the Manchester letter](/reviews/manchester-2024/#qa-letter),
        [abbreviations](/reviews/manchester-2024/#abbreviations), [related](/reviews/manchester-2024/#related-reviews),
        [an area](/themes/#area-process-and-policy), [a year](/reviews/#year-2023), [privacy](/about/#privacy), [safety](/about/#safety),
        [the licence](/about/#licence), [the CSV](/data/#recommendations-csv),
        [a sector](/agencies/#sector-police), [a region](/csps/#region-london), [help](/search/#support) and [the feed](/feed.xml).
        """;

    private static readonly Lazy<SiteOutput> Linking = new(() => TestSites.Build(TestSites.Model(
        TestSites.DefaultReviews.Select(r => r.Path == "reviews/havering-2022.md"
            ? (r.Path, r.Text.Replace("A summary of the Havering review.", LinkingSummary, StringComparison.Ordinal))
            : r))));

    public static TheoryData<string> Sites => ["default", "real", "linking"];

    private static (ContentModel Model, SiteOutput Output) Site(string name) => name switch
    {
        "default" => (TestSites.Model(), TestSites.Default),
        "real" => TestSites.Real,
        _ => (TestSites.Model(TestSites.DefaultReviews.Select(r => r.Path == "reviews/havering-2022.md"
            ? (r.Path, r.Text.Replace("A summary of the Havering review.", LinkingSummary, StringComparison.Ordinal))
            : r)), Linking.Value),
    };

    [Theory]
    [MemberData(nameof(Sites))]
    public void Every_link_form_and_resource_of_every_page_resolves(string name)
    {
        var (_, site) = Site(name);
        var ids = TestSites.HtmlPages(site).ToDictionary(p => p, p => IdsOf(TestSites.Html(site, p)), StringComparer.Ordinal);

        var problems = new List<string>();
        foreach (var (path, _) in ids)
        {
            foreach (var (element, value, resource) in References(TestSites.Html(site, path)))
            {
                if (Problem(site, ids, path, value, resource) is { } what) problems.Add($"{path}: <{element}> '{value}': {what}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }

    [Theory]
    [MemberData(nameof(Sites))]
    public void Every_anchor_the_link_check_accepts_is_on_its_page(string name)
    {
        var (model, site) = Site(name);
        var known = new LinkChecker.PageIds(SiteIndex.Create(model));

        foreach (var path in TestSites.HtmlPages(site))
        {
            var url = UrlScheme.PageFor(path)!;
            var missing = known.Of(url).Except(IdsOf(TestSites.Html(site, path))).ToList();
            Assert.True(missing.Count == 0, $"{url} has no element with id {string.Join(", ", missing)}");
        }
    }

    private static HashSet<string> IdsOf(IDocument page) =>
        page.QuerySelectorAll("[id]").Select(e => e.Id!).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every address of a page, and whether the browser fetches it by itself (a resource) or the reader follows it.</summary>
    private static IEnumerable<(string Element, string Value, bool Resource)> References(IDocument page)
    {
        foreach (var e in page.QuerySelectorAll("a[href], area[href]")) yield return (e.LocalName, e.GetAttribute("href")!, false);
        foreach (var e in page.QuerySelectorAll("form[action]")) yield return (e.LocalName, e.GetAttribute("action")!, false);
        foreach (var e in page.QuerySelectorAll("link[href]"))
        {
            var rel = e.GetAttribute("rel") ?? "";
            var navigation = rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(r => r is "alternate" or "canonical" or "license" or "author" or "help" or "next" or "prev");
            yield return (e.LocalName, e.GetAttribute("href")!, !navigation || rel.Length == 0);
        }
        foreach (var e in page.QuerySelectorAll("script[src], img[src], iframe[src], source[src], audio[src], video[src], embed[src], track[src]"))
            yield return (e.LocalName, e.GetAttribute("src")!, true);
        foreach (var e in page.QuerySelectorAll("video[poster]")) yield return (e.LocalName, e.GetAttribute("poster")!, true);
        foreach (var e in page.QuerySelectorAll("object[data]")) yield return (e.LocalName, e.GetAttribute("data")!, true);
        foreach (var e in page.QuerySelectorAll("img[srcset], source[srcset]"))
        {
            foreach (var candidate in e.GetAttribute("srcset")!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                yield return (e.LocalName, candidate.Split(' ', 2)[0], true);
        }
    }

    private static string? Problem(SiteOutput site, Dictionary<string, HashSet<string>> ids, string page, string value, bool resource)
    {
        value = value.Trim();
        var scheme = value.StartsWith("//", StringComparison.Ordinal) ? "//" : SchemeOf(value);
        if (scheme is not null)
        {
            if (resource) return scheme == "data:" ? null : "a resource from another site: the portal makes no third-party requests";
            return scheme is "http:" or "https:" or "mailto:" or "tel:" or "sms:" ? null : $"the scheme '{scheme}' is not allowed";
        }

        var hash = value.IndexOf('#', StringComparison.Ordinal);
        var path = (hash >= 0 ? value[..hash] : value).Split('?')[0];
        var fragment = hash >= 0 ? Uri.UnescapeDataString(value[(hash + 1)..]) : "";
        var target = page;
        if (path.Length > 0)
        {
            var url = new Uri(new Uri("https://site.invalid/" + page), path);
            if (url.Host != "site.invalid") return "leaves the site";
            target = UrlScheme.FileFor(Uri.UnescapeDataString(url.AbsolutePath));
            if (!site.Files.ContainsKey(target)) return $"the site has no file '{target}'";
        }
        if (fragment.Length == 0 || fragment.Equals("top", StringComparison.OrdinalIgnoreCase) || !ids.TryGetValue(target, out var targetIds)) return null;
        return targetIds.Contains(fragment) ? null : $"'{target}' has no element with id '{fragment}'";
    }

    private static string? SchemeOf(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return null;
        var scheme = value[..colon];
        return char.IsAsciiLetter(scheme[0]) && scheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') ? scheme.ToLowerInvariant() + ":" : null;
    }
}
