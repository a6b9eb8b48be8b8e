using DhrPortal.Content;
using DhrPortal.Site;
using DhrPortal.Theme.Pages;

namespace DhrPortal.BrowserTests;

/// <summary>One page of the built site that stands for a page type.</summary>
public sealed record PageRef(string Kind, string Url, int ExpectedStatus = 200)
{
    public override string ToString() => $"{Kind} ({Url})";
}

/// <summary>
/// Picks one real page of every page type from the built site. Content ids are never hard-coded:
/// each page is chosen from the checked model (the busiest one, so the test sees the most content)
/// or from the output's file list, and must exist in the output.
/// </summary>
public sealed class PageCatalog
{
    /// <summary>Every page type, in the order tests report them.</summary>
    public static readonly IReadOnlyList<string> Kinds =
    [
        "home", "reviews", "review", "review-with-qa-letter", "themes", "theme", "agencies", "agency",
        "csps", "csp", "years", "year", "recurring", "search", "about", "study", "data", "implementation", "404",
    ];

    /// <summary>For <c>[MemberData]</c>: one row per page type.</summary>
    public static TheoryData<string> AllKinds => new(Kinds);

    private readonly BuiltSite _site;

    internal PageCatalog(BuiltSite site) => _site = site;

    private ContentModel Model => _site.Model;

    /// <summary>The page that stands for <paramref name="kind"/>; throws, saying why, when there is none.</summary>
    public PageRef Get(string kind)
    {
        var page = kind switch
        {
            "home" => new PageRef(kind, UrlScheme.Home),
            "reviews" => new PageRef(kind, UrlScheme.Reviews),
            "review" => new PageRef(kind, UrlScheme.Review(ReviewWithRecommendations())),
            "review-with-qa-letter" => new PageRef(kind, UrlScheme.Review(ReviewWithQaLetter())),
            "themes" => new PageRef(kind, UrlScheme.Themes),
            "theme" => new PageRef(kind, UrlScheme.Theme(BusiestTheme())),
            "agencies" => new PageRef(kind, UrlScheme.Agencies),
            "agency" => new PageRef(kind, UrlScheme.Agency(BusiestAgency())),
            "csps" => new PageRef(kind, UrlScheme.Csps),
            "csp" => new PageRef(kind, UrlScheme.Csp(BusiestCsp())),
            "years" => new PageRef(kind, UrlScheme.Years),
            "year" => new PageRef(kind, LargestYearPage()),
            "recurring" => new PageRef(kind, UrlScheme.Recurring),
            "search" => new PageRef(kind, UrlScheme.Search),
            "about" => new PageRef(kind, UrlScheme.About),
            "study" => new PageRef(kind, UrlScheme.Study(TaxonomyStudy.Id)),
            "data" => new PageRef(kind, UrlScheme.DataSchema),
            "implementation" => new PageRef(kind, UrlScheme.Implementation),
            "404" => new PageRef(kind, "/no-such-page-" + Guid.NewGuid().ToString("N")[..8] + "/", 404),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown page type."),
        };
        var file = page.ExpectedStatus == 404 ? UrlScheme.FileFor(UrlScheme.NotFound) : UrlScheme.FileFor(page.Url);
        if (!_site.HasFile(file))
            throw new InvalidOperationException($"Page type '{kind}': the build wrote no '{file}' (for {page.Url}). Output has {_site.Files.Count} files: {Sample(_site.Files)}");
        return page;
    }

    /// <summary>
    /// The largest page (by bytes) of every kind the build wrote, as the bench groups them
    /// (<see cref="DhrPortal.Bench.PageBudget.KindOf"/>: "theme", "theme (page 2+)", "reviews index", ...),
    /// in ordinal order of kind. A kind of page added later is included without a change here.
    /// </summary>
    public IReadOnlyList<PageRef> LargestOfEachKind() =>
        _site.Files.Where(f => f.EndsWith(".html", StringComparison.Ordinal))
            .GroupBy(DhrPortal.Bench.PageBudget.KindOf, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var file = g.OrderByDescending(f => new FileInfo(Path.Combine(_site.Directory, f)).Length).ThenBy(f => f, StringComparer.Ordinal).First();
                return file == UrlScheme.FileFor(UrlScheme.NotFound) ? Get("404") with { Kind = g.Key } : new PageRef(g.Key, UrlScheme.PageFor(file)!);
            })
            .ToList();

    /// <summary>The review with the most recommendations.</summary>
    public Review ReviewWithRecommendations() =>
        Model.Reviews.Where(r => r.Recommendations.Count > 0)
            .OrderByDescending(r => r.Recommendations.Count).ThenBy(r => r.Id, StringComparer.Ordinal)
            .FirstOrDefault() ?? throw None("a review with recommendations");

    public Review ReviewWithQaLetter() =>
        Model.Reviews.Where(r => r.QaLetter is not null)
            .OrderByDescending(r => r.QaLetter!.Points.Count).ThenBy(r => r.Id, StringComparer.Ordinal)
            .FirstOrDefault() ?? throw None("a review with a QA letter");

    public string BusiestTheme() =>
        Recommendations().SelectMany(x => x.Rec.Themes.Select(t => t.Id))
            .GroupBy(id => id, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault() ?? throw None("a theme with recommendations");

    public string BusiestAgency() =>
        Recommendations().SelectMany(x => x.Rec.To.Select(a => a.AgencyId)).OfType<string>()
            .GroupBy(id => id, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault() ?? throw None("an agency with recommendations");

    public string BusiestCsp() =>
        Model.Reviews.GroupBy(r => r.CspId, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault() ?? throw None("a CSP with reviews");

    /// <summary>Every recommendation with its review.</summary>
    public IEnumerable<(Review Review, Recommendation Rec)> Recommendations() =>
        Model.Reviews.SelectMany(r => r.Recommendations.Select(rec => (r, rec)));

    /// <summary>The biggest <c>years/yyyy/index.html</c> of the output (the year with most content).</summary>
    private string LargestYearPage()
    {
        var file = _site.Files
            .Where(f => f.StartsWith("years/", StringComparison.Ordinal) && f.EndsWith("/index.html", StringComparison.Ordinal)
                        && f.Count(c => c == '/') == 2)
            .OrderByDescending(f => new FileInfo(Path.Combine(_site.Directory, f)).Length).ThenBy(f => f, StringComparer.Ordinal)
            .FirstOrDefault() ?? throw None("a years/<yyyy>/index.html page in the output");
        return "/" + file[..^"index.html".Length];
    }

    private InvalidOperationException None(string what) =>
        new($"The built site has no {what} (input has {Model.Reviews.Count} reviews, {Recommendations().Count()} recommendations).");

    private static string Sample(IReadOnlyList<string> files) =>
        string.Join(", ", files.Take(15)) + (files.Count > 15 ? ", ..." : "");
}
