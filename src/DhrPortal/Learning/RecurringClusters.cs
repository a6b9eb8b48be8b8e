using DhrPortal.Content;

namespace DhrPortal.Learning;

/// <summary>
/// A recommendation of a recurring cluster. <see cref="Link"/> is <see cref="RepeatKind.Confirmed"/>
/// when an editor linked it to another member, else <see cref="RepeatKind.Repeat"/> (detected as a
/// repeat of the centre), null for a centre no editor linked.
/// </summary>
public sealed record ClusterMember(Review Review, Recommendation Recommendation, RepeatKind? Link);

/// <summary>
/// Recommendations of several reviews that ask the same action: a centre and every recommendation
/// that repeats it (confirmed by an editor, or detected). Members are newest review first.
/// </summary>
public sealed record RecurringCluster(ClusterMember Centre, IReadOnlyList<ClusterMember> Members)
{
    /// <summary>How many reviews asked it.</summary>
    public int Reviews { get; } = Members.Select(m => m.Review.Id).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Earliest and latest publication years among the members (null when none is known).</summary>
    public int? FirstYear { get; } = Members.Select(m => m.Review.Published?.Year).Min();
    public int? LastYear { get; } = Members.Select(m => m.Review.Published?.Year).Max();

    /// <summary>True when at least one member was confirmed by an editor.</summary>
    public bool HasConfirmed { get; } = Members.Any(m => m.Link == RepeatKind.Confirmed);
}

/// <summary>
/// Recurring recommendations: recommendations of different reviews linked by repeats, confirmed or
/// detected (never by mere similarity), grouped into clusters.
/// <para>
/// A cluster is a star, not a connected component: every member is itself a repeat of the
/// cluster's centre. Repeats are not transitive (A asks the same as B, B as C, yet A and C may ask
/// different things), and on a generated corpus of 2,000 reviews the connected components of the
/// repeat graph chained paraphrases of different actions into components far larger than any
/// action (docs/learning.md has the figures). Centres are taken greedily, the recommendation with
/// the most repeats first, so each cluster is as large as its direct links allow; a recommendation
/// belongs to one cluster at most.
/// </para>
/// </summary>
public static class RecurringClusters
{
    /// <summary>
    /// Finds the clusters of a corpus, largest (most reviews) first, then latest year, then centre
    /// (review id, anchor). Pure and deterministic.
    /// </summary>
    /// <param name="items">Every recommendation with its review, in a fixed order.</param>
    /// <param name="links">For item i, the items of other reviews it repeats (symmetric, each once), with the kind of link.</param>
    internal static IReadOnlyList<RecurringCluster> Find(
        IReadOnlyList<(Review Review, Recommendation Rec)> items,
        IReadOnlyList<IReadOnlyList<(int Item, RepeatKind Kind)>> links)
    {
        var order = Enumerable.Range(0, items.Count)
            .Where(i => links[i].Count > 0)
            .OrderByDescending(i => links[i].Count).ThenBy(i => i)
            .ToList();
        var taken = new bool[items.Count];
        var clusters = new List<RecurringCluster>();
        foreach (var centre in order)
        {
            if (taken[centre]) continue;
            var ids = new List<int> { centre };
            foreach (var (j, _) in links[centre])
                if (!taken[j]) ids.Add(j);
            if (ids.Count == 1) continue;
            foreach (var i in ids) taken[i] = true;
            // A member is shown as confirmed when an editor linked it to any member of its cluster,
            // not only to the centre (editors cite the recommendation they know, not the centre).
            var inCluster = ids.ToHashSet();
            bool IsConfirmed(int i) => links[i].Any(l => l.Kind == RepeatKind.Confirmed && inCluster.Contains(l.Item));
            var members = ids.Select(i => new ClusterMember(items[i].Review, items[i].Rec,
                IsConfirmed(i) ? RepeatKind.Confirmed : i == centre ? null : RepeatKind.Repeat)).ToList();
            var head = members[0];
            members.Sort(NewestFirst);
            clusters.Add(new RecurringCluster(head, members));
        }
        clusters.Sort((a, b) =>
        {
            var c = b.Reviews.CompareTo(a.Reviews);
            if (c == 0) c = (b.LastYear ?? 0).CompareTo(a.LastYear ?? 0);
            if (c == 0) c = string.CompareOrdinal(a.Centre.Review.Id, b.Centre.Review.Id);
            return c != 0 ? c : string.CompareOrdinal(a.Centre.Recommendation.Anchor, b.Centre.Recommendation.Anchor);
        });
        return clusters;
    }

    private static readonly Comparer<ClusterMember> NewestFirst = Comparer<ClusterMember>.Create((a, b) =>
    {
        var (x, y) = (a.Review.Published, b.Review.Published);
        if (x != y)
        {
            if (x is null) return 1;
            if (y is null) return -1;
            return y.Value.CompareTo(x.Value);
        }
        var c = string.CompareOrdinal(a.Review.Id, b.Review.Id);
        return c != 0 ? c : a.Recommendation.Order.CompareTo(b.Recommendation.Order);
    });
}
