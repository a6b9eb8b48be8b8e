namespace DhrPortal.Content;

/// <summary>
/// The controlled vocabularies of the content format, in one place: the YAML spelling of each
/// value and the words shown to readers.
/// </summary>
public static class Vocabulary
{
    internal static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static readonly IReadOnlyList<(string Key, ReviewType Value, string Label)> ReviewTypes =
    [
        ("dhr", ReviewType.Dhr, "Domestic Homicide Review"),
        ("dard", ReviewType.Dard, "Domestic Abuse Related Death Review"),
    ];

    public static readonly IReadOnlyList<(string Key, Relationship Value, string Label)> Relationships =
    [
        ("intimate-partner", Relationship.IntimatePartner, "Intimate partner"),
        ("familial", Relationship.Familial, "Familial"),
        ("suicide-following-domestic-abuse", Relationship.SuicideFollowingDomesticAbuse, "Suicide following domestic abuse"),
        ("other", Relationship.Other, "Other"),
    ];

    public static readonly IReadOnlyList<(string Key, RecommendationsStatus Value, string Label)> RecommendationStatuses =
    [
        ("extracted", RecommendationsStatus.Extracted, "Extracted"),
        ("not-extracted", RecommendationsStatus.NotExtracted, "Not yet extracted"),
    ];

    public static readonly IReadOnlyList<(string Key, ImplementationState Value, string Label)> ImplementationStates =
    [
        ("fully-implemented", ImplementationState.FullyImplemented, "Fully implemented"),
        ("already-happening", ImplementationState.AlreadyHappening, "Already happening"),
        ("partly-met", ImplementationState.PartlyMet, "Partly met"),
        ("not-met", ImplementationState.NotMet, "Not met"),
        ("unknown", ImplementationState.Unknown, "Unknown"),
    ];

    public static readonly IReadOnlyList<(string Key, string Label)> Sectors =
    [
        ("police", "Police"),
        ("health", "Health"),
        ("local-authority", "Local authority"),
        ("housing", "Housing"),
        ("community-safety", "Community safety"),
        ("safeguarding-board", "Safeguarding boards"),
        ("criminal-justice", "Criminal justice"),
        ("voluntary", "Voluntary sector"),
        ("national-government", "National government"),
        ("multi-agency", "Multi-agency"),
        ("other", "Other"),
    ];

    public static readonly IReadOnlyList<(string Key, string Label)> Nations =
    [
        ("england", "England"),
        ("wales", "Wales"),
    ];

    public static string Label(ReviewType v) => ReviewTypes.First(t => t.Value == v).Label;
    public static string Label(Relationship v) => Relationships.First(t => t.Value == v).Label;
    public static string Label(ImplementationState v) => ImplementationStates.First(t => t.Value == v).Label;
    public static string Key(ReviewType v) => ReviewTypes.First(t => t.Value == v).Key;
    public static string Key(Relationship v) => Relationships.First(t => t.Value == v).Key;
    public static string Key(ImplementationState v) => ImplementationStates.First(t => t.Value == v).Key;
    public static string Key(RecommendationsStatus v) => RecommendationStatuses.First(t => t.Value == v).Key;
    public static string SectorLabel(string key) => Sectors.FirstOrDefault(s => s.Key == key).Label ?? key;
    public static string NationLabel(string key) => Nations.FirstOrDefault(s => s.Key == key).Label ?? key;
}
