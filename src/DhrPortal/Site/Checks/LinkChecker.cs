using DhrPortal.Content;
using DhrPortal.Diagnostics;

namespace DhrPortal.Site.Checks;

/// <summary>
/// Checks the links editors wrote (<see cref="Review.Links"/>, taken from the Markdown syntax tree by
/// the content checker, where they were written) against the files the build produced and the anchors
/// the model says each page has. The pages are never read: what the theme writes itself comes from
/// <see cref="UrlScheme"/>, and a test holds the rendered site to this check's idea of its anchors.
/// Links that leave the site, and images, never reach here: the renderer removes what is not allowed
/// (DHR502, DHR113) and the site's Content-Security-Policy refuses third-party requests.
/// </summary>
public static class LinkChecker
{
    /// <summary>At most this many places are reported for one broken link; the last report counts the rest.</summary>
    public const int MaxPlacesPerProblem = 5;

    /// <summary>
    /// Ids the layout gives every page (theme/Slices/Layout.cshtml); not the header's search box, which
    /// the search page leaves out.
    /// </summary>
    public static IReadOnlyList<string> LayoutIds { get; } =
        [UrlScheme.MainAnchor, UrlScheme.SupportAnchor, UrlScheme.ExitButtonId, UrlScheme.HelpHeadingId];

    private readonly record struct Problem(string Link, string What, SourceSpan Span);

    /// <summary>
    /// Every link of the content that leads to no file of <paramref name="outputPaths"/>, or to an
    /// anchor its page does not have, as DHR601 errors where the link was written, in report order.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Check(SiteIndex site, IReadOnlyCollection<string> outputPaths)
    {
        var files = outputPaths.ToHashSet(StringComparer.Ordinal);
        var ids = new PageIds(site);
        var problems = new List<Problem>();
        foreach (var review in site.Model.Reviews)
        {
            foreach (var link in review.Links)
            {
                if (Resolve(files, ids, UrlScheme.Review(review), "the review's page", link) is { } what) problems.Add(new Problem(link.Url, what, link.Span));
            }
        }
        foreach (var study in site.Model.Studies)
        {
            foreach (var link in study.Links)
            {
                if (Resolve(files, ids, UrlScheme.Study(study.Id), "the study's page", link) is { } what) problems.Add(new Problem(link.Url, what, link.Span));
            }
        }
        return Report(problems);
    }

    /// <summary>What is wrong with one link written on the page at <paramref name="page"/>, or null when it resolves.</summary>
    private static string? Resolve(HashSet<string> files, PageIds ids, string page, string pageName, SiteLink link)
    {
        // A path from the site root, then an optional fragment. A query is ignored: static hosting
        // serves the same file whatever it is.
        var value = link.Url;
        var hash = value.IndexOf('#', StringComparison.Ordinal);
        var path = hash >= 0 ? value[..hash] : value;
        var fragment = hash >= 0 ? Unescape(value[(hash + 1)..]) : "";
        var query = path.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0) path = path[..query];

        if (path.Length == 0)
        {
            if (fragment.Length == 0 || IsTop(fragment) || LayoutIds.Contains(fragment)) return null;
            if (!ids.Of(page).Contains(fragment)) return $"{pageName} has no element with id '{fragment}'";
            return link.Listed
                ? $"'#{fragment}' is on the review's page, but a recommendation is also listed on theme and agency pages, where it leads nowhere; write '{page}#{fragment}'"
                : null;
        }

        var sitePath = Normalise(Unescape(path));
        if (sitePath is null) return $"'{path}' climbs above the site root";
        var file = UrlScheme.FileFor(sitePath);
        if (!files.Contains(file))
        {
            var hint = files.Contains(UrlScheme.FileFor(sitePath + "/")) ? $" (did you mean '{sitePath}/'?)" : "";
            return $"the site has no page or file '{sitePath}'{hint}";
        }
        // Fragments of files that are not pages (a CSV row, a feed entry) are not ids.
        if (fragment.Length == 0 || IsTop(fragment) || UrlScheme.PageFor(file) is not { } target) return null;
        return ids.Of(target).Contains(fragment) ? null : $"the page '{target}' has no element with id '{fragment}'";
    }

    // '#' and '#top' go to the top of any page, whatever its ids.
    private static bool IsTop(string fragment) => string.Equals(fragment, "top", StringComparison.OrdinalIgnoreCase);

    private static string Unescape(string s) => s.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(s) : s;

    /// <summary>A site path with its '.' and '..' segments resolved as a browser does; null above the root.</summary>
    private static string? Normalise(string path)
    {
        if (!path.Contains("/.", StringComparison.Ordinal)) return path;
        var segments = new List<string>();
        var parts = path[1..].Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            var last = i == parts.Length - 1;
            switch (parts[i])
            {
                case "..":
                    if (segments.Count == 0) return null;
                    segments.RemoveAt(segments.Count - 1);
                    if (last) segments.Add("");
                    break;
                case ".":
                    if (last) segments.Add("");
                    break;
                default:
                    segments.Add(parts[i]);
                    break;
            }
        }
        return "/" + string.Join('/', segments);
    }

    private static List<Diagnostic> Report(List<Problem> problems)
    {
        var diagnostics = new List<Diagnostic>();
        // The same broken link pasted into many reviews is reported at its first few places and counted.
        var groups = problems
            .GroupBy(p => (p.Link, p.What))
            .OrderBy(g => g.Key.Link, StringComparer.Ordinal)
            .ThenBy(g => g.Key.What, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var places = group.OrderBy(p => p.Span.Path, StringComparer.Ordinal).ThenBy(p => p.Span.Line).ThenBy(p => p.Span.Column).ToList();
            var shown = Math.Min(places.Count, MaxPlacesPerProblem);
            for (var i = 0; i < shown; i++)
            {
                var p = places[i];
                var more = i == shown - 1 && places.Count > shown ? $" (and {places.Count - shown} more places)" : "";
                diagnostics.Add(new Diagnostic(
                    DiagnosticCodes.BrokenLink.Id,
                    Severity.Error,
                    $"The link '{p.Link}' leads nowhere: {p.What}.{more}",
                    p.Span,
                    DiagnosticCodes.BrokenLink.Help));
            }
        }
        diagnostics.Sort(Diagnostic.Compare);
        return diagnostics;
    }

    /// <summary>
    /// The ids of each page that content may link to, as the model gives them: the layout's on every
    /// page, and the sections and items of the pages that have them. A page not named here has the
    /// layout's only, so a link to an id the model does not know is reported rather than trusted.
    /// </summary>
    internal sealed class PageIds
    {
        private readonly SiteIndex _site;
        private readonly Dictionary<string, HashSet<string>> _listings;
        private readonly Dictionary<string, HashSet<string>> _reviews = new(StringComparer.Ordinal);
        private readonly HashSet<string> _layoutOnly = Ids([]);

        public PageIds(SiteIndex site)
        {
            _site = site;
            _listings = new(StringComparer.Ordinal)
            {
                [UrlScheme.Themes] = Ids(site.Model.Areas.Select(a => UrlScheme.AreaAnchor(a.Id))),
                [UrlScheme.Agencies] = Ids(site.AgenciesBySector.Select(s => UrlScheme.SectorAnchor(s.Sector))),
                [UrlScheme.Csps] = Ids(site.CspsByRegion.Select(r => UrlScheme.RegionAnchor(r.Region))),
                [UrlScheme.About] = Ids([UrlScheme.PrivacyAnchor, UrlScheme.SafetyAnchor, UrlScheme.AboutReviewsAnchor, UrlScheme.SourcesAnchor,
                    UrlScheme.CodingAnchor, UrlScheme.TaxonomyAnchor, UrlScheme.LicenceAnchor]),
                [UrlScheme.DataSchema] = Ids([UrlScheme.DownloadsAnchor, UrlScheme.RecommendationsCsvAnchor, UrlScheme.ReviewsJsonAnchor,
                    UrlScheme.RepeatsCsvAnchor, UrlScheme.FeedAnchor, UrlScheme.StabilityAnchor]),
            };
            foreach (var study in site.Model.Studies)
                _listings[UrlScheme.Study(study.Id)] = Ids(study.Sections.Select(s => s.Anchor).OfType<string>());
            // Each year's anchor is on the page of the reviews listing where that year starts.
            foreach (var group in site.ReviewsByYear)
            {
                var page = UrlScheme.ReviewsPage(site.ReviewsPageOfYear(group.Year));
                if (!_listings.TryGetValue(page, out var set)) _listings[page] = set = Ids([]);
                set.Add(UrlScheme.YearAnchor(group.Year));
            }
        }

        private static HashSet<string> Ids(IEnumerable<string> ids) => new(LayoutIds.Concat(ids), StringComparer.Ordinal);

        /// <summary>The ids of the page at <paramref name="url"/>.</summary>
        public HashSet<string> Of(string url)
        {
            if (_listings.TryGetValue(url, out var ids)) return ids;
            if (_reviews.TryGetValue(url, out ids)) return ids;
            if (ReviewId(url) is { } id && _site.FindReview(id) is { } review) return _reviews[url] = OfReview(review);
            return _layoutOnly;
        }

        private HashSet<string> OfReview(Review review)
        {
            // The sections every review page has, then those it has when there is something to show.
            var ids = Ids([UrlScheme.SummaryAnchor, UrlScheme.RecommendationsAnchor, UrlScheme.CiteAnchor]);
            if (review.Abbreviations.Count > 0) ids.Add(UrlScheme.AbbreviationsAnchor);
            if (review.QaLetter is not null) ids.Add(UrlScheme.QaLetterAnchor);
            if (_site.RelatedTo(review).Count > 0) ids.Add(UrlScheme.RelatedAnchor);
            foreach (var rec in review.Recommendations) ids.Add(rec.Anchor);
            return ids;
        }

        private static string? ReviewId(string url) =>
            url.StartsWith(UrlScheme.Reviews, StringComparison.Ordinal) && url.Length > UrlScheme.Reviews.Length + 1 && url.EndsWith('/')
            && url.IndexOf('/', UrlScheme.Reviews.Length) == url.Length - 1
                ? url[UrlScheme.Reviews.Length..^1]
                : null;
    }
}
