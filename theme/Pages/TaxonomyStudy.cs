using DhrPortal.Site;

namespace DhrPortal.Theme.Pages;

/// <summary>
/// The study the theme's own words speak of (footer, home, about and themes pages): the 2015 West
/// Midlands thematic study, whose six areas seeded the themes. Its text is content
/// (input/studies/west-midlands-2015.md); the theme links to it only when the content has it, so a
/// portal without the file has no link that leads nowhere.
/// </summary>
public static class TaxonomyStudy
{
    public const string Id = "west-midlands-2015";

    /// <summary>The study's page, or null when the content has no such study.</summary>
    public static string? Url(SiteIndex site) => site.FindStudy(Id) is null ? null : UrlScheme.Study(Id);
}
