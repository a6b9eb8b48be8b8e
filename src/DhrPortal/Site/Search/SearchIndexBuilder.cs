using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DhrPortal.Content;
using DhrPortal.Site.Data;
using DhrPortal.Site.Markdown;
using DhrPortal.Text;

namespace DhrPortal.Site.Search;

/// <summary>One file of the search index: its site-relative URL and bytes.</summary>
public sealed record SearchIndexFile(string Url, byte[] Bytes);

/// <summary>The files of the search index, and the URL of its manifest (the one file the page names).</summary>
public sealed record SearchIndexFiles(string ManifestUrl, IReadOnlyList<SearchIndexFile> Files);

/// <summary>
/// Builds the sharded search index from the checked model (docs/search.md describes the format).
/// One document per review summary and per recommendation. A query word first costs one small forms
/// shard keyed by its first two letters (every word form with that prefix and the stem it maps to,
/// so the client needs no stemmer), then the files of its stem: a head file with the stem's facet
/// counts and its first page of results with their texts (all a one-word query needs), and, for
/// stems in many documents, the postings, their facet values and the phrase pairs in files of their
/// own, fetched only for several words, a filter or the next page. Typo candidates come from a
/// SymSpell deletion index sharded like the forms. The manifest holds only the facet vocabularies,
/// the stop words and the shard maps, whose size is bounded by the alphabet, never by the number of
/// documents. Pure and deterministic: ordinal sorts, integer scores, content-hashed names.
/// </summary>
public static partial class SearchIndexBuilder
{
    /// <summary>Version of the format, written as <c>"v"</c> in the manifest.</summary>
    public const int FormatVersion = 4;

    /// <summary>Query words at least this long may match a word one edit away.</summary>
    public const int TypoMinLength = 5;

    /// <summary>Characters of a review summary kept as its result snippet.</summary>
    public const int SnippetLength = 300;

    /// <summary>The facets, in the order the manifest lists them; also the URL parameter names.</summary>
    public static IReadOnlyList<(string Key, string Name)> Facets { get; } =
    [
        ("theme", "Theme"), ("area", "Theme area"), ("agency", "Agency"), ("sector", "Sector"),
        ("csp", "Community Safety Partnership"), ("region", "Region"), ("year", "Year published"),
        ("relationship", "Relationship"), ("status", "Implementation status"),
    ];

    /// <summary>Results per page: the head file of a stem carries the first page with its texts.</summary>
    public const int PageSize = 10;

    /// <summary>Stems posted in at most this many documents keep their postings in their head file.</summary>
    public const int SmallStem = 32;

    /// <summary>Documents per result-text file (consecutive document numbers).</summary>
    public const int TextChunk = 4;

    /// <summary>Builds every file of the index.</summary>
    public static SearchIndexFiles Build(ContentModel model)
    {
        var reviews = model.Reviews.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var facets = FacetVocabulary(model, reviews);
        var seen = new SortedDictionary<string, string>(StringComparer.Ordinal); // every word form in the content → stem
        var docs = Documents(model, reviews, facets, seen);
        var files = new Files();
        var up = Parents(model, facets);

        // 1. Result texts: the documents in files of TextChunk, in document order, named by one hash
        //    of them all (in the manifest), so a document's file follows from its number.
        var rows = new string[docs.Count];
        Parallel.For(0, docs.Count, i => rows[i] = TextRow(model, docs[i]));
        var textHash = files.AddFamily("x", Enumerable.Range(0, (docs.Count + TextChunk - 1) / TextChunk)
            .Select(k => (k.ToString(CultureInfo.InvariantCulture), "[" + string.Join(",", rows.AsSpan(k * TextChunk, Math.Min(TextChunk, docs.Count - k * TextChunk))) + "]\n"))
            .ToList());
        var groups = new Group[reviews.Count];
        foreach (var d in docs)
            if (d.Rec is null) groups[d.Group] = new Group(d.Id, FacetValues(facets, ReviewFacets(model, d.Review)));

        // 2. Postings per stem and per pair of adjacent stems, and the word forms that map to each
        //    stem: those in the content, and other forms of the same stems.
        var postings = Postings(docs, f => f.Terms);
        var pairs = PairPostings(docs);
        var forms = new SortedDictionary<string, string>(seen, StringComparer.Ordinal);
        foreach (var stem in postings.Keys.Order(StringComparer.Ordinal))
            foreach (var form in Inflections(stem)) forms.TryAdd(form, stem);

        // 3. The files of each stem: head (counts, first page), and postings, facet rows and pairs
        //    (in the head for a small stem, in files of their own for a large one). A pair of
        //    adjacent stems travels with the rarer of the two, so a query fetches pairs in proportion
        //    to its rarer word (a pair with a stem that is only ever part of a name is never looked up).
        var stems = postings.Keys.Order(StringComparer.Ordinal).ToArray();
        var pairsByOwner = pairs.Keys
            .Select(k => (Key: k, A: k[..k.IndexOf(' ', StringComparison.Ordinal)], B: k[(k.IndexOf(' ', StringComparison.Ordinal) + 1)..]))
            .Where(x => postings.ContainsKey(x.A) && postings.ContainsKey(x.B))
            .GroupBy(x => Rarer(x.A, x.B, postings), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Key).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var own = docs.Select(d => Own(d, groups[d.Group], up)).ToArray();
        var families = new List<(string Suffix, string Json)>[stems.Length];
        Parallel.For(0, stems.Length, i =>
            families[i] = StemFiles(postings[stems[i]], pairsByOwner.GetValueOrDefault(stems[i]), pairs, docs, rows, own, groups));
        var stemEntry = new Dictionary<string, (int Df, string Hash, int Flags)>(StringComparer.Ordinal);
        for (var i = 0; i < stems.Length; i++)
        {
            var flags = (families[i].Count > 1 ? 1 : 0) | (families[i].Any(f => f.Suffix == "b") ? 2 : 0) | (Common(postings[stems[i]].Count, docs.Count) ? 4 : 0);
            stemEntry[stems[i]] = (postings[stems[i]].Count, files.AddFamily("s", families[i]), flags);
        }

        // 3b. Every two common stems (in an eighth of the documents or more): the first page both
        //     ways round and the facet counts of the query of the two words, whose postings and
        //     facet rows are too large to fetch. Named by the two stems' hashes, which fix all it holds.
        var common = stems.Where(s => (stemEntry[s].Flags & 4) != 0).ToArray();
        var pairHeads = new List<(string Name, string Json)>();
        var commonPairs = common.SelectMany((a, i) => common.Skip(i + 1).Select(b => (A: a, B: b))).ToArray();
        var pairJson = new string[commonPairs.Length];
        Parallel.For(0, commonPairs.Length, i => pairJson[i] = PairHead(commonPairs[i].A, commonPairs[i].B, postings, pairs, docs, rows));
        for (var i = 0; i < commonPairs.Length; i++)
            files.AddNamed($"q.{stemEntry[commonPairs[i].A].Hash}.{stemEntry[commonPairs[i].B].Hash}.json", pairJson[i]);

        // 3c. A typed word that matches several stems (a whole word that begins others, "gp" of
        //     "gps", or a prefix while typing, "safe"): the first page and counts of that one-word
        //     query, in a file the forms shard names. Words with the same stems share one.
        var findable = forms.Where(f => stemEntry.ContainsKey(f.Value)).ToList();
        var typed = Several(findable, stemEntry);
        var several = typed.Values.Distinct().ToArray();
        var severalJson = new string[several.Length];
        Parallel.For(0, several.Length, i => severalJson[i] = SeveralHead(several[i], postings, docs, rows));
        var severalFile = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < several.Length; i++) severalFile[several[i]] = files.Add("m", severalJson[i]);

        // 4. Forms shards by two-letter prefix: each form with that prefix, its stem, and each such
        //    stem's document count and file hash; and the words with that prefix that match several stems.
        var wordShards = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var shard in findable.GroupBy(f => SearchText.ShardKey(f.Key), StringComparer.Ordinal))
            wordShards[shard.Key] = files.Add("w", FormsJson(shard.ToList(), stemEntry,
                typed.Where(t => SearchText.ShardKey(t.Key) == shard.Key).Select(t => (t.Key, severalFile[t.Value])).ToList()));

        // 5. Typo shards: SymSpell deletion keys (and the words themselves) → word forms.
        var deletes = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var form in seen.Keys.Where(f => f.Length >= TypoMinLength - 1))
        {
            IEnumerable<string> keys = form.Length >= TypoMinLength ? [form, .. SearchText.Deletes(form)] : [form];
            foreach (var key in keys)
            {
                if (!deletes.TryGetValue(key, out var set)) deletes[key] = set = new SortedSet<string>(StringComparer.Ordinal);
                set.Add(form);
            }
        }
        var typoShards = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var shard in deletes.GroupBy(d => SearchText.ShardKey(d.Key)))
            typoShards[shard.Key] = files.Add("t", TypoJson(shard));

        // 6. The manifest.
        var manifest = files.Add("manifest", ManifestJson(facets, up, textHash, wordShards, typoShards));
        return new SearchIndexFiles(UrlScheme.SearchIndexFile(manifest), files.Sorted());
    }

    /// <summary>A review's documents: its first (the summary) and the facet values they all share.</summary>
    private sealed record Group(int First, int[] Shared);

    /// <summary>Stems in an eighth of the documents or more (and more than <see cref="SmallStem"/>) get pair heads with each other.</summary>
    private static bool Common(int df, int documents) => df > SmallStem && 8L * df >= documents;

    /// <summary>Of two stems, the one in fewer documents (the ordinally first when as many): it keeps their pairs.</summary>
    private static string Rarer(string a, string b, Dictionary<string, List<(int Doc, int Score)>> postings)
    {
        var (da, db) = (postings[a].Count, postings[b].Count);
        return da < db || (da == db && string.CompareOrdinal(a, b) <= 0) ? a : b;
    }

    // The client's factors for an exact word or stem and for a prefix: scores are summed as integers in these units.
    private const int Exact = 5, Prefix = 3;

    /// <summary>A query word matches at most this many stems (the strongest and commonest): a short prefix begins many words.</summary>
    public const int MaxStems = 12;

    /// <summary>
    /// The query of two common stems <paramref name="a"/> and <paramref name="b"/> (ordinal order):
    /// <c>{"n", "r", "c", "top": [doc, score, words in running text, ...] typed "a b", "top2": typed "b a",
    /// "d": [text row...]}</c>, scored as the client scores two exact words (each stem's score × 5, plus
    /// the pair's bonus × 5 when the words are adjacent in the order typed).
    /// </summary>
    private static string PairHead(string a, string b, Dictionary<string, List<(int Doc, int Score)>> postings,
        Dictionary<string, List<(int Doc, int Score)>> pairs, List<Doc> docs, string[] rows)
    {
        var (pa, pb) = (postings[a], postings[b]);
        var both = new List<(int Doc, int Sa, int Sb)>();
        for (int i = 0, j = 0; i < pa.Count && j < pb.Count;)
        {
            if (pa[i].Doc < pb[j].Doc) i++;
            else if (pa[i].Doc > pb[j].Doc) j++;
            else { both.Add((pa[i].Doc, pa[i].Score, pb[j].Score)); i++; j++; }
        }
        List<(int Doc, long Score, int InText)> Top(string first, string second)
        {
            var bonus = (pairs.GetValueOrDefault(first + " " + second) ?? []).ToDictionary(p => p.Doc, p => p.Score);
            return Ranked(both.Select(x => (x.Doc, Exact * (long)(x.Sa >> 1) + Exact * (long)(x.Sb >> 1) + Exact * (long)bonus.GetValueOrDefault(x.Doc), (x.Sa & 1) + (x.Sb & 1))), PageSize);
        }
        return PrecomputedJson(both.Select(x => (x.Doc, 0L, 0)).ToList(), docs, rows, [("top", Top(a, b)), ("top2", Top(b, a))]);
    }

    /// <summary>
    /// For each global facet value, the value it implies (a theme's area, an agency's sector, a CSP's
    /// region), or -1.
    /// </summary>
    private static int[] Parents(ContentModel model, FacetTable facets)
    {
        var up = Enumerable.Repeat(-1, facets.Offsets[^1] + facets.Values[^1].Count).ToArray();
        void Map(int facet, int parentFacet, Func<string, string?> parentOf)
        {
            for (var i = 0; i < facets.Values[facet].Count; i++)
                if (parentOf(facets.Values[facet][i].Id) is { } p && facets.Index.TryGetValue((parentFacet, p), out var parent))
                    up[facets.Offsets[facet] + i] = parent;
        }
        Map(0, 1, id => Find(model).Themes.GetValueOrDefault(id)?.AreaId);
        Map(2, 3, id => Find(model).Agencies.GetValueOrDefault(id)?.Sector);
        Map(4, 5, id => Find(model).Csps.GetValueOrDefault(id) is { } c ? Slug.From(c.Region) : null);
        return up;
    }

    /// <summary>
    /// A document's own facet values: those its review does not share with all its documents and
    /// that no other value implies. Checks that the client gets the document's values back.
    /// </summary>
    private static int[] Own(Doc doc, Group group, int[] up)
    {
        var implied = doc.Facets.Where(v => up[v] >= 0).Select(v => up[v]).ToHashSet();
        var own = doc.Facets.Where(v => !implied.Contains(v) && Array.BinarySearch(group.Shared, v) < 0).ToArray();
        var back = own.Concat(group.Shared).SelectMany(v => up[v] >= 0 ? [v, up[v]] : new[] { v }).Distinct().Order();
        if (!back.SequenceEqual(doc.Facets))
            throw new InvalidOperationException($"Search index: document {doc.Id} ({doc.Review.Id}) has facet values the client could not rebuild.");
        return own;
    }

    /// <summary>
    /// The first <paramref name="limit"/> results in the order the client shows them (theme/assets/search.js, <c>order</c>): best score first;
    /// scores within 5% of the best of their run (20 × score ≥ 19 × best, in integers, as the client
    /// compares) are too close to call, and among them documents with the word in their running
    /// text come first, then the reviews' and reports' own order.
    /// </summary>
    internal static List<(int Doc, long Score, int InText)> Ranked(IEnumerable<(int Doc, long Score, int InText)> results, int limit)
    {
        var all = results.ToArray();
        if (all.Length > limit)
        {
            // Only the first page is kept: the runs reaching into it start at a score of at least the
            // limit-th best, so their members score at least 19/20 of it. Sorting just those is the
            // same as sorting everything and keeping the page, and much cheaper for common words.
            var scores = all.Select(r => r.Score).ToArray();
            Array.Sort(scores);
            var kth = scores[^limit];
            all = all.Where(r => 20 * r.Score >= 19 * kth).ToArray();
        }
        var list = all.OrderByDescending(p => p.Score).ThenBy(p => p.Doc).ToList();
        for (var i = 0; i < list.Count;)
        {
            var j = i;
            while (j < list.Count && 20 * list[j].Score >= 19 * list[i].Score) j++;
            var run = list.GetRange(i, j - i).OrderByDescending(p => p.InText).ThenBy(p => p.Doc).ToList();
            for (var k = 0; k < run.Count; k++) list[i + k] = run[k];
            i = j;
        }
        return list.Take(limit).ToList();
    }

    /// <summary>
    /// The files of one stem. <c>h</c>: <c>{"n": documents, "r": recommendations, "c": [value, count, ...],
    /// "top": [doc, score, ...], "d": [text row, ...]}</c>, the first page of the one-word query in
    /// the client's order and the recommendations' facet counts; a small stem's head also holds
    /// <c>"p"</c>, <c>"f"</c> and <c>"b"</c>, which a large stem has as files of their own.
    /// </summary>
    private static List<(string Suffix, string Json)> StemFiles(List<(int Doc, int Score)> posted, List<string>? pairKeys,
        Dictionary<string, List<(int Doc, int Score)>> pairs, List<Doc> docs, string[] rows, int[][] own, Group[] groups)
    {
        var (recs, counts) = FacetCounts(posted.Select(p => p.Doc), docs);
        var top = Ranked(posted.Select(p => (p.Doc, (long)(p.Score >> 1), p.Score & 1)), PageSize).Select(t => (t.Doc, Score: (int)t.Score * 2 + t.InText)).ToList();
        var p = PostingsJson(posted);
        var f = FacetRowsJson(posted, docs, own, groups);
        var b = pairKeys is null ? null : PairsJson(pairKeys, pairs);
        var small = posted.Count <= SmallStem;

        using var json = new JsonText(indented: false);
        var w = json.Writer;
        WriteTotals(w, posted.Count, recs, counts);
        w.WriteStartArray("top");
        foreach (var (doc, score) in top) { w.WriteNumberValue(doc); w.WriteNumberValue(score); }
        w.WriteEndArray();
        w.WriteStartArray("d");
        foreach (var (doc, _) in top) w.WriteRawValue(rows[doc]);
        w.WriteEndArray();
        if (small)
        {
            w.WritePropertyName("p");
            w.WriteRawValue(p);
            w.WritePropertyName("f");
            w.WriteRawValue(f);
            if (b is not null) { w.WritePropertyName("b"); w.WriteRawValue(b); }
        }
        w.WriteEndObject();
        List<(string, string)> family = [("h", json.ToString())];
        if (!small)
        {
            family.Add(("p", p + "\n"));
            family.Add(("f", f + "\n"));
            if (b is not null) family.Add(("b", b + "\n"));
        }
        return family;
    }

    /// <summary><c>[doc delta, score, ...]</c>: ascending by document, each the difference from the one before.</summary>
    private static string PostingsJson(List<(int Doc, int Score)> list)
    {
        var sb = new StringBuilder(list.Count * 6).Append('[');
        var previous = 0;
        foreach (var (doc, score) in list)
        {
            if (sb.Length > 1) sb.Append(',');
            sb.Append(CultureInfo.InvariantCulture, $"{doc - previous},{score}");
            previous = doc;
        }
        return sb.Append(']').ToString();
    }

    /// <summary>
    /// <c>{"d": [[own value...]...], "g": [[first doc, shared value...]...]}</c>: a row per
    /// posting (same order), and each review posted. A row's review is the last whose first document
    /// is at or before it; it is the review summary when it is that first document.
    /// </summary>
    private static string FacetRowsJson(List<(int Doc, int Score)> posted, List<Doc> docs, int[][] own, Group[] groups)
    {
        var sb = new StringBuilder(posted.Count * 8).Append("{\"d\":[");
        var first = true;
        foreach (var (doc, _) in posted)
        {
            if (!first) sb.Append(',');
            first = false;
            sb.Append('[');
            for (var i = 0; i < own[doc].Length; i++) sb.Append(CultureInfo.InvariantCulture, $"{(i > 0 ? "," : "")}{own[doc][i]}");
            sb.Append(']');
        }
        sb.Append("],\"g\":[");
        first = true;
        foreach (var g in posted.Select(p => docs[p.Doc].Group).Distinct())
        {
            if (!first) sb.Append(',');
            first = false;
            sb.Append('[').Append(groups[g].First.ToString(CultureInfo.InvariantCulture));
            foreach (var v in groups[g].Shared) sb.Append(',').Append(v.ToString(CultureInfo.InvariantCulture));
            sb.Append(']');
        }
        return sb.Append("]}").ToString();
    }

    /// <summary><c>[[first stem, second stem, [doc delta, score, ...]]...]</c>: the pairs of adjacent stems this stem keeps (it is the rarer of the two).</summary>
    private static string PairsJson(List<string> keys, Dictionary<string, List<(int Doc, int Score)>> pairs)
    {
        var sb = new StringBuilder().Append('[');
        foreach (var key in keys)
        {
            if (sb.Length > 1) sb.Append(',');
            var space = key.IndexOf(' ', StringComparison.Ordinal);
            sb.Append('[').Append(JsonSerializer.Serialize(key[..space])).Append(',').Append(JsonSerializer.Serialize(key[(space + 1)..])).Append(',').Append(PostingsJson(pairs[key])).Append(']');
        }
        return sb.Append(']').ToString();
    }

    /// <summary>
    /// Every word of two letters or more that begins a form (the forms, and what is typed on the way)
    /// and matches several stems as the client matches them (theme/assets/search.js, <c>resolve</c>):
    /// the form itself × 5, other forms it begins × 3, best factor per stem, by factor, then documents,
    /// then stem; at most <see cref="MaxStems"/>. Word → key "stem factor|stem factor...".
    /// </summary>
    private static SortedDictionary<string, string> Several(List<KeyValuePair<string, string>> forms, Dictionary<string, (int Df, string Hash, int Flags)> stems)
    {
        var keys = forms.Select(f => f.Key).ToArray(); // ordinal order (from the sorted forms)
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var form in keys)
            for (var length = 2; length <= form.Length; length++) words.Add(form[..length]);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            if (SearchText.IsStopWord(word)) continue;
            var hits = new Dictionary<string, int>(StringComparer.Ordinal);
            var at = Array.BinarySearch(keys, word, StringComparer.Ordinal);
            for (var i = at >= 0 ? at : ~at; i < keys.Length && keys[i].StartsWith(word, StringComparison.Ordinal); i++)
            {
                var factor = keys[i] == word ? Exact : Prefix;
                var stem = forms[i].Value;
                if (hits.GetValueOrDefault(stem) < factor) hits[stem] = factor;
            }
            if (hits.Count < 2) continue;
            result[word] = string.Join("|", hits.OrderByDescending(h => h.Value).ThenByDescending(h => stems[h.Key].Df).ThenBy(h => h.Key, StringComparer.Ordinal)
                .Take(MaxStems).Select(h => $"{h.Key} {h.Value.ToString(CultureInfo.InvariantCulture)}"));
        }
        return result;
    }

    /// <summary>
    /// The one-word query of several stems (key from <see cref="Several"/>), as the client scores it:
    /// per document the best of its stems' scores × factor (the first stem listed wins a tie).
    /// <c>{"n", "r", "c", "top": [doc, score, in running text, ...], "d": [text row...]}</c>.
    /// </summary>
    private static string SeveralHead(string key, Dictionary<string, List<(int Doc, int Score)>> postings, List<Doc> docs, string[] rows)
    {
        var best = new Dictionary<int, (long Score, int InText)>();
        foreach (var part in key.Split('|'))
        {
            var space = part.IndexOf(' ', StringComparison.Ordinal);
            var factor = int.Parse(part[(space + 1)..], CultureInfo.InvariantCulture);
            foreach (var (doc, score) in postings[part[..space]])
            {
                var scaled = (long)(score >> 1) * factor;
                if (!best.TryGetValue(doc, out var old) || old.Score < scaled) best[doc] = (scaled, score & 1);
            }
        }
        var results = best.Select(b => (Doc: b.Key, b.Value.Score, b.Value.InText)).OrderBy(b => b.Doc).ToList();
        return PrecomputedJson(results, docs, rows, [("top", Ranked(results, PageSize))]);
    }

    /// <summary>
    /// How many of <paramref name="results"/> are recommendations, and per facet value (ascending)
    /// how many of those have it: the counts the client shows. Counted in an array, since a common
    /// word's results are most documents and this runs for every stem and precomputed query.
    /// </summary>
    private static (int Recs, List<(int Value, int Count)> Counts) FacetCounts(IEnumerable<int> results, List<Doc> docs)
    {
        var counts = new int[16];
        var recs = 0;
        foreach (var doc in results)
        {
            if (docs[doc].Rec is null) continue;
            recs++;
            foreach (var v in docs[doc].Facets)
            {
                if (v >= counts.Length) Array.Resize(ref counts, Math.Max(v + 1, counts.Length * 2));
                counts[v]++;
            }
        }
        var list = new List<(int, int)>();
        for (var v = 0; v < counts.Length; v++) if (counts[v] > 0) list.Add((v, counts[v]));
        return (recs, list);
    }

    /// <summary>Opens the object every precomputed query starts with (a stem's head, a several-stem word, a pair): <c>{"n": results, "r": recommendations, "c": [value, count, ...]</c>.</summary>
    private static void WriteTotals(Utf8JsonWriter w, int results, int recs, List<(int Value, int Count)> counts)
    {
        w.WriteStartObject();
        w.WriteNumber("n", results);
        w.WriteNumber("r", recs);
        w.WriteStartArray("c");
        foreach (var (v, n) in counts) { w.WriteNumberValue(v); w.WriteNumberValue(n); }
        w.WriteEndArray();
    }

    /// <summary><c>{"n", "r", "c": [value, count...], &lt;name&gt;: [doc, score, in running text, ...]..., "d": [text row...]}</c></summary>
    private static string PrecomputedJson(List<(int Doc, long Score, int InText)> results, List<Doc> docs, string[] rows, (string Name, List<(int Doc, long Score, int InText)> Top)[] pages)
    {
        var (recs, counts) = FacetCounts(results.Select(r => r.Doc), docs);
        using var json = new JsonText(indented: false);
        var w = json.Writer;
        WriteTotals(w, results.Count, recs, counts);
        foreach (var (name, list) in pages)
        {
            w.WriteStartArray(name);
            foreach (var (doc, score, inText) in list) { w.WriteNumberValue(doc); w.WriteNumberValue(score); w.WriteNumberValue(inText); }
            w.WriteEndArray();
        }
        w.WriteStartArray("d");
        foreach (var doc in pages.SelectMany(p => p.Top).Select(t => t.Doc).Distinct().Order()) w.WriteRawValue(rows[doc]);
        w.WriteEndArray();
        w.WriteEndObject();
        return json.ToString();
    }

    /// <summary>
    /// <c>{"w": [[form, stem index]...], "s": [[stem, documents, file hash, flags]...], "m": [[word, file]...]}</c>;
    /// flags: 1 the stem has p and f files, 2 a b file, 4 it is common (pair heads with the other common
    /// stems); "m": words that match several stems and their precomputed first page.
    /// </summary>
    private static string FormsJson(List<KeyValuePair<string, string>> forms, Dictionary<string, (int Df, string Hash, int Flags)> stems, List<(string Word, string File)> several)
    {
        var list = forms.Select(f => f.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = list.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        using var json = new JsonText(indented: false);
        var w = json.Writer;
        w.WriteStartObject();
        w.WriteStartArray("w");
        foreach (var (form, stem) in forms)
        {
            w.WriteStartArray();
            w.WriteStringValue(form);
            w.WriteNumberValue(index[stem]);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteStartArray("s");
        foreach (var stem in list)
        {
            var (df, hash, flags) = stems[stem];
            w.WriteStartArray();
            w.WriteStringValue(stem);
            w.WriteNumberValue(df);
            w.WriteStringValue(hash);
            w.WriteNumberValue(flags);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteStartArray("m");
        foreach (var (word, file) in several)
        {
            w.WriteStartArray();
            w.WriteStringValue(word);
            w.WriteStringValue(file);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        return json.ToString();
    }

    // ---------------------------------------------------------------------------------------------
    // Files

    /// <summary>
    /// The files being written. A single file is named <c>kind.hash.json</c> by the hash of its bytes;
    /// a family (a stem's files, a review's text files) shares one hash, of all its files' bytes in
    /// ordinal order of their names, so one short name finds them all: <c>suffix.hash.json</c> for a
    /// stem's <c>h</c>, <c>p</c>, <c>f</c>, <c>b</c>; <c>x.hash.k.json</c> for a review's text files.
    /// A pair head is named <c>q.hashA.hashB.json</c> from its two stems' hashes, which fix everything
    /// it is computed from. Either way a name always means the same bytes, so every file can be cached forever.
    /// </summary>
    private sealed class Files
    {
        private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

        public string Add(string kind, string json)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            var name = $"{kind}.{Hash(bytes, 16)}.json";
            _files.TryAdd(UrlScheme.SearchIndexFile(name), bytes);
            return name;
        }

        /// <summary>Adds files named by one hash; returns it. <paramref name="kind"/> "x" puts the suffix after the hash.</summary>
        public string AddFamily(string kind, List<(string Suffix, string Json)> members)
        {
            var named = members.Select(m => (m.Suffix, Bytes: Encoding.UTF8.GetBytes(m.Json)))
                .OrderBy(m => kind == "x" ? "x.0." + m.Suffix : m.Suffix, StringComparer.Ordinal).ToList();
            // The format version is hashed too: a new format renames every family, and so every pair head named from two.
            var hash = Hash([.. Encoding.UTF8.GetBytes($"v{FormatVersion}\n"), .. named.SelectMany(m => m.Bytes)], 12);
            foreach (var (suffix, bytes) in named)
                _files.TryAdd(UrlScheme.SearchIndexFile(kind == "x" ? $"x.{hash}.{suffix}.json" : $"{suffix}.{hash}.json"), bytes);
            return hash;
        }

        /// <summary>Adds a file under a name derived from the hashes of the files it is computed from.</summary>
        public void AddNamed(string name, string json) => _files.TryAdd(UrlScheme.SearchIndexFile(name), Encoding.UTF8.GetBytes(json));

        public List<SearchIndexFile> Sorted() =>
            _files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new SearchIndexFile(f.Key, f.Value)).ToList();

        private static string Hash(byte[] bytes, int length) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..length];
    }

    /// <summary><c>[doc, kind (0 review, 1 recommendation), url, review title, label, addressees, text]</c></summary>
    private static string TextRow(ContentModel model, Doc d)
    {
        using var json = new JsonText(indented: false);
        var w = json.Writer;
        w.WriteStartArray();
        w.WriteNumberValue(d.Id);
        w.WriteNumberValue(d.Rec is null ? 0 : 1);
        w.WriteStringValue(d.Rec is null ? UrlScheme.Review(d.Review) : UrlScheme.Recommendation(d.Review, d.Rec));
        w.WriteStringValue(d.Review.Title);
        w.WriteStringValue(d.Rec?.Label ?? "");
        w.WriteStringValue(d.Rec is null ? "" : string.Join("; ", d.Rec.To.Select(a =>
            (a.AgencyId is null ? null : Find(model).Agencies.GetValueOrDefault(a.AgencyId))?.Name ?? a.AsWritten).Distinct(StringComparer.Ordinal)));
        w.WriteStringValue(d.Rec is null ? Snippet(d.Plain) : d.Plain);
        w.WriteEndArray();
        return json.ToString().TrimEnd('\n');
    }

    private static string Snippet(string text)
    {
        text = string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= SnippetLength) return text;
        var cut = text.LastIndexOf(' ', SnippetLength);
        return text[..(cut > 0 ? cut : SnippetLength)] + " …";
    }

    /// <summary><c>{"k": [[deletion key or word, [word...]]...]}</c></summary>
    private static string TypoJson(IEnumerable<KeyValuePair<string, SortedSet<string>>> keys)
    {
        using var json = new JsonText(indented: false);
        var w = json.Writer;
        w.WriteStartObject();
        w.WriteStartArray("k");
        foreach (var (key, words) in keys)
        {
            w.WriteStartArray();
            w.WriteStringValue(key);
            w.WriteStartArray();
            foreach (var word in words) w.WriteStringValue(word);
            w.WriteEndArray();
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        return json.ToString();
    }


    /// <summary>
    /// <c>{"v": 4, "typo": 5, "page": 10, "chunk": 4, "x": text hash, "most": 12, "stop": [word...], "facets": [[key, name, [[id, label]...]]...],
    /// "up": [value, implied value, ...], "w": {prefix: file}, "t": {prefix: file}}</c>
    /// </summary>
    private static string ManifestJson(FacetTable facets, int[] up, string textHash, SortedDictionary<string, string> words, SortedDictionary<string, string> typos)
    {
        using var json = new JsonText(indented: false);
        var w = json.Writer;
        w.WriteStartObject();
        w.WriteNumber("v", FormatVersion);
        w.WriteNumber("typo", TypoMinLength);
        w.WriteNumber("page", PageSize);
        w.WriteNumber("chunk", TextChunk);
        w.WriteString("x", textHash);
        w.WriteNumber("most", MaxStems);
        w.WriteStartArray("stop");
        foreach (var s in SearchText.StopWords) w.WriteStringValue(s);
        w.WriteEndArray();
        w.WriteStartArray("facets");
        for (var i = 0; i < Facets.Count; i++)
        {
            w.WriteStartArray();
            w.WriteStringValue(Facets[i].Key);
            w.WriteStringValue(Facets[i].Name);
            w.WriteStartArray();
            foreach (var (id, label) in facets.Values[i])
            {
                w.WriteStartArray();
                w.WriteStringValue(id);
                w.WriteStringValue(label);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteStartArray("up");
        for (var v = 0; v < up.Length; v++)
            if (up[v] >= 0) { w.WriteNumberValue(v); w.WriteNumberValue(up[v]); }
        w.WriteEndArray();
        Map(w, "w", words);
        Map(w, "t", typos);
        w.WriteEndObject();
        return json.ToString();
    }

    private static void Map(Utf8JsonWriter w, string name, SortedDictionary<string, string> map)
    {
        w.WriteStartObject(name);
        foreach (var (key, file) in map) w.WriteString(key, file);
        w.WriteEndObject();
    }
}
