using DhrPortal.Content;

namespace DhrPortal.Learning;

/// <summary>
/// The outcome categories of the Domestic Abuse Commissioner's report on the implementation of
/// national recommendations ("Learning from loss", 2025), into which the portal's states are mapped
/// (<see cref="Implementation.OutcomeOf(ImplementationState)"/>; the mapping is documented in docs/content-format.md).
/// </summary>
public enum ImplementationOutcome
{
    Implemented,
    PartlyImplemented,
    NotImplemented,
    NotKnown,
    /// <summary>No status has been reported to the portal.</summary>
    NoStatus,
}

/// <summary>How many recommendations are in each state (and none), and how many of them are overdue.</summary>
public sealed class StatusTally
{
    // One slot per ImplementationState, then one for "no status".
    private readonly int[] _states = new int[Enum.GetValues<ImplementationState>().Length + 1];

    public int Total { get; private set; }
    public int Overdue { get; private set; }
    /// <summary>Recommendations with a reported status.</summary>
    public int WithStatus => Total - _states[^1];

    public int this[ImplementationState state] => _states[(int)state];
    public int NoStatus => _states[^1];

    public int this[ImplementationOutcome outcome] => outcome == ImplementationOutcome.NoStatus
        ? NoStatus
        : Enum.GetValues<ImplementationState>().Where(s => Implementation.OutcomeOf(s) == outcome).Sum(s => _states[(int)s]);

    internal void Add(ImplementationStatus? status, bool overdue)
    {
        Total++;
        _states[status is { } s ? (int)s.State : _states.Length - 1]++;
        if (overdue) Overdue++;
    }
}

/// <summary>Implementation in one row of the national page: a sector, theme, year or department.</summary>
public sealed record TallyRow<TKey>(TKey Key, StatusTally Tally);

/// <summary>A recommendation with its review (the learning stage does not depend on the site index).</summary>
public sealed record ReviewRecommendation(Review Review, Recommendation Recommendation);

/// <summary>The national picture (<c>/implementation/</c>): statuses by sector, theme, year and department.</summary>
public sealed record ImplementationOverview(
    StatusTally All,
    IReadOnlyList<TallyRow<string>> BySector,
    IReadOnlyList<TallyRow<Theme>> ByTheme,
    IReadOnlyList<TallyRow<int?>> ByYear,
    IReadOnlyList<TallyRow<Agency>> ByDepartment,
    IReadOnlyList<ReviewRecommendation> National);

/// <summary>
/// The one owner of what "overdue" means and of the month it is judged against, used by every page
/// and the open data. The reference month comes from the content (<c>status_as_of</c> in site.yml,
/// else the latest status month reported), never from the clock, so the same content always builds
/// the same bytes; with no status anywhere there is no reference month and nothing is overdue.
/// </summary>
public sealed class Implementation
{
    /// <summary>The sector of government departments: recommendations to them are national recommendations.</summary>
    public const string NationalSector = "national-government";

    private Implementation(YearMonth? referenceMonth, bool fromSettings)
    {
        ReferenceMonth = referenceMonth;
        ReferenceIsSet = fromSettings;
    }

    /// <summary>The month targets are compared with; null when the content reports no status and sets none.</summary>
    public YearMonth? ReferenceMonth { get; }

    /// <summary>True when the reference month is <c>status_as_of</c> in site.yml, false when it is the latest status month.</summary>
    public bool ReferenceIsSet { get; }

    /// <summary>The rule for a checked model.</summary>
    public static Implementation For(ContentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Settings.StatusAsOf is { } set) return new(set, true);
        YearMonth? latest = null;
        foreach (var review in model.Reviews)
        {
            foreach (var rec in review.Recommendations)
            {
                if (rec.Status is { } s && (latest is null || s.AsOf > latest.Value)) latest = s.AsOf;
            }
        }
        return new(latest, false);
    }

    /// <summary>Overdue: a target month before the reference month, and not fully implemented.</summary>
    public bool IsOverdue(ImplementationStatus? status) =>
        status is { Target: { } target } && ReferenceMonth is { } reference
        && target < reference && status.State != ImplementationState.FullyImplemented;

    public bool IsOverdue(Recommendation rec) => IsOverdue(rec.Status);

    /// <summary>
    /// The Commissioner's category of a state. "Already happening" (the agency was doing it when the
    /// review asked) counts as implemented; "unknown" as not known.
    /// </summary>
    public static ImplementationOutcome OutcomeOf(ImplementationState state) => state switch
    {
        ImplementationState.FullyImplemented or ImplementationState.AlreadyHappening => ImplementationOutcome.Implemented,
        ImplementationState.PartlyMet => ImplementationOutcome.PartlyImplemented,
        ImplementationState.NotMet => ImplementationOutcome.NotImplemented,
        _ => ImplementationOutcome.NotKnown,
    };

    public static ImplementationOutcome OutcomeOf(ImplementationStatus? status) =>
        status is { } s ? OutcomeOf(s.State) : ImplementationOutcome.NoStatus;

    /// <summary>The categories in the order pages show them, with the words readers see.</summary>
    public static IReadOnlyList<(ImplementationOutcome Outcome, string Label)> Outcomes { get; } =
    [
        (ImplementationOutcome.Implemented, "Implemented"),
        (ImplementationOutcome.PartlyImplemented, "Partly implemented"),
        (ImplementationOutcome.NotImplemented, "Not implemented"),
        (ImplementationOutcome.NotKnown, "Not known"),
        (ImplementationOutcome.NoStatus, "No status reported"),
    ];

    public static string Label(ImplementationOutcome outcome) => Outcomes.First(o => o.Outcome == outcome).Label;

    /// <summary>Counts the statuses of <paramref name="recommendations"/>.</summary>
    public StatusTally Tally(IEnumerable<Recommendation> recommendations)
    {
        var tally = new StatusTally();
        foreach (var rec in recommendations) tally.Add(rec.Status, IsOverdue(rec));
        return tally;
    }

    /// <summary>
    /// The national picture. A recommendation to agencies of two sectors counts in each sector (and
    /// once in each theme it is coded with); years are years of publication of the review, newest
    /// first, unknown last. National recommendations are those addressed to a government department
    /// (<see cref="NationalSector"/>), newest review first.
    /// </summary>
    public ImplementationOverview Overview(ContentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var agencies = model.Agencies.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var all = new StatusTally();
        var bySector = new Dictionary<string, StatusTally>(StringComparer.Ordinal);
        var byTheme = new Dictionary<string, StatusTally>(StringComparer.Ordinal);
        var byYear = new Dictionary<int, StatusTally>();
        StatusTally? noYear = null;
        var byDepartment = new Dictionary<string, StatusTally>(StringComparer.Ordinal);
        var national = new List<ReviewRecommendation>();

        static void Add<TKey>(Dictionary<TKey, StatusTally> map, TKey key, Recommendation rec, bool overdue) where TKey : notnull
        {
            if (!map.TryGetValue(key, out var t)) map[key] = t = new StatusTally();
            t.Add(rec.Status, overdue);
        }

        foreach (var review in model.Reviews.OrderBy(r => r, Site.SiteIndex.NewestFirst))
        {
            foreach (var rec in review.Recommendations)
            {
                var overdue = IsOverdue(rec);
                all.Add(rec.Status, overdue);
                var addressed = rec.To.Select(t => t.AgencyId).OfType<string>().Distinct(StringComparer.Ordinal)
                    .Select(id => agencies.GetValueOrDefault(id)).OfType<Agency>().ToList();
                foreach (var sector in addressed.Select(a => a.Sector).Distinct(StringComparer.Ordinal)) Add(bySector, sector, rec, overdue);
                foreach (var theme in rec.Themes.Select(t => t.Id).Distinct(StringComparer.Ordinal)) Add(byTheme, theme, rec, overdue);
                if (review.Published is { } p) Add(byYear, p.Year, rec, overdue);
                else (noYear ??= new StatusTally()).Add(rec.Status, overdue);
                var departments = addressed.Where(a => a.Sector == NationalSector).ToList();
                foreach (var d in departments) Add(byDepartment, d.Id, rec, overdue);
                if (departments.Count > 0) national.Add(new ReviewRecommendation(review, rec));
            }
        }

        var sectorOrder = Vocabulary.Sectors.Select(s => s.Key).ToList();
        return new ImplementationOverview(
            all,
            bySector.OrderBy(kv => sectorOrder.IndexOf(kv.Key) is var i && i >= 0 ? i : int.MaxValue).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => new TallyRow<string>(kv.Key, kv.Value)).ToList(),
            model.Themes.Where(t => byTheme.ContainsKey(t.Id)).Select(t => new TallyRow<Theme>(t, byTheme[t.Id])).ToList(),
            [.. byYear.OrderByDescending(kv => kv.Key).Select(kv => new TallyRow<int?>(kv.Key, kv.Value)),
             .. noYear is null ? [] : new[] { new TallyRow<int?>(null, noYear) }],
            model.Agencies.Where(a => byDepartment.ContainsKey(a.Id))
                .OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.Id, StringComparer.Ordinal)
                .Select(a => new TallyRow<Agency>(a, byDepartment[a.Id])).ToList(),
            national);
    }
}
