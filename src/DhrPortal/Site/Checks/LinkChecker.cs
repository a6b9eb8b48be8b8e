using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DhrPortal.Diagnostics;

namespace DhrPortal.Site.Checks;

/// <summary>
/// Checks the generated site: every internal link, form and resource of every page must lead to a
/// file of the site, every <c>#fragment</c> to an element id of its target page, and no page may load
/// anything from another site (the portal makes no third-party requests). Each page is read once, as
/// it is added to the <see cref="SiteOutput"/> (so on the rendering threads, and before a streamed
/// page's bytes are dropped), with <see cref="HtmlScanner"/>, which follows the HTML tokenizer for what
/// the check needs and is held to AngleSharp's parser by the tests; only its ids and distinct
/// references are kept, with every string shared across pages. <see cref="Check"/> resolves them.
/// </summary>
public static class LinkChecker
{
    /// <summary>At most this many pages are reported for one broken link; the last report counts the rest.</summary>
    public const int MaxPagesPerProblem = 5;

    // Schemes a link or form may leave the site by. Everything else (javascript:, data:, file:...)
    // is an error wherever it appears, except data: for images and icons, which is not a request.
    private static readonly string[] NavigationSchemes = ["http:", "https:", "mailto:", "tel:", "sms:"];

    // <link rel> values that only describe a relation and make the browser fetch nothing.
    private static readonly HashSet<string> NonFetchingRels = new(StringComparer.OrdinalIgnoreCase)
    {
        "alternate", "author", "bookmark", "canonical", "external", "help", "license", "me", "next",
        "nofollow", "noopener", "noreferrer", "prev", "tag",
    };

    internal enum Kind
    {
        /// <summary>Something the reader follows: a link or a form.</summary>
        Navigation,
        /// <summary>Something the browser fetches by itself: a script, stylesheet, image, frame.</summary>
        Resource,
    }

    internal readonly record struct Reference(string Element, string Attribute, string Value, Kind Kind);

    /// <summary>A page of the site and the fragment ids it defines.</summary>
    internal sealed record Page(string Path, HashSet<string> Ids)
    {
        public HashSet<string>.AlternateLookup<ReadOnlySpan<char>> IdLookup { get; } = Ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>What was read of one page: its ids, and its references without repeats.</summary>
    internal sealed record PageLinks(Page Page, string SourcePath, Reference[] References);

    private readonly record struct Problem(string Page, string SourcePath, string Link, string What);

    /// <summary>A file of the site, and its page when it is one.</summary>
    private sealed record Target(string File, Page? Page);

    /// <summary>The files of the site, by output path and by the URL paths that serve them.</summary>
    private sealed class SiteMap
    {
        public required Dictionary<string, Target> ByFile { get; init; }
        /// <summary>"/x/" and "/x/index.html" → "x/index.html"; "/x.css" → "x.css".</summary>
        public required Dictionary<string, Target>.AlternateLookup<ReadOnlySpan<char>> ByUrl { get; init; }
    }

    /// <summary>The ids and references of the pages of one build, read as they are added. Thread-safe.</summary>
    internal sealed class Collector
    {
        private readonly ConcurrentDictionary<string, PageLinks> _pages = new(StringComparer.Ordinal);
        // Most link targets and ids recur on many pages (the layout, theme and agency links): one copy each.
        private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);

        private string Shared(string s) => _strings.GetOrAdd(s, s);

        public void Read(OutputFile file)
        {
            if (IsHtml(file.Path)) _pages[file.Path] = ReadPage(file, Shared);
        }

        public ICollection<PageLinks> Pages => _pages.Values;

        public PageLinks? Find(string path) => _pages.GetValueOrDefault(path);
    }

    /// <summary>Every broken internal link or anchor and every off-site resource, as DHR601 errors, in report order.</summary>
    public static IReadOnlyList<Diagnostic> Check(SiteOutput site)
    {
        var paths = site.Paths;
        var byFile = new Dictionary<string, Target>(paths.Count, StringComparer.Ordinal);
        var byUrl = new Dictionary<string, Target>(paths.Count * 2, StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var target = new Target(path, site.Links.Find(path)?.Page);
            byFile[path] = target;
            byUrl["/" + path] = target;
            if (path == "index.html" || path.EndsWith("/index.html", StringComparison.Ordinal))
                byUrl["/" + path[..^"index.html".Length]] = target;
        }
        var map = new SiteMap { ByFile = byFile, ByUrl = byUrl.GetAlternateLookup<ReadOnlySpan<char>>() };

        var problems = new ConcurrentBag<Problem>();
        Parallel.ForEach(site.Links.Pages, page => CheckPage(map, page, problems));
        return Report(problems);
    }

    private static bool IsHtml(string path) => path.EndsWith(".html", StringComparison.OrdinalIgnoreCase);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PageLinks ReadPage(OutputFile file, Func<string, string> shared)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var references = new HashSet<Reference>();
        void Add(string element, string attribute, string? value, Kind kind)
        {
            if (value is not null) references.Add(new Reference(element, attribute, shared(TrimUrl(value)), kind));
        }

        HtmlScanner.Scan(file.Bytes, tag =>
        {
            if (!string.IsNullOrEmpty(tag.Id)) ids.Add(shared(tag.Id));
            switch (tag.Name)
            {
                case "a" or "area":
                    // <a name> is a fragment target too (the legacy form of an id).
                    if (tag.Name == "a" && !string.IsNullOrEmpty(tag.NameAttribute)) ids.Add(shared(tag.NameAttribute));
                    Add(tag.Name, "href", tag.Href, Kind.Navigation);
                    break;
                case "form":
                    Add(tag.Name, "action", tag.Action, Kind.Navigation);
                    break;
                case "link":
                    Add(tag.Name, "href", tag.Href, IsFetching(tag.Rel) ? Kind.Resource : Kind.Navigation);
                    break;
                case "script" or "img" or "iframe" or "source" or "audio" or "embed" or "track":
                    Add(tag.Name, "src", tag.Src, Kind.Resource);
                    break;
                case "video":
                    Add(tag.Name, "src", tag.Src, Kind.Resource);
                    Add(tag.Name, "poster", tag.Poster, Kind.Resource);
                    break;
                case "object":
                    Add(tag.Name, "data", tag.Data, Kind.Resource);
                    break;
            }
            // srcset lists further images; each candidate is "url [descriptor]".
            if (tag.Name is "img" or "source" && !string.IsNullOrEmpty(tag.Srcset))
            {
                foreach (var candidate in tag.Srcset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    Add(tag.Name, "srcset", candidate.Split(' ', 2)[0], Kind.Resource);
            }
        });
        ids.TrimExcess();
        return new PageLinks(new Page(file.Path, ids), file.SourcePath, [.. references]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CheckPage(SiteMap site, PageLinks page, ConcurrentBag<Problem> problems)
    {
        HashSet<(string, string)>? seen = null;
        foreach (var reference in page.References)
        {
            var what = Resolve(site, page.Page, reference);
            if (what is not null && (seen ??= []).Add((reference.Value, what)))
                problems.Add(new Problem(page.Page.Path, page.SourcePath, reference.Value, what));
        }
    }

    // Browsers strip leading and trailing ASCII whitespace from URL attributes.
    private static string TrimUrl(string value) =>
        value.Length > 0 && (IsHtmlSpace(value[0]) || IsHtmlSpace(value[^1])) ? value.Trim(' ', '\t', '\n', '\f', '\r') : value;

    private static bool IsHtmlSpace(char c) => c is ' ' or '\t' or '\n' or '\f' or '\r';

    private static bool IsFetching(string? rel)
    {
        if (string.IsNullOrWhiteSpace(rel)) return true;
        foreach (var token in rel.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!NonFetchingRels.Contains(token)) return true;
        }
        return false;
    }

    /// <summary>What is wrong with one reference of a page, or null when it resolves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string? Resolve(SiteMap site, Page page, Reference reference)
    {
        var value = reference.Value;
        if (IsOffSite(value, out var scheme))
        {
            if (scheme is "data:" && reference.Kind == Kind.Resource && reference.Element is "img" or "link" or "source")
                return null;
            if (reference.Kind == Kind.Resource)
                return scheme is "http:" or "https:" or "//"
                    ? $"{Where(reference)} loads a file from another site; the portal must make no third-party requests"
                    : $"{Where(reference)} uses the scheme '{scheme}', which is not allowed";
            return scheme == "//" || NavigationSchemes.Contains(scheme) ? null : $"{Where(reference)} uses the scheme '{scheme}', which is not allowed";
        }

        // An internal reference: a path (relative to the page or to the site), then an optional
        // fragment. A query is ignored: static hosting serves the same file whatever it is.
        var span = value.AsSpan();
        var hash = span.IndexOf('#');
        var pathPart = hash >= 0 ? span[..hash] : span;
        var fragment = hash >= 0 ? span[(hash + 1)..] : [];
        var query = pathPart.IndexOf('?');
        if (query >= 0) pathPart = pathPart[..query];

        Page? target;
        if (pathPart.IsEmpty)
        {
            target = page;
        }
        else
        {
            // The common case, a plain site-absolute path, is one lookup without allocating.
            if (!(pathPart[0] == '/' && site.ByUrl.TryGetValue(pathPart, out var found)))
            {
                var sitePath = pathPart[0] == '/' ? pathPart.ToString() : Combine(page.Path, pathPart.ToString());
                if (sitePath is null) return $"{Where(reference)} climbs above the site root";
                sitePath = Unescape(sitePath);
                var file = UrlScheme.FileFor(sitePath);
                if (!site.ByFile.TryGetValue(file, out found))
                {
                    var hint = site.ByFile.ContainsKey(UrlScheme.FileFor(sitePath + "/")) ? $" (did you mean '{sitePath}/'?)" : "";
                    return $"{Where(reference)} points to '{sitePath}', but the site has no file '{file}'{hint}";
                }
            }
            if (found.Page is null) return null; // fragments of non-HTML files are not ids
            target = found.Page;
        }

        if (fragment.IsEmpty) return null;
        if (target.IdLookup.Contains(fragment)) return null;
        var id = Unescape(fragment.ToString());
        if (target.Ids.Contains(id) || string.Equals(id, "top", StringComparison.OrdinalIgnoreCase)) return null;
        return ReferenceEquals(target, page)
            ? $"{Where(reference)} points to '#{id}', but the page has no element with id '{id}'"
            : $"{Where(reference)} points to '#{id}' on '{target.Path}', which has no element with id '{id}'";
    }

    private static string Where(Reference reference) => $"<{reference.Element} {reference.Attribute}>";

    /// <summary>True for a reference that leaves the site: any scheme, or a protocol-relative '//host'.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsOffSite(string value, out string scheme)
    {
        if (value.StartsWith("//", StringComparison.Ordinal) || value.StartsWith("\\\\", StringComparison.Ordinal) || value.StartsWith("/\\", StringComparison.Ordinal))
        {
            scheme = "//";
            return true;
        }
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == ':' && i > 0)
            {
                scheme = value[..(i + 1)].ToLowerInvariant();
                return true;
            }
            if (!(char.IsAsciiLetter(c) || (i > 0 && (char.IsAsciiDigit(c) || c is '+' or '-' or '.')))) break;
        }
        scheme = "";
        return false;
    }

    /// <summary>Resolves a relative path against the folder of <paramref name="pagePath"/>; null above the root.</summary>
    private static string? Combine(string pagePath, string relative)
    {
        var segments = new List<string>(pagePath.Split('/'));
        segments.RemoveAt(segments.Count - 1); // the page's own file name
        var parts = relative.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var last = i == parts.Length - 1;
            if (part == "..")
            {
                if (segments.Count == 0) return null;
                segments.RemoveAt(segments.Count - 1);
                if (last) segments.Add("");
            }
            else if (part == ".")
            {
                if (last) segments.Add("");
            }
            else
            {
                segments.Add(part);
            }
        }
        return "/" + string.Join('/', segments);
    }

    private static string Unescape(string s) => s.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(s) : s;

    private static List<Diagnostic> Report(IEnumerable<Problem> problems)
    {
        var diagnostics = new List<Diagnostic>();
        // One broken link in a shared part of the layout would otherwise be reported once per page.
        var groups = problems
            .GroupBy(p => (p.Link, p.What))
            .OrderBy(g => g.Key.Link, StringComparer.Ordinal)
            .ThenBy(g => g.Key.What, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var pages = group.OrderBy(p => p.Page, StringComparer.Ordinal).ToList();
            var shown = Math.Min(pages.Count, MaxPagesPerProblem);
            for (var i = 0; i < shown; i++)
            {
                var p = pages[i];
                var more = i == shown - 1 && pages.Count > shown ? $" (and {pages.Count - shown} more pages)" : "";
                diagnostics.Add(new Diagnostic(
                    DiagnosticCodes.BrokenLink.Id,
                    Severity.Error,
                    $"page '{p.Page}': link '{p.Link}': {p.What}{more}",
                    SourceSpan.WholeFile(p.SourcePath),
                    DiagnosticCodes.BrokenLink.Help));
            }
        }
        diagnostics.Sort(Diagnostic.Compare);
        return diagnostics;
    }
}
