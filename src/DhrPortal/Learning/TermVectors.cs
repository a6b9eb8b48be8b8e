namespace DhrPortal.Learning;

/// <summary>
/// TF-IDF vectors of term lists over one corpus, unit length, so that a dot product is the cosine.
/// Inverse document frequency is smoothed (ln((1 + N) / (1 + df)) + 1), as in scikit-learn.
/// </summary>
public sealed class TermVectors
{
    private readonly Dictionary<string, double> _idf;

    /// <summary>The vectors, in corpus order: term → weight, sorted by term (ordinal).</summary>
    public IReadOnlyList<KeyValuePair<string, double>[]> Vectors { get; }

    /// <param name="documents">Each document's terms.</param>
    /// <param name="bigrams">Whether adjacent pairs of terms count as terms too.</param>
    public TermVectors(IReadOnlyList<IReadOnlyList<string>> documents, bool bigrams)
    {
        var bags = documents.Select(d => Bag(d, bigrams)).ToList();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var bag in bags)
            foreach (var term in bag.Keys)
                df[term] = df.GetValueOrDefault(term) + 1;
        var n = bags.Count;
        _idf = df.ToDictionary(p => p.Key, p => Math.Log((1.0 + n) / (1.0 + p.Value)) + 1.0, StringComparer.Ordinal);
        Vectors = bags.Select(Weigh).ToList();
    }

    private static Dictionary<string, int> Bag(IReadOnlyList<string> terms, bool bigrams)
    {
        var bag = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < terms.Count; i++)
        {
            bag[terms[i]] = bag.GetValueOrDefault(terms[i]) + 1;
            if (bigrams && i + 1 < terms.Count)
            {
                var pair = terms[i] + " " + terms[i + 1];
                bag[pair] = bag.GetValueOrDefault(pair) + 1;
            }
        }
        return bag;
    }

    private KeyValuePair<string, double>[] Weigh(Dictionary<string, int> bag)
    {
        var weights = bag.Select(p => new KeyValuePair<string, double>(p.Key, p.Value * _idf[p.Key]))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        var norm = Math.Sqrt(weights.Sum(p => p.Value * p.Value));
        return norm == 0 ? weights : weights.Select(p => new KeyValuePair<string, double>(p.Key, p.Value / norm)).ToArray();
    }

    /// <summary>Cosine of two vectors of this corpus (both sorted by term).</summary>
    public static double Cosine(KeyValuePair<string, double>[] a, KeyValuePair<string, double>[] b) => Compare(a, b).Cosine;

    /// <summary>Cosine of two vectors of this corpus (both sorted by term), and how many terms they share.</summary>
    public static (double Cosine, int Shared) Compare(KeyValuePair<string, double>[] a, KeyValuePair<string, double>[] b)
    {
        double dot = 0;
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            var c = string.CompareOrdinal(a[i].Key, b[j].Key);
            if (c == 0) { dot += a[i++].Value * b[j++].Value; shared++; }
            else if (c < 0) i++;
            else j++;
        }
        return (dot, shared);
    }
}
