namespace DhrPortal.Text;

/// <summary>"Did you mean" suggestions by edit distance.</summary>
public static class Suggest
{
    /// <summary>Up to <paramref name="count"/> candidates close to <paramref name="input"/>, closest first.</summary>
    public static IReadOnlyList<string> Closest(string input, IEnumerable<string> candidates, int count)
    {
        var lowered = input.ToLowerInvariant();
        var limit = Math.Max(2, lowered.Length / 3);
        // Distance is only computed up to the limit (and not at all when the lengths alone exceed it), so
        // each candidate costs time proportional to its length, not to the product of the two lengths.
        return candidates
            .Select(c => (c, d: Distance(lowered, c.ToLowerInvariant(), limit)))
            .Where(x => x.d <= limit || x.c.Contains(lowered, StringComparison.OrdinalIgnoreCase) && lowered.Length >= 3)
            .OrderBy(x => x.d).ThenBy(x => x.c, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.c)
            .ToList();
    }

    /// <summary>Optimal string alignment distance (Levenshtein with transpositions).</summary>
    public static int Distance(string a, string b) => Distance(a, b, int.MaxValue);

    /// <summary>
    /// <see cref="Distance(string, string)"/> when it is at most <paramref name="max"/>; otherwise some
    /// value above <paramref name="max"/>. Only a band of width 2 * max + 1 around the diagonal is computed.
    /// </summary>
    public static int Distance(string a, string b, int max)
    {
        if (a.Length == 0) return b.Length;
        if (b.Length == 0) return a.Length;
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        if (max >= Math.Max(a.Length, b.Length)) return Full(a, b);
        const int Far = int.MaxValue / 2;
        var prev2 = new int[b.Length + 1];
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j <= max ? j : Far;
        Array.Fill(prev2, Far);
        var previousBest = 0;
        for (var i = 1; i <= a.Length; i++)
        {
            var from = Math.Max(1, i - max);
            var to = Math.Min(b.Length, i + max);
            cur[0] = i <= max ? i : Far;
            if (from > 1) cur[from - 1] = Far;
            var best = cur[0];
            for (var j = from; j <= to; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, prev2[j - 2] + 1);
                cur[j] = v;
                best = Math.Min(best, v);
            }
            if (to < b.Length) cur[to + 1] = Far;
            // A transposition reaches back two rows, so two rows over the limit are needed to stop.
            if (best > max && previousBest > max) return max + 1;
            previousBest = best;
            (prev2, prev, cur) = (prev, cur, prev2);
        }
        return Math.Min(prev[b.Length], max + 1);
    }

    private static int Full(string a, string b)
    {
        var prev2 = new int[b.Length + 1];
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.Min(v, prev2[j - 2] + 1);
                cur[j] = v;
            }
            (prev2, prev, cur) = (prev, cur, prev2);
        }
        return prev[b.Length];
    }
}
