using System.Globalization;
using System.Text;
using DhrPortal.Learning;
using DhrPortal.Text;

namespace DhrPortal.Content;

/// <summary>A review whose id changed: declared by the new id's <c>previous_ids:</c>.</summary>
public sealed record RenamedReview(string OldId, string NewId);

/// <summary>A recommendation of a review, named by its review id, anchor and label.</summary>
public sealed record RecommendationRef(string ReviewId, string Anchor, string Label);

/// <summary>A new recommendation that probably asks the same as one already in another review (detected, not confirmed).</summary>
public sealed record LikelyRepeat(RecommendationRef New, RecommendationRef Earlier, double Score);

/// <summary>
/// What one content model adds or changes compared with another (a pull request against its base),
/// so that a reviewer sees the impact at a glance. Every list is sorted (ordinal).
/// </summary>
public sealed record ContentDiff
{
    public required IReadOnlyList<string> AddedReviews { get; init; }
    public required IReadOnlyList<string> RemovedReviews { get; init; }
    public required IReadOnlyList<RenamedReview> RenamedReviews { get; init; }
    /// <summary>Reviews present in both (or renamed) whose content differs; each with the parts that differ.</summary>
    public required IReadOnlyList<(string ReviewId, IReadOnlyList<string> Parts)> ChangedReviews { get; init; }
    /// <summary>Recommendations that are new, including every recommendation of an added review.</summary>
    public required IReadOnlyList<RecommendationRef> AddedRecommendations { get; init; }
    /// <summary>Recommendations of a kept (or renamed) review that are gone.</summary>
    public required IReadOnlyList<RecommendationRef> RemovedRecommendations { get; init; }
    /// <summary>
    /// For each new recommendation, the recommendations of other reviews the detector calls repeats and
    /// that it does not already list in <c>repeats:</c>, best score first: for the editor to confirm.
    /// </summary>
    public IReadOnlyList<LikelyRepeat> LikelyRepeats { get; init; } = [];
    public required IReadOnlyList<string> AddedAgencies { get; init; }
    public required IReadOnlyList<string> RemovedAgencies { get; init; }
    public required IReadOnlyList<string> AddedThemes { get; init; }
    public required IReadOnlyList<string> RemovedThemes { get; init; }
    public required IReadOnlyList<string> AddedCsps { get; init; }
    public required IReadOnlyList<string> RemovedCsps { get; init; }

    /// <summary>True when nothing differs in what the diff looks at.</summary>
    public bool IsEmpty =>
        AddedReviews.Count + RemovedReviews.Count + RenamedReviews.Count + ChangedReviews.Count + AddedRecommendations.Count
        + RemovedRecommendations.Count + AddedAgencies.Count + RemovedAgencies.Count + AddedThemes.Count + RemovedThemes.Count
        + AddedCsps.Count + RemovedCsps.Count == 0;

    /// <summary>Compares <paramref name="head"/> (the proposed content) with <paramref name="base"/>. Pure.</summary>
    public static ContentDiff Compare(ContentModel @base, ContentModel head)
    {
        var before = @base.Reviews.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var after = head.Reviews.ToDictionary(r => r.Id, StringComparer.Ordinal);

        // A review renamed in this change: a new id that lists a base id among its previous ids.
        var renamed = new List<RenamedReview>();
        var oldIdOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in head.Reviews.Where(r => !before.ContainsKey(r.Id)))
        {
            var old = r.PreviousIds.Select(p => p.Id).FirstOrDefault(id => before.ContainsKey(id) && !after.ContainsKey(id));
            if (old is null) continue;
            renamed.Add(new RenamedReview(old, r.Id));
            oldIdOf[r.Id] = old;
        }
        var renamedFrom = oldIdOf.Values.ToHashSet(StringComparer.Ordinal);

        var added = after.Keys.Where(id => !before.ContainsKey(id) && !oldIdOf.ContainsKey(id)).ToList();
        var removed = before.Keys.Where(id => !after.ContainsKey(id) && !renamedFrom.Contains(id)).ToList();
        var addedRecs = new List<RecommendationRef>();
        var removedRecs = new List<RecommendationRef>();
        var changed = new List<(string, IReadOnlyList<string>)>();
        foreach (var id in added) addedRecs.AddRange(after[id].Recommendations.Select(rec => Ref(after[id], rec)));
        foreach (var (id, now) in after)
        {
            var oldId = oldIdOf.GetValueOrDefault(id, id);
            if (!before.TryGetValue(oldId, out var was)) continue;
            var wasRecs = was.Recommendations.ToDictionary(r => r.Anchor, StringComparer.Ordinal);
            var nowRecs = now.Recommendations.ToDictionary(r => r.Anchor, StringComparer.Ordinal);
            addedRecs.AddRange(now.Recommendations.Where(r => !wasRecs.ContainsKey(r.Anchor)).Select(r => Ref(now, r)));
            removedRecs.AddRange(was.Recommendations.Where(r => !nowRecs.ContainsKey(r.Anchor)).Select(r => Ref(now, r)));
            var parts = ChangedParts(was, now, wasRecs, nowRecs);
            if (parts.Count > 0) changed.Add((id, parts));
        }

        return new ContentDiff
        {
            AddedReviews = Sorted(added),
            RemovedReviews = Sorted(removed),
            RenamedReviews = renamed.OrderBy(r => r.NewId, StringComparer.Ordinal).ToList(),
            ChangedReviews = changed.OrderBy(c => c.Item1, StringComparer.Ordinal).ToList(),
            AddedRecommendations = SortedRefs(addedRecs),
            RemovedRecommendations = SortedRefs(removedRecs),
            LikelyRepeats = addedRecs.Count == 0 ? [] : LikelyRepeatsOf(head, addedRecs),
            AddedAgencies = Sorted(head.Agencies.Select(a => a.Id).Except(@base.Agencies.Select(a => a.Id), StringComparer.Ordinal)),
            RemovedAgencies = Sorted(@base.Agencies.Select(a => a.Id).Except(head.Agencies.Select(a => a.Id), StringComparer.Ordinal)),
            AddedThemes = Sorted(head.Themes.Select(t => t.Id).Except(@base.Themes.Select(t => t.Id), StringComparer.Ordinal)),
            RemovedThemes = Sorted(@base.Themes.Select(t => t.Id).Except(head.Themes.Select(t => t.Id), StringComparer.Ordinal)),
            AddedCsps = Sorted(head.Csps.Select(c => c.Id).Except(@base.Csps.Select(c => c.Id), StringComparer.Ordinal)),
            RemovedCsps = Sorted(@base.Csps.Select(c => c.Id).Except(head.Csps.Select(c => c.Id), StringComparer.Ordinal)),
        };
    }

    private static RecommendationRef Ref(Review r, Recommendation rec) => new(r.Id, rec.Anchor, rec.Label);

    private static List<LikelyRepeat> LikelyRepeatsOf(ContentModel head, List<RecommendationRef> added)
    {
        var similar = SimilarRecommendations.Compute(head);
        var reviews = head.Reviews.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var found = new List<LikelyRepeat>();
        foreach (var a in SortedRefs(added))
        {
            var review = reviews[a.ReviewId];
            var rec = review.Recommendations.First(r => r.Anchor == a.Anchor);
            found.AddRange(similar.For(review, rec)
                .Where(s => s.Kind == RepeatKind.Repeat)
                .Select(s => new LikelyRepeat(a, Ref(s.Review, s.Recommendation), s.Score)));
        }
        return found;
    }

    private static List<string> Sorted(IEnumerable<string> ids) => ids.Order(StringComparer.Ordinal).ToList();

    private static List<RecommendationRef> SortedRefs(IEnumerable<RecommendationRef> refs) =>
        refs.OrderBy(r => r.ReviewId, StringComparer.Ordinal).ThenBy(r => r.Anchor, StringComparer.Ordinal).ToList();

    // Compares what readers see; positions, file paths and linked agency ids are not content.
    private static List<string> ChangedParts(Review was, Review now, Dictionary<string, Recommendation> wasRecs, Dictionary<string, Recommendation> nowRecs)
    {
        var parts = new List<string>();
        if (was.Title != now.Title) parts.Add("title");
        if (was.CspId != now.CspId) parts.Add("csp");
        if (was.Published != now.Published) parts.Add("published");
        if (was.YearOfDeath != now.YearOfDeath) parts.Add("year_of_death");
        if (was.Type != now.Type) parts.Add("review_type");
        if (was.Relationship != now.Relationship) parts.Add("relationship");
        if (was.Source != now.Source) parts.Add("source");
        if (!was.Abbreviations.OrderBy(kv => kv.Key, StringComparer.Ordinal).SequenceEqual(now.Abbreviations.OrderBy(kv => kv.Key, StringComparer.Ordinal)))
            parts.Add("abbreviations");
        if (was.RecommendationsStatus != now.RecommendationsStatus) parts.Add("recommendations_status");
        var kept = nowRecs.Keys.Where(wasRecs.ContainsKey).ToList();
        if (kept.Any(a => Fingerprint(wasRecs[a]) != Fingerprint(nowRecs[a]))
            || !was.Recommendations.Select(r => r.Anchor).Where(nowRecs.ContainsKey).SequenceEqual(now.Recommendations.Select(r => r.Anchor).Where(wasRecs.ContainsKey)))
            parts.Add("recommendations");
        if (Fingerprint(was.QaLetter) != Fingerprint(now.QaLetter)) parts.Add("qa_letter");
        if (!was.PreviousIds.Select(p => p.Id).SequenceEqual(now.PreviousIds.Select(p => p.Id))) parts.Add("previous_ids");
        if (was.Summary != now.Summary) parts.Add("summary");
        return parts;
    }

    private static string Fingerprint(Recommendation r)
    {
        var sb = new StringBuilder();
        sb.Append(r.Label).Append('\0').Append(r.Text).Append('\0');
        foreach (var a in r.To) sb.Append(a.AsWritten).Append('\u0001');
        sb.Append('\0');
        foreach (var t in r.Themes) sb.Append(t.Id).Append('\u0001');
        sb.Append('\0').Append(r.Status?.ToString()).Append('\0');
        foreach (var x in r.Repeats) sb.Append(x.ReviewId).Append('#').Append(x.Anchor).Append('\u0001');
        return sb.ToString();
    }

    private static string Fingerprint(QaLetter? l) =>
        l is null ? "" : $"{l.Date:yyyy-MM-dd}\0{string.Join("\u0001", l.Points)}\0{l.Text}";

    /// <summary>
    /// A plain-text summary, one line per item, for the terminal and the pull request's check log. Labels
    /// are free text, so each item is escaped to one line (<see cref="Printable"/>): content cannot start
    /// a line of the log, where a runner would read a workflow command.
    /// </summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        if (IsEmpty)
        {
            sb.Append("No change to reviews, recommendations, agencies, themes or CSPs.\n");
            return sb.ToString();
        }
        void Section(string title, IReadOnlyCollection<string> lines)
        {
            if (lines.Count == 0) return;
            sb.Append(title).Append(" (").Append(lines.Count).Append("):\n");
            foreach (var l in lines) sb.Append("  ").Append(Printable.Escape(l)).Append('\n');
        }
        Section("New reviews", AddedReviews.Select(id => $"{id} ({Count(AddedRecommendations.Count(r => r.ReviewId == id), "recommendation")})").ToList());
        Section("Renamed reviews", RenamedReviews.Select(r => $"{r.OldId} -> {r.NewId} (the old URL redirects)").ToList());
        Section("Changed reviews", ChangedReviews.Select(c => $"{c.ReviewId}: {string.Join(", ", c.Parts)}").ToList());
        Section("Removed reviews", RemovedReviews);
        Section("New recommendations", AddedRecommendations.Select(r => $"{r.ReviewId} #{r.Anchor} (label {r.Label})").ToList());
        Section("Likely repeats to confirm", LikelyRepeats.Select(l =>
            $"{l.New.ReviewId} #{l.New.Anchor} probably asks the same as {l.Earlier.ReviewId} #{l.Earlier.Anchor} (score {l.Score.ToString("0.000", CultureInfo.InvariantCulture)}); if so, add to it: repeats: [{l.Earlier.ReviewId}#{l.Earlier.Anchor}]").ToList());
        Section("Removed recommendations", RemovedRecommendations.Select(r => $"{r.ReviewId} #{r.Anchor} (label {r.Label})").ToList());
        Section("New agencies", AddedAgencies);
        Section("Removed agencies", RemovedAgencies);
        Section("New themes", AddedThemes);
        Section("Removed themes", RemovedThemes);
        Section("New CSPs", AddedCsps);
        Section("Removed CSPs", RemovedCsps);
        return sb.ToString();
    }

    private static string Count(int n, string word) => n == 1 ? $"{n} {word}" : $"{n} {word}s";
}
