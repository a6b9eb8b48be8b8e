namespace DhrPortal.SearchBench;

/// <summary>
/// The fixed query set of the speed benchmark (synthetic corpus). Chosen to be hard for a sharded
/// index: words in almost every document ("agency", "review", "domestic", "should"), acronyms,
/// two-word phrases, a prefix and misspellings (one edit or a swap of two neighbouring letters).
/// </summary>
internal static class Queries
{
    public static IReadOnlyList<string> All { get; } =
    [
        "agency", "review", "domestic", "should", "abuse",
        "marac", "dash", "mash", "idva", "gp",
        "professional curiosity", "mental health", "coercive control", "information sharing", "substance misuse",
        "housing", "stalking", "police response", "refuge", "interpreter",
        "probation", "safeguarding", "escalat",
        "trainign", "curiousity", "homelessnes",
    ];

    /// <summary>The <c>--quick</c> subset: the commonest words, an acronym, a phrase and a typo.</summary>
    public static IReadOnlyList<string> Quick { get; } = ["agency", "domestic", "marac", "professional curiosity", "housing", "trainign"];
}
