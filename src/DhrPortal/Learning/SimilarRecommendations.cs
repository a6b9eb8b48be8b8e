using DhrPortal.Content;
using DhrPortal.Site.Search;

namespace DhrPortal.Learning;

/// <summary>How two recommendations of different reviews relate.</summary>
public enum RepeatKind
{
    /// <summary>An editor listed one in the other's <c>repeats:</c>.</summary>
    Confirmed,
    /// <summary>The detector scores the pair at or above <see cref="RepeatDetector.Threshold"/>: probably the same action.</summary>
    Repeat,
    /// <summary>Close, but below the repeat threshold: probably the same topic.</summary>
    Similar,
}

/// <summary>A recommendation of another review, close to the one it is listed under.</summary>
public sealed record SimilarRecommendation(Review Review, Recommendation Recommendation, RepeatKind Kind, double Score);

/// <summary>One pair, for the open data: A lists B in <c>repeats:</c> when confirmed, else A sorts first by review id and anchor.</summary>
public sealed record RepeatPair(Review ReviewA, Recommendation A, Review ReviewB, Recommendation B, RepeatKind Kind, double Score);

/// <summary>
/// For every recommendation, the closest recommendations in other reviews: confirmed repeats, then
/// detected repeats, then similar ones, best score first. Pure and deterministic: the same model
/// gives the same lists (ties broken by review id and anchor, ordinal).
/// </summary>
public sealed class SimilarRecommendations
{
    /// <summary>How many recommendations of other reviews are kept for each (confirmed ones always are).</summary>
    public const int MaxPerRecommendation = 3;

    /// <summary>Lowest score listed as similar: below it, pairs share words more than a topic.</summary>
    public const double SimilarFloor = 0.15;

    private readonly Dictionary<(string, string), IReadOnlyList<SimilarRecommendation>> _lists;

    /// <summary>Every pair listed under some recommendation, each once, in (review, anchor) order.</summary>
    public IReadOnlyList<RepeatPair> Pairs { get; }

    /// <summary>Recurring recommendations: clusters of repeats across reviews, largest first (see <see cref="RecurringClusters"/>).</summary>
    public IReadOnlyList<RecurringCluster> Clusters { get; }

    /// <summary>
    /// For each recommendation (in model order), every recommendation of other reviews it repeats,
    /// confirmed or detected: the graph the clusters are cut from, kept for the repeats bench, which
    /// measures what clustering by connected components would give instead.
    /// </summary>
    internal IReadOnlyList<IReadOnlyList<(int Item, RepeatKind Kind)>> RepeatLinks { get; }

    public static SimilarRecommendations Empty { get; } = new([], [], [], []);

    private SimilarRecommendations(Dictionary<(string, string), IReadOnlyList<SimilarRecommendation>> lists, IReadOnlyList<RepeatPair> pairs,
        IReadOnlyList<RecurringCluster> clusters, IReadOnlyList<IReadOnlyList<(int, RepeatKind)>> links)
    {
        _lists = lists;
        Pairs = pairs;
        Clusters = clusters;
        RepeatLinks = links;
    }

    /// <summary>The recommendations of other reviews close to <paramref name="rec"/> of <paramref name="review"/>.</summary>
    public IReadOnlyList<SimilarRecommendation> For(Review review, Recommendation rec) =>
        _lists.GetValueOrDefault((review.Id, rec.Anchor)) ?? [];

    /// <summary>Computes the lists for a checked model.</summary>
    public static SimilarRecommendations Compute(ContentModel model)
    {
        var items = model.Reviews.SelectMany(r => r.Recommendations.Select(rec => (Review: r, Rec: rec))).ToList();
        if (items.Count == 0) return Empty;
        var places = model.Csps.ToDictionary(c => c.Id, c => (IReadOnlySet<string>)SearchText.Words(c.Name).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        // Who is asked is not what is asked: the words of the review's place and of the recommendation's
        // addressees are dropped (two recommendations to "NHS Manchester Clinical Commissioning Group"
        // otherwise share three terms before their actions are compared).
        IReadOnlySet<string> Names(Review review, Recommendation rec)
        {
            var names = new HashSet<string>(places.GetValueOrDefault(review.CspId) ?? new HashSet<string>(), StringComparer.Ordinal);
            foreach (var a in rec.To) names.UnionWith(SearchText.Words(a.AsWritten));
            return names;
        }
        var corpus = RepeatCorpus.Create(items.Select(i => (i.Review.Id, i.Rec.Text, (IReadOnlySet<string>?)Names(i.Review, i.Rec))).ToList(), SimilarFloor);

        var position = new Dictionary<(string, string), int>();
        for (var i = 0; i < items.Count; i++) position[(items[i].Review.Id, items[i].Rec.Anchor)] = i;
        // Confirmed pairs, both ways: the earlier recommendation also shows that it was asked again.
        var confirmed = new HashSet<(int, int)>();
        var confirmedPairs = new List<(int A, int B)>();
        for (var i = 0; i < items.Count; i++)
            foreach (var r in items[i].Rec.Repeats)
                if (position.TryGetValue((r.ReviewId, r.Anchor), out var j) && j != i && confirmed.Add((i, j)))
                {
                    confirmed.Add((j, i));
                    confirmedPairs.Add((i, j));
                }

        // Each recommendation's confirmed partners, in the order listed (a scan of every pair for every
        // recommendation cost O(recommendations x pairs), minutes once a corpus confirms thousands).
        var partnersOf = new List<int>?[items.Count];
        foreach (var (a, b) in confirmedPairs)
        {
            (partnersOf[a] ??= []).Add(b);
            (partnersOf[b] ??= []).Add(a);
        }
        IReadOnlyList<int> Partners(int i) => partnersOf[i] ?? (IReadOnlyList<int>)[];
        var lists = new IReadOnlyList<SimilarRecommendation>[items.Count];
        Parallel.For(0, items.Count, i =>
        {
            var found = new List<SimilarRecommendation>();
            // Confirmed pairs are listed apart: ask for as many more as there are, so the detected ones still fill the list.
            foreach (var (j, score) in corpus.Nearest(i, MaxPerRecommendation + Partners(i).Count))
                if (!confirmed.Contains((i, j)))
                    found.Add(new SimilarRecommendation(items[j].Review, items[j].Rec, score >= RepeatDetector.Threshold ? RepeatKind.Repeat : RepeatKind.Similar, score));
            var list = found.OrderBy(s => s, Order).Take(MaxPerRecommendation).ToList();
            foreach (var b in Partners(i))
                list.Add(new SimilarRecommendation(items[b].Review, items[b].Rec, RepeatKind.Confirmed, corpus.Score(i, b)));
            lists[i] = list.OrderBy(s => s, Order).ToList();
        });

        var dictionary = new Dictionary<(string, string), IReadOnlyList<SimilarRecommendation>>();
        var pairs = new Dictionary<(int, int), RepeatPair>();
        foreach (var (a, b) in confirmedPairs)
            pairs[(Math.Min(a, b), Math.Max(a, b))] = new RepeatPair(items[a].Review, items[a].Rec, items[b].Review, items[b].Rec, RepeatKind.Confirmed, corpus.Score(a, b));
        for (var i = 0; i < items.Count; i++)
        {
            dictionary[(items[i].Review.Id, items[i].Rec.Anchor)] = lists[i];
            foreach (var s in lists[i])
            {
                var j = position[(s.Review.Id, s.Recommendation.Anchor)];
                var key = (Math.Min(i, j), Math.Max(i, j));
                if (!pairs.ContainsKey(key))
                    pairs[key] = new RepeatPair(items[key.Item1].Review, items[key.Item1].Rec, items[key.Item2].Review, items[key.Item2].Rec, s.Kind, s.Score);
            }
        }
        var ordered = pairs.OrderBy(p => p.Key.Item1).ThenBy(p => p.Key.Item2).Select(p => p.Value).ToList();

        // Every repeat of each recommendation, not only the few listed under it: a cluster's centre
        // must reach all its members directly.
        var links = new IReadOnlyList<(int, RepeatKind)>[items.Count];
        Parallel.For(0, items.Count, i =>
        {
            var found = new List<(int, RepeatKind)>();
            var seen = new HashSet<int>();
            foreach (var b in Partners(i))
                if (seen.Add(b)) found.Add((b, RepeatKind.Confirmed));
            foreach (var (j, score) in corpus.Nearest(i, int.MaxValue))
            {
                if (score < RepeatDetector.Threshold) break;
                if (seen.Add(j)) found.Add((j, RepeatKind.Repeat));
            }
            links[i] = found;
        });
        var clusters = RecurringClusters.Find(items.Select(x => (x.Review, x.Rec)).ToList(), links);
        return new SimilarRecommendations(dictionary, ordered, clusters, links);
    }

    private static readonly Comparer<SimilarRecommendation> Order = Comparer<SimilarRecommendation>.Create((x, y) =>
    {
        var c = x.Kind.CompareTo(y.Kind);
        if (c == 0) c = y.Score.CompareTo(x.Score);
        if (c == 0) c = string.CompareOrdinal(x.Review.Id, y.Review.Id);
        return c != 0 ? c : string.CompareOrdinal(x.Recommendation.Anchor, y.Recommendation.Anchor);
    });
}
