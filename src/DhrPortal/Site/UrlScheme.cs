using DhrPortal.Content;

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
    public const string SearchIndex = "/data/search-index.json";
    public const string DataSchema = "/data/";
    public const string Feed = "/feed.xml";
    public const string Sitemap = "/sitemap.xml";
    public const string Robots = "/robots.txt";
    public const string NotFound = "/404.html";

    public static string Review(string id) => $"/reviews/{id}/";
    public static string Review(Review r) => Review(r.Id);
    public static string Recommendation(Review r, Recommendation rec) => $"{Review(r.Id)}#{rec.Anchor}";
    public static string Theme(string id) => $"/themes/{id}/";
    public static string Agency(string id) => $"/agencies/{id}/";
    public static string Csp(string id) => $"/csps/{id}/";
    public static string Year(int year) => $"/years/{year:D4}/";
    public static string Asset(string fingerprintedName) => $"/assets/{fingerprintedName}";

    /// <summary>The file an URL is served from: <c>/reviews/x/</c> → <c>reviews/x/index.html</c>.</summary>
    public static string FileFor(string url)
    {
        var path = url.Split('#', 2)[0].TrimStart('/');
        return path.Length == 0 || path.EndsWith('/') ? path + "index.html" : path;
    }

    /// <summary>An absolute URL for the feed and sitemap.</summary>
    public static string Absolute(SiteSettings settings, string url) => settings.BaseUrl.ToString().TrimEnd('/') + url;
}
