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
    /// <summary>The national list of recurring recommendations (clusters of repeats across reviews).</summary>
    public const string Recurring = "/recurring/";
    /// <summary>A study's page (<c>input/studies/&lt;id&gt;.md</c>): <c>/studies/west-midlands-2015/</c>.</summary>
    public static string Study(string id) => $"/studies/{id}/";
    /// <summary>Implementation of recommendations across the portal, in the Domestic Abuse Commissioner's categories.</summary>
    public const string Implementation = "/implementation/";
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
    /// <summary>The About page's section on staying safe online and what "Exit this page" does.</summary>
    public const string SafetyAnchor = "safety";

    // Sections of the About page and the data page (content may link to them).
    public const string AboutReviewsAnchor = "reviews";
    public const string SourcesAnchor = "sources";
    public const string CodingAnchor = "coding";
    public const string TaxonomyAnchor = "taxonomy";
    public const string LicenceAnchor = "licence";
    public const string DownloadsAnchor = "downloads";
    public const string RecommendationsCsvAnchor = "recommendations-csv";
    public const string ReviewsJsonAnchor = "reviews-json";
    public const string RepeatsCsvAnchor = "repeats-csv";
    public const string FeedAnchor = "feed";
    public const string StabilityAnchor = "stability";

    public static string Review(string id) => $"/reviews/{id}/";
    public static string Review(Review r) => Review(r.Id);
    public static string Recommendation(Review r, Recommendation rec) => $"{Review(r.Id)}#{rec.Anchor}";
    public static string Theme(string id) => $"/themes/{id}/";
    public static string Agency(string id) => $"/agencies/{id}/";
    public static string Csp(string id) => $"/csps/{id}/";
    public static string Year(int year) => $"/years/{year:D4}/";

    /// <summary>
    /// Page <paramref name="page"/> of a listing whose first page is <paramref name="first"/>:
    /// <c>/themes/x/</c>, then <c>/themes/x/page/2/</c>. Page 1 keeps the listing's own URL, so
    /// links made before listings were paged still land on its start.
    /// </summary>
    public static string Paged(string first, int page) => page <= 1 ? first : $"{first}page/{page}/";
    // Named apart from Theme(id) etc., so that Select(UrlScheme.Year) stays unambiguous.
    public static string ThemePage(string id, int page) => Paged(Theme(id), page);
    public static string AgencyPage(string id, int page) => Paged(Agency(id), page);
    public static string CspPage(string id, int page) => Paged(Csp(id), page);
    public static string YearPage(int year, int page) => Paged(Year(year), page);
    public static string ReviewsPage(int page) => Paged(Reviews, page);
    public static string RecurringPage(int page) => Paged(Recurring, page);

    /// <summary>Fragment id of a recurring cluster, named by its centre: <c>cluster-x-2019-r1-police</c> (stable while the centre stays the centre).</summary>
    public static string ClusterAnchor(Review centre, Recommendation rec) => $"cluster-{centre.Id}-{rec.Anchor}";
    /// <summary>A cluster on its page of the national list.</summary>
    public static string Cluster(int page, Review centre, Recommendation rec) => $"{RecurringPage(page)}#{ClusterAnchor(centre, rec)}";

    /// <summary>The search page with one filter set: <c>/search/?theme=economic-abuse</c> (parameters as <c>search.js</c> reads them).</summary>
    public static string SearchTheme(string themeId) => $"{Search}?theme={Uri.EscapeDataString(themeId)}";
    public static string SearchAgency(string agencyId) => $"{Search}?agency={Uri.EscapeDataString(agencyId)}";
    /// <summary>The parameter of the words searched for (the header's search box).</summary>
    public const string SearchQueryParameter = "q";

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
    /// <summary>The support links in the footer of every page.</summary>
    public const string SupportAnchor = "support";
    public const string SummaryAnchor = "summary";
    public const string RecommendationsAnchor = "recommendations";
    public const string QaLetterAnchor = "qa-letter";
    public const string RelatedAnchor = "related-reviews";
    public const string AbbreviationsAnchor = "abbreviations";
    public const string CiteAnchor = "cite";
    /// <summary>The section of the About page that defines repeats, confirmed and detected.</summary>
    public const string RepeatsAnchor = "repeats";
    public const string RepeatsDefinition = About + "#" + RepeatsAnchor;
    /// <summary>The "Recurring recommendations" block of a theme or agency page.</summary>
    public const string RecurringAnchor = "recurring";

    // Ids the page layout gives its own elements (written in theme/Slices/Layout.cshtml).
    public const string ExitButtonId = "exit-this-page";
    public const string HelpHeadingId = "help-heading";
    public const string HeaderSearchId = "header-q";

    /// <summary>
    /// Every id a review page gives its own elements: a recommendation's anchor must be none of them
    /// (DHR307), or the page would hold the id twice and links to it would land on either. A test reads
    /// a rendered review page to keep this list complete.
    /// </summary>
    public static IReadOnlyList<string> ReviewPageIds { get; } =
        [MainAnchor, SummaryAnchor, RecommendationsAnchor, QaLetterAnchor, RelatedAnchor, AbbreviationsAnchor, CiteAnchor, SupportAnchor, ExitButtonId, HelpHeadingId, HeaderSearchId];

    /// <summary>Fragment id of a theme area on the themes page: <c>area-process-and-policy</c>.</summary>
    public static string AreaAnchor(string areaId) => $"area-{areaId}";
    public static string Area(string areaId) => $"{Themes}#{AreaAnchor(areaId)}";

    /// <summary>Fragment id of the implementation block of an agency page.</summary>
    public const string ImplementationAnchor = "implementation";

    /// <summary>Fragment id of a sector on the agencies page: <c>sector-police</c>.</summary>
    public static string SectorAnchor(string sector) => $"sector-{sector}";
    public static string Sector(string sector) => $"{Agencies}#{SectorAnchor(sector)}";

    /// <summary>Fragment id of a region on the CSPs page: <c>region-west-midlands</c>.</summary>
    public static string RegionAnchor(string region) => $"region-{Slug.From(region)}";
    public static string Region(string region) => $"{Csps}#{RegionAnchor(region)}";

    /// <summary>Fragment id of a publication year on the reviews pages (<c>year-2023</c>, <c>year-unknown</c>), on the page where the year starts.</summary>
    public static string YearAnchor(int? year) => year is { } y ? $"year-{y:D4}" : "year-unknown";
    public static string ReviewsInYear(int? year, int page) => $"{ReviewsPage(page)}#{YearAnchor(year)}";

    /// <summary>Fragment id of a section of a study, from its number or name: <c>3.1</c> → <c>section-3-1</c>, <c>about</c> → <c>section-about</c>.</summary>
    public static string StudySectionAnchor(string section) => $"section-{Slug.From(section)}";
    /// <summary>A section of a study's page, by its element id (<see cref="Content.StudySection.Anchor"/>).</summary>
    public static string StudySection(string studyId, string anchor) => $"{Study(studyId)}#{anchor}";

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
