using YamlDotNet.RepresentationModel;

namespace DhrPortal.SearchBench;

/// <summary>One labelled query: what a practitioner types, the result that must come first, and every relevant one.</summary>
internal sealed record LabelledQuery(string Query, string First, IReadOnlyList<string> Relevant);

/// <summary>How one engine did on a labelled set.</summary>
internal sealed record RelevanceScore(int Queries, double Mrr, double Recall, double ZeroResultRate, int FirstAtTop);

/// <summary>
/// The labelled relevance set (<c>tests/DhrPortal.BrowserTests/Search/relevance.yml</c>, format in the
/// search contract) and the metrics over it. Results and labels are compared as keys:
/// <c>review-id#anchor</c> for a recommendation, <c>review-id</c> for a review. Pure.
/// </summary>
internal static class Relevance
{
    /// <summary>Folder of the Pagefind per-recommendation pages: <c>/rec/review-id/anchor/</c>.</summary>
    public const string PagefindRecommendationFolder = "rec";

    /// <summary>Reads the YAML list of <c>{query, first, relevant: [...]}</c>; <c>first</c> counts as relevant too.</summary>
    public static IReadOnlyList<LabelledQuery> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0) return [];
        if (stream.Documents[0].RootNode is not YamlSequenceNode list)
            throw new FormatException("relevance set: the document must be a list of queries.");
        var result = new List<LabelledQuery>();
        foreach (var node in list)
        {
            if (node is not YamlMappingNode map) throw new FormatException($"relevance set: item at {node.Start} is not a mapping.");
            string Scalar(string key) =>
                map.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value)
                    ? s.Value.Trim()
                    : throw new FormatException($"relevance set: item at {node.Start} has no '{key}'.");
            var query = Scalar("query");
            var first = Scalar("first");
            var relevant = new List<string> { first };
            if (map.Children.TryGetValue(new YamlScalarNode("relevant"), out var r))
            {
                if (r is not YamlSequenceNode seq) throw new FormatException($"relevance set: 'relevant' of '{query}' is not a list.");
                foreach (var item in seq.OfType<YamlScalarNode>())
                {
                    var key = item.Value?.Trim();
                    if (!string.IsNullOrEmpty(key) && !relevant.Contains(key, StringComparer.Ordinal)) relevant.Add(key);
                }
            }
            result.Add(new LabelledQuery(query, first, relevant));
        }
        return result;
    }

    /// <summary>
    /// The key of a result link: <c>/reviews/x/#r1</c> → <c>x#r1</c>, <c>/reviews/x/</c> → <c>x</c>; the
    /// Pagefind per-recommendation pages <c>/rec/x/r1/</c> → <c>x#r1</c>. Absolute URLs are reduced
    /// to their path and fragment. Null for anything else.
    /// </summary>
    public static string? KeyOf(string href)
    {
        // Not Uri.TryCreate alone: on Unix it reads "/reviews/x/#a" as a file path.
        var pathAndFragment = href.StartsWith("http", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(href, UriKind.Absolute, out var abs)
            ? abs.AbsolutePath + abs.Fragment
            : href;
        var hash = pathAndFragment.IndexOf('#', StringComparison.Ordinal);
        var path = hash < 0 ? pathAndFragment : pathAndFragment[..hash];
        var fragment = hash < 0 ? "" : pathAndFragment[(hash + 1)..];
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts switch
        {
            ["reviews", var id] => fragment.Length > 0 ? $"{id}#{fragment}" : id,
            [PagefindRecommendationFolder, var id, var anchor] => $"{id}#{anchor}",
            _ => null,
        };
    }

    /// <summary>
    /// MRR@10 (1 / rank of the first relevant result in the top ten, else 0), recall@10 (share of the
    /// relevant results found in the top ten), zero-result rate, and how often <c>first</c> came first.
    /// <paramref name="results"/> holds, per query of <paramref name="set"/>, the result keys best first.
    /// </summary>
    public static RelevanceScore Score(IReadOnlyList<LabelledQuery> set, IReadOnlyList<IReadOnlyList<string?>> results)
    {
        if (set.Count != results.Count) throw new ArgumentException("one result list per labelled query is needed.", nameof(results));
        if (set.Count == 0) return new RelevanceScore(0, double.NaN, double.NaN, double.NaN, 0);
        double mrr = 0, recall = 0;
        int zero = 0, firstAtTop = 0;
        for (var i = 0; i < set.Count; i++)
        {
            var top = results[i].Take(10).ToList();
            var relevant = set[i].Relevant.ToHashSet(StringComparer.Ordinal);
            if (results[i].Count == 0) zero++;
            var rank = top.FindIndex(k => k is not null && relevant.Contains(k));
            if (rank >= 0) mrr += 1.0 / (rank + 1);
            recall += (double)relevant.Count(r => top.Contains(r, StringComparer.Ordinal)) / relevant.Count;
            if (top.Count > 0 && top[0] == set[i].First) firstAtTop++;
        }
        return new RelevanceScore(set.Count, mrr / set.Count, recall / set.Count, (double)zero / set.Count, firstAtTop);
    }
}
