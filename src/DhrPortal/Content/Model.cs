using DhrPortal.Diagnostics;

namespace DhrPortal.Content;

/// <summary>A calendar month, the precision at which reviews record publication and status dates.</summary>
public readonly record struct YearMonth(int Year, int Month) : IComparable<YearMonth>
{
    /// <inheritdoc />
    public int CompareTo(YearMonth other) => Year != other.Year ? Year.CompareTo(other.Year) : Month.CompareTo(other.Month);

    /// <summary>ISO form, <c>2023-07</c>.</summary>
    public override string ToString() => $"{Year:D4}-{Month:D2}";

    /// <summary>English month name and year, <c>July 2023</c>.</summary>
    public string ToDisplay() => $"{Vocabulary.MonthNames[Month - 1]} {Year}";

    public static bool operator <(YearMonth a, YearMonth b) => a.CompareTo(b) < 0;
    public static bool operator >(YearMonth a, YearMonth b) => a.CompareTo(b) > 0;
    public static bool operator <=(YearMonth a, YearMonth b) => a.CompareTo(b) <= 0;
    public static bool operator >=(YearMonth a, YearMonth b) => a.CompareTo(b) >= 0;
}

/// <summary>Statutory basis of a review.</summary>
public enum ReviewType
{
    /// <summary>Domestic Homicide Review (s.9 Domestic Violence, Crime and Victims Act 2004).</summary>
    Dhr,
    /// <summary>Domestic Abuse Related Death Review, the name used from 2024.</summary>
    Dard,
}

/// <summary>Relationship between the person who died and the perpetrator.</summary>
public enum Relationship
{
    IntimatePartner,
    Familial,
    SuicideFollowingDomesticAbuse,
    Other,
}

/// <summary>Whether a review's recommendations have been extracted into the portal.</summary>
public enum RecommendationsStatus
{
    Extracted,
    NotExtracted,
}

/// <summary>How far a recommendation has been put into practice, as last reported.</summary>
public enum ImplementationState
{
    FullyImplemented,
    AlreadyHappening,
    PartlyMet,
    NotMet,
    Unknown,
}

/// <summary>Where the full report was published.</summary>
public sealed record SourceRef(Uri Url, string Library);

/// <summary>An addressee as the report wrote it, and the agency it resolved to (set by the linker).</summary>
public sealed record Addressee(string AsWritten, SourceSpan Span)
{
    /// <summary>Canonical agency id; null until linked, or when it did not resolve.</summary>
    public string? AgencyId { get; init; }
}

/// <summary>An id a review was published under before it was renamed, with its position for diagnostics.</summary>
public sealed record PreviousId(string Id, SourceSpan Span);

/// <summary>A theme id as written, with its position for diagnostics.</summary>
public sealed record ThemeRef(string Id, SourceSpan Span);

/// <summary>
/// A reference to an earlier recommendation that this one repeats (<c>repeats:</c>, confirmed by an
/// editor), written <c>&lt;review-id&gt;#&lt;anchor&gt;</c>.
/// </summary>
public sealed record RepeatRef(string ReviewId, string Anchor, SourceSpan Span);

/// <summary>
/// A link an editor wrote to a page of this site (an address starting with '/' or '#'), taken from the
/// Markdown syntax tree where it was written: the build checks it against the pages and anchors of the
/// site without reading the pages it generated. <see cref="Listed"/> is true for a recommendation's
/// text, which is also shown on listing pages, where a bare '#fragment' means an id of that page.
/// </summary>
public sealed record SiteLink(string Url, SourceSpan Span, bool Listed);

/// <summary>
/// Reported progress on a recommendation: its state as of a month, the target month if one was set,
/// and who reported it (<c>source:</c>, e.g. "Havering CSP action plan update") when the editor knows.
/// </summary>
public sealed record ImplementationStatus(ImplementationState State, YearMonth AsOf, YearMonth? Target, string? Source = null);

/// <summary>One recommendation of a review.</summary>
public sealed record Recommendation
{
    /// <summary>The label exactly as printed in the report: <c>1</c>, <c>10.1.1</c>, <c>9.1 a</c>.</summary>
    public required string Label { get; init; }
    /// <summary>1-based position within the review (the natural order).</summary>
    public required int Order { get; init; }
    /// <summary>Stable fragment id on the review page, unique within the review.</summary>
    public required string Anchor { get; init; }
    /// <summary>True when the editor set <c>anchor:</c>; the anchor then identifies the recommendation.</summary>
    public bool AnchorIsExplicit { get; init; }
    /// <summary>The recommendation, as inline Markdown.</summary>
    public required string Text { get; init; }
    public required IReadOnlyList<Addressee> To { get; init; }
    public required IReadOnlyList<ThemeRef> Themes { get; init; }
    public ImplementationStatus? Status { get; init; }
    /// <summary>Earlier recommendations an editor confirmed this one asks again.</summary>
    public IReadOnlyList<RepeatRef> Repeats { get; init; } = [];
    public required SourceSpan Span { get; init; }
    /// <summary>Where <see cref="Text"/> starts, for diagnostics inside the text.</summary>
    public required SourceSpan TextSpan { get; init; }
}

/// <summary>A Home Office Quality Assurance Panel letter; it is always published with its review.</summary>
public sealed record QaLetter
{
    public required DateOnly Date { get; init; }
    public required IReadOnlyList<string> Points { get; init; }
    /// <summary>The full letter, Markdown.</summary>
    public required string Text { get; init; }
    public required SourceSpan TextSpan { get; init; }
}

/// <summary>One published review: its front matter, summary and recommendations.</summary>
public sealed record Review
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string CspId { get; init; }
    public YearMonth? Published { get; init; }
    /// <summary>
    /// The day the review was added to the portal (<c>added:</c>): what "newly added" means in the
    /// feed and the sitemap's <c>lastmod</c>. Null for files written before the field existed.
    /// </summary>
    public DateOnly? Added { get; init; }
    public int? YearOfDeath { get; init; }
    public required ReviewType Type { get; init; }
    public required Relationship Relationship { get; init; }
    public required SourceRef Source { get; init; }
    /// <summary>Abbreviation → what it stands for, as used in this report.</summary>
    public required IReadOnlyDictionary<string, string> Abbreviations { get; init; }
    public required RecommendationsStatus RecommendationsStatus { get; init; }
    public required IReadOnlyList<Recommendation> Recommendations { get; init; }
    public QaLetter? QaLetter { get; init; }
    /// <summary>
    /// Ids the review had before it was renamed (<c>previous_ids:</c>): their old URLs are redirected
    /// to the review's page, so links and citations keep working.
    /// </summary>
    public IReadOnlyList<PreviousId> PreviousIds { get; init; } = [];
    /// <summary>The Markdown body of the file.</summary>
    public required string Summary { get; init; }
    /// <summary>The links to pages of the site written in the review's texts (set by the checker).</summary>
    public IReadOnlyList<SiteLink> Links { get; init; } = [];
    /// <summary>Line of the file on which the summary starts.</summary>
    public required int SummaryLine { get; init; }
    /// <summary>Path of the file relative to the input folder, with forward slashes.</summary>
    public required string SourcePath { get; init; }
    public required SourceSpan IdSpan { get; init; }
    public required SourceSpan CspSpan { get; init; }
    public SourceSpan PublishedSpan { get; init; }
    public SourceSpan AddedSpan { get; init; }
    public SourceSpan YearOfDeathSpan { get; init; }
}

/// <summary>A thematic area and the themes under it.</summary>
public sealed record ThemeArea
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<Theme> Themes { get; init; }
    public required SourceSpan Span { get; init; }
}

/// <summary>A theme that recommendations are coded with.</summary>
public sealed record Theme
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string AreaId { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<string> Keywords { get; init; }
    /// <summary>Where the theme comes from, e.g. a section of a thematic study.</summary>
    public string? Source { get; init; }
    public required SourceSpan Span { get; init; }
}

/// <summary>An organisation recommendations are addressed to, with the other names reports use for it.</summary>
public sealed record Agency
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Sector { get; init; }
    public string? Area { get; init; }
    public required IReadOnlyList<string> Aliases { get; init; }
    public string? SuccessorId { get; init; }
    public string? Note { get; init; }
    public required SourceSpan Span { get; init; }
    public SourceSpan SuccessorSpan { get; init; }
}

/// <summary>A Community Safety Partnership: the body that commissions a review.</summary>
public sealed record Csp
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Region { get; init; }
    public string? PoliceForceArea { get; init; }
    public required string Nation { get; init; }
    public required SourceSpan Span { get; init; }
}

/// <summary>Portal-wide settings from <c>site.yml</c>.</summary>
public sealed record SiteSettings
{
    public required string Title { get; init; }
    public required Uri BaseUrl { get; init; }
    public required string Licence { get; init; }

    /// <summary>
    /// The month statuses are judged against (<c>status_as_of:</c>): a recommendation whose target is
    /// before it, and not fully implemented, is overdue. Null: the latest status month in the content
    /// (see <see cref="Learning.Implementation"/>); never the clock, so builds stay byte-identical.
    /// </summary>
    public YearMonth? StatusAsOf { get; init; }
    public SourceSpan StatusAsOfSpan { get; init; }

    /// <summary>Used when <c>site.yml</c> is absent.</summary>
    public static SiteSettings Default { get; } = new()
    {
        Title = "DhrPortal",
        BaseUrl = new Uri("https://dhrportal.netlify.app"),
        Licence = "Open Government Licence v3.0",
    };
}

/// <summary>
/// Where a reader who is at risk or bereaved can get help (<c>support.yml</c>), listed in the footer
/// of every page; content, so editors keep names, numbers and addresses up to date without code.
/// </summary>
public sealed record SupportLink(string Name, string Description, string? Phone, Uri? Url, SourceSpan Span)
{
    /// <summary>The phone number as a <c>tel:</c> link: digits only (and a leading '+').</summary>
    public string? TelUrl => Phone is null ? null : "tel:" + new string(Phone.Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0)).ToArray());
}

/// <summary>
/// A study the portal summarises on a page of its own (<c>studies/&lt;id&gt;.md</c>), such as the West
/// Midlands thematic study whose areas seeded the themes: front matter, an introduction, and the
/// sections its headings start.
/// </summary>
public sealed record Study
{
    /// <summary>The file name without <c>.md</c>; part of the page's URL.</summary>
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    /// <summary>The line above the title (<c>Thematic study, 2015</c>); null when there is none.</summary>
    public string? Caption { get; init; }
    /// <summary>
    /// How themes in themes.yml name this study in their <c>source:</c>, followed by a section number
    /// (<c>West Midlands thematic study 3.1.1</c>): the section then links to the theme and the theme
    /// to the section. Null when no theme comes from the study.
    /// </summary>
    public string? ThemeSource { get; init; }
    /// <summary>The Markdown before the first heading, shown as the page's lead.</summary>
    public required string Intro { get; init; }
    public required IReadOnlyList<StudySection> Sections { get; init; }
    /// <summary>The links to pages of the site written in the study's texts (set by the checker).</summary>
    public IReadOnlyList<SiteLink> Links { get; init; } = [];
    /// <summary>Path of the file relative to the input folder, with forward slashes.</summary>
    public required string SourcePath { get; init; }

    /// <summary>The section a theme comes from (<c>3.1.1</c>), when its <c>source:</c> names one of this study's numbered sections.</summary>
    public StudySection? SectionOf(Theme theme)
    {
        if (ThemeSource is not { } prefix || theme.Source is not { } source || !source.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var number = source[prefix.Length..].Trim().TrimStart('\u00a7').Trim();
        return Sections.FirstOrDefault(s => s.Number == number);
    }
}

/// <summary>
/// A section of a study: its heading and the Markdown under it up to the next heading. Its id comes
/// from the heading's number (<c>3.1 Process and policy</c> → <c>section-3-1</c>) or, for a heading
/// without one, from a <c>{#name}</c> at its end; a heading with neither has no id.
/// </summary>
public sealed record StudySection
{
    /// <summary>The heading's level on the page (2 for the body's highest, no level skipped).</summary>
    public required int Level { get; init; }
    /// <summary>The section number that starts the heading (<c>3.1.1</c>); null when there is none.</summary>
    public string? Number { get; init; }
    /// <summary>The element id of the heading (<c>section-3-1-1</c>); null when the heading gives none.</summary>
    public string? Anchor { get; init; }
    /// <summary>The heading as inline Markdown, with its number and without its <c>{#name}</c>.</summary>
    public required string Title { get; init; }
    /// <summary>The Markdown under the heading.</summary>
    public required string Body { get; init; }
    public required SourceSpan Span { get; init; }
}

/// <summary>The checked content of a portal: registries and reviews, all references resolved.</summary>
public sealed record ContentModel
{
    public required SiteSettings Settings { get; init; }
    public required IReadOnlyList<ThemeArea> Areas { get; init; }
    public required IReadOnlyList<Agency> Agencies { get; init; }
    public required IReadOnlyList<Csp> Csps { get; init; }
    /// <summary>Reviews, ordered by id (ordinal).</summary>
    public required IReadOnlyList<Review> Reviews { get; init; }
    /// <summary>Support links, in the order of <c>support.yml</c> (none when the file is absent).</summary>
    public IReadOnlyList<SupportLink> Support { get; init; } = [];
    /// <summary>Studies (<c>studies/*.md</c>), ordered by id (ordinal); none when the folder is absent.</summary>
    public IReadOnlyList<Study> Studies { get; init; } = [];

    /// <summary>All themes of all areas, in taxonomy order.</summary>
    public IEnumerable<Theme> Themes => Areas.SelectMany(a => a.Themes);
}
