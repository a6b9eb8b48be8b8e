using DhrPortal.Content;
using DhrPortal.Site;

namespace DhrPortal.Theme.Pages;

/// <summary>One step of the breadcrumb trail.</summary>
public sealed record Crumb(string Label, string Url);

/// <summary>What every page shares: settings and the fingerprinted asset URLs.</summary>
public sealed record Chrome(SiteSettings Settings, string CssUrl, string ExitScriptUrl, string SearchScriptUrl, string IconUrl);

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

    /// <summary>Loads the search script (the search page only).</summary>
    public bool UsesSearchScript { get; init; }

    /// <summary>The document title: the page, then the portal.</summary>
    public string DocumentTitle => Url == UrlScheme.Home ? Chrome.Settings.Title : $"{Title} – {Chrome.Settings.Title}";

    /// <summary>The canonical absolute URL (null for the 404 page, which is served at any address).</summary>
    public string? CanonicalUrl => NoIndex ? null : UrlScheme.Absolute(Chrome.Settings, Url);
}

/// <summary>Base of every page model: its layout, the index of the site and the Markdown helper.</summary>
public abstract record PageModel(LayoutModel Layout, SiteIndex Site, Markup Markup);

public sealed record HomeModel(LayoutModel Layout, SiteIndex Site, Markup Markup) : PageModel(Layout, Site, Markup);

public sealed record ReviewsModel(LayoutModel Layout, SiteIndex Site, Markup Markup) : PageModel(Layout, Site, Markup);

public sealed record ReviewModel(LayoutModel Layout, SiteIndex Site, Markup Markup, Review Review) : PageModel(Layout, Site, Markup);

public sealed record ThemesModel(LayoutModel Layout, SiteIndex Site, Markup Markup) : PageModel(Layout, Site, Markup);

public sealed record ThemeModel(LayoutModel Layout, SiteIndex Site, Markup Markup, Content.Theme Theme, ThemeArea Area) : PageModel(Layout, Site, Markup);

public sealed record AgenciesModel(LayoutModel Layout, SiteIndex Site, Markup Markup) : PageModel(Layout, Site, Markup);

public sealed record AgencyModel(LayoutModel Layout, SiteIndex Site, Markup Markup, Agency Agency) : PageModel(Layout, Site, Markup);

public sealed record CspsModel(LayoutModel Layout, SiteIndex Site, Markup Markup) : PageModel(Layout, Site, Markup);

public sealed record CspModel(LayoutModel Layout, SiteIndex Site, Markup Markup, Csp Csp) : PageModel(Layout, Site, Markup);

public sealed record YearsModel(LayoutModel Layout, SiteIndex Site, Markup Markup) : PageModel(Layout, Site, Markup);

public sealed record YearModel(LayoutModel Layout, SiteIndex Site, Markup Markup, int Year) : PageModel(Layout, Site, Markup);

public sealed record SearchModel(LayoutModel Layout, SiteIndex Site, Markup Markup) : PageModel(Layout, Site, Markup);

public sealed record AboutModel(LayoutModel Layout, SiteIndex Site, Markup Markup) : PageModel(Layout, Site, Markup);

public sealed record StudyModel(LayoutModel Layout, SiteIndex Site, Markup Markup) : PageModel(Layout, Site, Markup);

public sealed record DataModel(LayoutModel Layout, SiteIndex Site, Markup Markup) : PageModel(Layout, Site, Markup);

public sealed record NotFoundModel(LayoutModel Layout, SiteIndex Site, Markup Markup) : PageModel(Layout, Site, Markup);

/// <summary>One line of a list of reviews.</summary>
public sealed record ReviewLine(PageModel Page, Review Review, bool ShowCsp = true);

/// <summary>Recommendations of one review on a theme or agency page.</summary>
public sealed record RecommendationGroup(PageModel Page, ReviewGroup Group);
