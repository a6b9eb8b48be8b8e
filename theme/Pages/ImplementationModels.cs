using DhrPortal.Content;
using DhrPortal.Learning;
using DhrPortal.Site;

namespace DhrPortal.Theme.Pages;

/// <summary>A recommendation's status as every page shows it; <see cref="Overdue"/> by the site's one rule.</summary>
public sealed record StatusLine(ImplementationStatus Status, bool Overdue);

/// <summary>The implementation block of an agency page: counts by status and the overdue recommendations.</summary>
public sealed record ImplementationSummaryBlock(AgencyModel Page)
{
    /// <summary>Overdue recommendations listed on an agency page; all are in the open data (the page budget).</summary>
    public const int MaxOverdue = 20;
}

/// <summary>One table of the implementation page: a row per sector, theme, year or department.</summary>
public sealed record TallyTable(string Id, string Caption, string KeyHeader, IReadOnlyList<TallyTableRow> Rows);

/// <summary>A row of a <see cref="TallyTable"/>; <see cref="Url"/> is null when the row has no page.</summary>
public sealed record TallyTableRow(string Label, string? Url, StatusTally Tally);

public sealed record ImplementationModel(LayoutModel Layout, SiteIndex Site, Markup Markup, ImplementationOverview Overview) : PageModel(Layout, Site, Markup)
{
    /// <summary>National recommendations listed in full (the page budget); the departments' pages list the rest.</summary>
    public const int MaxNational = 40;
}
