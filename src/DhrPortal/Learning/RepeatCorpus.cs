namespace DhrPortal.Learning;

/// <summary>
/// The recommendations of a portal as <see cref="RepeatDetector"/> vectors, with an inverted index
/// so that the nearest ones in other reviews are found without scoring every pair (36,000
/// recommendations make 648 million pairs). Recommendations with the same action terms are scored
/// once, as one group: a generated corpus repeats its texts, and so do real reviews that copy a
/// standard recommendation.
/// </summary>
internal sealed class RepeatCorpus
{
    private readonly RepeatDetector _detector;
    private readonly string[] _reviews;
    private readonly int[] _group;
    private readonly int[][] _members;
    private readonly Lazy<(int Group, double Score)[]>[] _nearest;

    private RepeatCorpus(RepeatDetector detector, string[] reviews, int[] group, int[][] members, Func<int, (int, double)[]> nearest)
    {
        _detector = detector;
        _reviews = reviews;
        _group = group;
        _members = members;
        _nearest = Enumerable.Range(0, members.Length).Select(g => new Lazy<(int, double)[]>(() => nearest(g))).ToArray();
    }

    /// <param name="items">Each recommendation's review id, text and the words naming its place and addressees.</param>
    /// <param name="floor">Lowest score kept.</param>
    public static RepeatCorpus Create(IReadOnlyList<(string Review, string Text, IReadOnlySet<string>? Names)> items, double floor)
    {
        // Each text's terms alone (regular expressions and stemming: most of the stage), on every core.
        var all = new IReadOnlyList<string>[items.Count];
        Parallel.For(0, items.Count, i => all[i] = ActionTerms.Of(items[i].Text, items[i].Names));
        var detector = RepeatDetector.FromTerms(all);

        var groupOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var group = new int[all.Length];
        var members = new List<List<int>>();
        for (var i = 0; i < all.Length; i++)
        {
            var key = string.Join(' ', all[i]);
            if (!groupOf.TryGetValue(key, out var g)) { groupOf[key] = g = members.Count; members.Add([]); }
            group[i] = g;
            members[g].Add(i);
        }
        var representative = members.Select(m => m[0]).ToArray();
        var terms = representative.Select(i => all[i].Distinct(StringComparer.Ordinal).ToArray()).ToArray();
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var g = 0; g < terms.Length; g++)
            foreach (var t in terms[g])
            {
                if (!postings.TryGetValue(t, out var list)) postings[t] = list = [];
                list.Add(g);
            }
        // Candidates come through the rarer terms only: a term in more than one text in 500 (at least
        // 20) names a topic, not an action, and would make every pair a candidate.
        var common = Math.Max(20, terms.Length / 500);

        (int, double)[] Nearest(int g)
        {
            var candidates = new SortedSet<int>();
            foreach (var t in terms[g])
                if (postings[t] is { } list && list.Count <= common)
                    candidates.UnionWith(list);
            return candidates
                .Select(h => (Group: h, Score: detector.Score(representative[g], representative[h])))
                .Where(c => c.Score >= floor)
                .OrderByDescending(c => c.Score).ThenBy(c => c.Group)
                .ToArray();
        }
        return new RepeatCorpus(detector, items.Select(i => i.Review).ToArray(), group, members.Select(m => m.ToArray()).ToArray(), Nearest);
    }

    /// <summary>Detector score of two recommendations.</summary>
    public double Score(int a, int b) => _detector.Score(a, b);

    /// <summary>
    /// Up to <paramref name="max"/> recommendations of other reviews scoring at least the floor with
    /// <paramref name="i"/>, best first (ties in corpus order).
    /// </summary>
    public IEnumerable<(int Index, double Score)> Nearest(int i, int max)
    {
        var found = 0;
        foreach (var (h, score) in _nearest[_group[i]].Value)
            foreach (var j in _members[h])
            {
                if (_reviews[j] == _reviews[i]) continue;
                yield return (j, score);
                if (++found == max) yield break;
            }
    }
}
