using DhrPortal.Site;

namespace DhrPortal.Theme.Pages;

/// <summary>
/// The West Midlands thematic study of 13 Domestic Homicide Reviews (2015), whose six thematic
/// areas and nineteen themes seeded the portal's taxonomy. The summaries are the portal's own words.
/// Themes in input/themes.yml point at a subsection with <c>source: West Midlands thematic study 3.x.y</c>.
/// </summary>
public static class WestMidlandsStudy
{
    public const string Title = "West Midlands thematic study of 13 reviews";
    public const string Description =
        "A summary of the 2015 study of 13 Domestic Homicide Reviews in the West Midlands police force area, and its six thematic areas.";
    public const string SourcePrefix = "West Midlands thematic study";

    /// <summary>A numbered subsection of chapter 3 of the study, which became a theme.</summary>
    public sealed record Subsection(string Number, string Title);

    /// <summary>One of the six thematic areas, with the portal's summary of what the study found.</summary>
    public sealed record Area(string Number, string Title, string Summary, IReadOnlyList<Subsection> Subsections);

    public static IReadOnlyList<Area> Areas { get; } =
    [
        new("3.1", "Process and policy",
            "How agencies' procedures worked in practice. Risk conferences (MARACs) were not always used or attended consistently; " +
            "often no single agency took responsibility for the whole picture of risk; some victims held back for fear their children " +
            "would be taken into care; the police response was at times not robust enough, even with a long history of violence; " +
            "a perpetrator's abuse of previous partners or of family members was not always known or weighed; and safety and care plans " +
            "were not always followed through.",
            [
                new("3.1.1", "Use of MARACs"),
                new("3.1.2", "Lack of proactive response or holistic responsibility"),
                new("3.1.3", "Fear of having children removed may prevent full disclosure"),
                new("3.1.4", "More robust response from police"),
                new("3.1.5", "Disclosure of domestic abuse of a previous partner"),
                new("3.1.6", "Domestic abuse of extended family"),
                new("3.1.7", "Not following care or safety plan guidance"),
            ]),
        new("3.2", "Tools",
            "The instruments used to judge risk. Different agencies used different assessment tools, so nobody could see the overall risk " +
            "a person posed or how it changed over time; questionnaires designed for depression were relied on as if they assessed risk of " +
            "violence; and officers called to domestic incidents did not always complete the DASH risk assessment.",
            [
                new("3.2.1", "Diversity of assessment tools"),
                new("3.2.2", "Failure to complete a DASH assessment when police attend a domestic incident"),
            ]),
        new("3.3", "Caring",
            "Abuse within caring relationships. In four of the thirteen cases the victim cared for the perpetrator, or the perpetrator cared " +
            "for the victim, and the strain of caring and the ways it can hide abuse were not recognised. Families and carers often felt " +
            "shut out by professionals, and cases changed hands between workers or services without a proper handover.",
            [
                new("3.3.1", "Managing care and supporting carers"),
                new("3.3.2", "Professionals not involving the families of victims and perpetrators"),
                new("3.3.3", "Lack of transition in care"),
            ]),
        new("3.4", "Health",
            "The part played by health services. GPs were often the one service both people saw regularly, yet disclosures and warning " +
            "signs were not always followed up; prescriptions and whether people took their medication were not well monitored, although " +
            "stopping medication was a warning sign in several cases; and health visitors did not always ask new mothers about abuse at home.",
            [
                new("3.4.1", "Issues related to general practitioners"),
                new("3.4.2", "Management of prescriptions and not taking medication"),
                new("3.4.3", "Not asking new mothers about domestic abuse (health visitors)"),
            ]),
        new("3.5", "Services",
            "What was on offer, and to whom. Most perpetrators had recorded mental health problems, many alongside drug or alcohol misuse, " +
            "and services tended to deal with one need at a time. When people did not engage with the help offered, services rarely changed " +
            "approach, and there were few programmes working directly with perpetrators to change their behaviour.",
            [
                new("3.5.1", "Complex needs of perpetrators"),
                new("3.5.2", "Failure to engage with services offered"),
                new("3.5.3", "Lack of perpetrator programmes"),
            ]),
        new("3.6", "Systemic issues",
            "Problems across the whole system. Poor communication and information sharing within and between agencies featured in ten of the " +
            "thirteen reviews; backlogs, workload and a lack of trained staff delayed action; and people whose first language was not English " +
            "were not always given a professional interpreter, sometimes having to disclose abuse through friends or family.",
            [
                new("3.6.1", "Problems with partnership working and communication"),
                new("3.6.2", "Staffing issues and lack of facilities"),
                new("3.6.3", "Equality issues"),
            ]),
    ];

    /// <summary>
    /// The study subsection a theme comes from (<c>3.1.1</c>), when its <c>source</c> names one of this
    /// study's subsections; null otherwise.
    /// </summary>
    public static string? SectionOf(Content.Theme theme)
    {
        if (theme.Source is not { } source || !source.StartsWith(SourcePrefix, StringComparison.OrdinalIgnoreCase)) return null;
        var number = source[SourcePrefix.Length..].Trim().TrimStart('§').Trim();
        return Areas.Any(a => a.Number == number || a.Subsections.Any(s => s.Number == number)) ? number : null;
    }

    /// <summary>The portal's themes that come from a subsection (or, for an area number, from any of its subsections).</summary>
    public static IReadOnlyList<Content.Theme> ThemesFrom(SiteIndex site, string number) =>
        site.Model.Themes.Where(t => SectionOf(t) is { } s && (s == number || s.StartsWith(number + ".", StringComparison.Ordinal))).ToList();
}
