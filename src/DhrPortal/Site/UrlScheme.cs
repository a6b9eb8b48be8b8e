using DhrPortal.Content;
using DhrPortal.Text;

namespace DhrPortal.Site;

/// <summary>
/// The only place that makes URLs. Public URLs are part of the product (people cite them), so every
/// page, anchor and data file is named here and nowhere else. Paths are site-relative, start with
/// '/', and directory pages end with '/'.
/// </summary>
public static class UrlScheme
{
    public const string Home = "/";
    public const string Reviews = "/reviews/";
    public const string Themes = "/themes/";
    public const string Agencies = "/agencies/";
    public const string Csps = "/csps/";
    public const string Years = "/years/";
    public const string Search = "/search/";
    public const string About = "/about/";
    public const string Study = "/studies/west-midlands-2015/";
    public const string RecommendationsCsv = "/data/recommendations.csv";
    public const string ReviewsJson = "/data/reviews.json";
    public const string RepeatsCsv = "/data/repeats.csv";
    /// <summary>Folder of the search index; every file in it has a content-hashed name (docs/search.md).</summary>
    public const string SearchIndexFolder = "/search/index/";
    public const string DataSchema = "/data/";
    public const string Feed = "/feed.xml";
    public const string Sitemap = "/sitemap.xml";
    public const string Robots = "/robots.txt";
    /// <summary>Netlify's redirect rules (read from the published folder; never served as a page).</summary>
    public const string Redirects = "/_redirects";
    public const string NotFound = "/404.html";
    public const string PrivacyAnchor = "privacy";
    public const string Privacy = About + "#" + PrivacyAnchor;

    public static string Review(string id) => $"/reviews/{id}/";
    public static string Review(Review r) => Review(r.Id);
    public static string Recommendation(Review r, Recommendation rec) => $"{Review(r.Id)}#{rec.Anchor}";
    public static string Theme(string id) => $"/themes/{id}/";
    public static string Agency(string id) => $"/agencies/{id}/";
    public static string Csp(string id) => $"/csps/{id}/";
    public static string Year(int year) => $"/years/{year:D4}/";
    public static string Asset(string fingerprintedName) => $"/assets/{fingerprintedName}";
    /// <summary>The search index's entry file: a fixed name (short cache), naming every other file.</summary>
    public const string SearchIndexEntry = SearchIndexFolder + "index.json";
    /// <summary>The search index's other files, named by the hash of their bytes (cached for ever).</summary>
    public const string SearchIndexFiles = SearchIndexFolder + "h/";
    public static string SearchIndexFile(string hashedName) => $"{SearchIndexFiles}{hashedName}";

    /// <summary>Where "Exit this page" goes: a neutral, busy site that gives nothing away.</summary>
    public const string ExitDestination = "https://www.bbc.co.uk/weather";

    // Fragment ids of the sections of a review page. Recommendation anchors are slugs that start
    // with 'r' and a label, so these plain words do not collide with them in practice.
    public const string MainAnchor = "main";
    public const string SummaryAnchor = "summary";
    public const string RecommendationsAnchor = "recommendations";
    public const string QaLetterAnchor = "qa-letter";
    public const string RelatedAnchor = "related-reviews";

    // Ids the page layout gives its own elements (written in theme/Slices/Layout.cshtml).
    public const string ExitButtonId = "exit-this-page";
    public const string HelpHeadingId = "help-heading";

    /// <summary>
    /// Every id a review page gives its own elements: a recommendation's anchor must be none of them
    /// (DHR307), or the page would hold the id twice and links to it would land on either. A test reads
    /// a rendered review page to keep this list complete.
    /// </summary>
    public static IReadOnlyList<string> ReviewPageIds { get; } =
        [MainAnchor, SummaryAnchor, RecommendationsAnchor, QaLetterAnchor, RelatedAnchor, ExitButtonId, HelpHeadingId];

    /// <summary>Fragment id of a theme area on the themes page: <c>area-process-and-policy</c>.</summary>
    public static string AreaAnchor(string areaId) => $"area-{areaId}";
    public static string Area(string areaId) => $"{Themes}#{AreaAnchor(areaId)}";

    /// <summary>Fragment id of a sector on the agencies page: <c>sector-police</c>.</summary>
    public static string SectorAnchor(string sector) => $"sector-{sector}";
    public static string Sector(string sector) => $"{Agencies}#{SectorAnchor(sector)}";

    /// <summary>Fragment id of a region on the CSPs page: <c>region-west-midlands</c>.</summary>
    public static string RegionAnchor(string region) => $"region-{Slug.From(region)}";
    public static string Region(string region) => $"{Csps}#{RegionAnchor(region)}";

    /// <summary>Fragment id of a publication year on the reviews page (<c>year-2023</c>, <c>year-unknown</c>).</summary>
    public static string YearAnchor(int? year) => year is { } y ? $"year-{y:D4}" : "year-unknown";
    public static string ReviewsInYear(int? year) => $"{Reviews}#{YearAnchor(year)}";

    /// <summary>Fragment id of a section of the thematic study: <c>3.1</c> → <c>section-3-1</c>.</summary>
    public static string StudySectionAnchor(string section) => $"section-{Slug.From(section)}";
    public static string StudySection(string section) => $"{Study}#{StudySectionAnchor(section)}";

    /// <summary>The page an output file serves: <c>reviews/x/index.html</c> → <c>/reviews/x/</c>; null for non-pages.</summary>
    public static string? PageFor(string outputPath)
    {
        if (outputPath == "index.html") return Home;
        if (outputPath.EndsWith("/index.html", StringComparison.Ordinal)) return "/" + outputPath[..^"index.html".Length];
        return outputPath.EndsWith(".html", StringComparison.Ordinal) ? "/" + outputPath : null;
    }

    /// <summary>The file an URL is served from: <c>/reviews/x/</c> → <c>reviews/x/index.html</c>.</summary>
    public static string FileFor(string url)
    {
        var path = url.Split('#', 2)[0].TrimStart('/');
        return path.Length == 0 || path.EndsWith('/') ? path + "index.html" : path;
    }

    /// <summary>An absolute URL for the feed and sitemap.</summary>
    public static string Absolute(SiteSettings settings, string url) => settings.BaseUrl.ToString().TrimEnd('/') + url;
}
