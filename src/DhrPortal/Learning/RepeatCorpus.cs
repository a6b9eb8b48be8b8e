namespace DhrPortal.Learning;

/// <summary>
/// The recommendations of a portal as <see cref="RepeatDetector"/> vectors, with an inverted index
/// so that the nearest ones in other reviews are found without scoring every pair (36,000
/// recommendations make 648 million pairs).
/// </summary>
internal sealed class RepeatCorpus
{
    private readonly RepeatDetector _detector;
    private readonly string[] _reviews;
    private readonly Dictionary<string, int[]> _postings;
    private readonly string[][] _rareTerms;

    private RepeatCorpus(RepeatDetector detector, string[] reviews, Dictionary<string, int[]> postings, string[][] rareTerms)
    {
        _detector = detector;
        _reviews = reviews;
        _postings = postings;
        _rareTerms = rareTerms;
    }

    /// <param name="items">Each recommendation's review id, text and the words naming its place.</param>
    public static RepeatCorpus Create(IReadOnlyList<(string Review, string Text, IReadOnlySet<string>? Places)> items)
    {
        var all = items.Select(i => ActionTerms.Of(i.Text, i.Places)).ToList();
        var detector = RepeatDetector.FromTerms(all);
        var terms = all.Select(ts => ts.Distinct(StringComparer.Ordinal).ToArray()).ToArray();
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < terms.Length; i++)
            foreach (var t in terms[i])
            {
                if (!postings.TryGetValue(t, out var list)) postings[t] = list = [];
                list.Add(i);
            }
        // Candidates come through the rarer terms only: a term in more than one recommendation in 50
        // (at least 20) names a topic, not an action, and would make every pair a candidate.
        var common = Math.Max(20, items.Count / 50);
        var rare = terms.Select(ts => ts.Where(t => postings[t].Count <= common).ToArray()).ToArray();
        return new RepeatCorpus(detector, items.Select(i => i.Review).ToArray(),
            postings.Where(p => p.Value.Count <= common).ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal), rare);
    }

    /// <summary>Detector score of two recommendations.</summary>
    public double Score(int a, int b) => _detector.Score(a, b);

    /// <summary>Recommendations of other reviews scoring at least <paramref name="floor"/> with <paramref name="i"/>, in index order.</summary>
    public IEnumerable<(int Index, double Score)> Nearest(int i, double floor)
    {
        var candidates = new SortedSet<int>();
        foreach (var t in _rareTerms[i])
            foreach (var j in _postings[t])
                if (_reviews[j] != _reviews[i]) candidates.Add(j);
        foreach (var j in candidates)
        {
            var score = _detector.Score(i, j);
            if (score >= floor) yield return (j, score);
        }
    }
}
