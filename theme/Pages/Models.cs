using DhrPortal.Content;
using DhrPortal.Site;

namespace DhrPortal.Theme.Pages;

/// <summary>One step of the breadcrumb trail.</summary>
public sealed record Crumb(string Label, string Url);

/// <summary>What every page shares: settings and the fingerprinted asset URLs.</summary>
public sealed record Chrome(SiteSettings Settings, string CssUrl, string PrintCssUrl, string ExitScriptUrl, string SearchScriptUrl,
    string FilterScriptUrl, string CopyScriptUrl, string IconUrl, IReadOnlyList<SupportLink> Support, string? TaxonomyStudyUrl);

/// <summary>The part of the site a page belongs to, for the main navigation.</summary>
public enum Section
{
    None,
    Home,
    Reviews,
    Themes,
    Agencies,
    Csps,
    Years,
    Search,
    About,
}

/// <summary>What the layout needs to know about a page.</summary>
public sealed record LayoutModel(string Title, string Url, string Description, IReadOnlyList<Crumb> Breadcrumbs, Section Section, Chrome Chrome)
{
    /// <summary>Asks search engines not to index the page (the 404 page).</summary>
    public bool NoIndex { get; init; }

    /// <summary>Loads the search script (the search page only, which has its own search box instead of the header's).</summary>
    public bool UsesSearchScript { get; init; }

    /// <summary>Loads the script that adds a filter box to a long list (the agencies page).</summary>
    public bool UsesFilterScript { get; init; }

    /// <summary>Loads the script that adds "Copy" buttons to citations (review pages).</summary>
    public bool UsesCopyScript { get; init; }

    /// <summary>Citation meta tags for reference managers (review pages).</summary>
    public Citation? Citation { get; init; }

    /// <summary>The document title: the page, then the portal.</summary>
    public string DocumentTitle => Url == UrlScheme.Home ? Chrome.Settings.Title : $"{Title} – {Chrome.Settings.Title}";

    /// <summary>The canonical absolute URL (null for the 404 page, which is served at any address).</summary>
    public string? CanonicalUrl => NoIndex ? null : UrlScheme.Absolute(Chrome.Settings, Url);
}

/// <summary>What reference managers read from a review page's citation_* meta tags.</summary>
public sealed record Citation(string Title, string Publisher, string? PublicationDate);

/// <summary>Where a listing page sits among its pages, and how to reach the others.</summary>
public sealed record Paging(int Current, int Count, Func<int, string> UrlFor, string Label);

/// <summary>Base of every page model: its layout, the index of the site and the Markdown helper.</summary>
public abstract record PageModel(LayoutModel Layout, SiteIndex Site, Markup Markup);

public sealed record HomeModel(LayoutModel Layout, SiteIndex Site, Markup Markup) : PageModel(Layout, Site, Markup);

public sealed record ReviewsModel(LayoutModel Layout, SiteIndex Site, Markup Markup, Paging Paging) : PageModel(Layout, Site, Markup);

public sealed record ReviewModel(LayoutModel Layout, SiteIndex Site, Markup Markup, Review Review) : PageModel(Layout, Site, Markup);

public sealed record ThemesModel(LayoutModel Layout, SiteIndex Site, Markup Markup) : PageModel(Layout, Site, Markup);

public sealed record ThemeModel(LayoutModel Layout, SiteIndex Site, Markup Markup, Content.Theme Theme, ThemeArea Area, ListingSummary Summary, Paging Paging) : PageModel(Layout, Site, Markup);

public sealed record AgenciesModel(LayoutModel Layout, SiteIndex Site, Markup Markup) : PageModel(Layout, Site, Markup);

public sealed record AgencyModel(LayoutModel Layout, SiteIndex Site, Markup Markup, Agency Agency, ListingSummary Summary, Paging Paging) : PageModel(Layout, Site, Markup);

public sealed record CspsModel(LayoutModel Layout, SiteIndex Site, Markup Markup) : PageModel(Layout, Site, Markup);

public sealed record CspModel(LayoutModel Layout, SiteIndex Site, Markup Markup, Csp Csp, Paging Paging) : PageModel(Layout, Site, Markup);

public sealed record YearsModel(LayoutModel Layout, SiteIndex Site, Markup Markup) : PageModel(Layout, Site, Markup);

public sealed record YearModel(LayoutModel Layout, SiteIndex Site, Markup Markup, int Year, Paging Paging) : PageModel(Layout, Site, Markup);

public sealed record SearchModel(LayoutModel Layout, SiteIndex Site, Markup Markup) : PageModel(Layout, Site, Markup);

public sealed record AboutModel(LayoutModel Layout, SiteIndex Site, Markup Markup) : PageModel(Layout, Site, Markup);

public sealed record StudyModel(LayoutModel Layout, SiteIndex Site, Markup Markup, Study Study) : PageModel(Layout, Site, Markup);

public sealed record DataModel(LayoutModel Layout, SiteIndex Site, Markup Markup) : PageModel(Layout, Site, Markup);

public sealed record NotFoundModel(LayoutModel Layout, SiteIndex Site, Markup Markup) : PageModel(Layout, Site, Markup);

/// <summary>One line of a list of reviews.</summary>
public sealed record ReviewLine(PageModel Page, Review Review, bool ShowCsp = true);

/// <summary>Recommendations of one review on a theme or agency page; <see cref="Agency"/> is the agency whose page it is (not repeated as an addressee).</summary>
public sealed record RecommendationGroup(PageModel Page, ReviewGroup Group, Agency? Agency = null);

/// <summary>The at-a-glance rows of a theme or agency page: counts, years, and what is most often involved.</summary>
public sealed record SummaryBlock(ListingSummary Summary, string MostOftenLabel, Func<string, string> UrlFor);
