using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using DhrPortal.Content;
using DhrPortal.Site.Markdown;
using DhrPortal.Text;

namespace DhrPortal.Site.Search;

/// <summary>One file of the search index: its site-relative URL and bytes.</summary>
public sealed record SearchIndexFile(string Url, byte[] Bytes);

/// <summary>
/// Builds the search index from the site index (docs/search.md describes the format). One document
/// per review summary and per recommendation; each fact stored once: a document's facet values in
/// the facet table, a stem's postings and facet counts in its word chunk, a document's text in a
/// text chunk. Five file kinds; the entry file has a fixed name and names the rest, which are gzip
/// files named by the hash of their bytes. Pure and deterministic: ordinal sorts, integer scores.
/// </summary>
public static partial class SearchIndexBuilder
{
    /// <summary>Version of the format, written as <c>"version"</c> in the entry file.</summary>
    public const int FormatVersion = 7;

    /// <summary>Query words at least this long may match a word one edit away.</summary>
    public const int TypoMinLength = 5;

    /// <summary>Words longer than this have no typo keys (a deletion index grows with the square of the length).</summary>
    public const int TypoMaxLength = 24;

    /// <summary>Characters of a review summary kept as its result snippet.</summary>
    public const int SnippetLength = 300;

    /// <summary>Results per page.</summary>
    public const int PageSize = 10;

    /// <summary>Documents per result-text file (consecutive document numbers).</summary>
    public const int TextChunk = 24;

    /// <summary>Stems posted in more documents than this keep their postings in a file of their own, and their first page in their word chunk.</summary>
    public const int LargeStem = 2000;

    /// <summary>A word chunk is closed once its JSON reaches this many bytes (before gzip).</summary>
    public const int ChunkBytes = 48 * 1024;

    /// <summary>The ranking rule's constants, written into the entry file (the client has none of its own).</summary>
    public static SearchRanking Ranking { get; } = new(Exact: 5, Prefix: 3, Typo: 2, TieNum: 20, TieDen: 19, Most: 12);

    /// <summary>The facets, in the order the entry lists them; also the URL parameter names.</summary>
    public static IReadOnlyList<(string Key, string Name)> Facets { get; } =
    [
        ("theme", "Theme"), ("area", "Theme area"), ("agency", "Agency"), ("sector", "Sector"),
        ("csp", "Community Safety Partnership"), ("region", "Region"), ("year", "Year published"),
        ("relationship", "Relationship"), ("status", "Implementation status"),
    ];

    /// <summary>Builds every file of the index; the first is the entry file.</summary>
    public static IReadOnlyList<SearchIndexFile> Build(SiteIndex site)
    {
        var reviews = site.Model.Reviews.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var facets = FacetVocabulary(site, reviews);
        var seen = new SortedDictionary<string, string>(StringComparer.Ordinal); // every word form in the content → stem
        var docs = Documents(site, reviews, facets, seen);
        var up = Parents(site, facets);
        var files = new List<SearchIndexFile>();

        // 1. Result texts, TextChunk documents a file, named by one hash of them all.
        var rows = new SearchResultText[docs.Count];
        Parallel.For(0, docs.Count, i => rows[i] = TextRow(site, docs[i]));
        var textChunks = Enumerable.Range(0, (docs.Count + TextChunk - 1) / TextChunk)
            .Select(k => SearchJson.Bytes(rows.AsSpan(k * TextChunk, Math.Min(TextChunk, docs.Count - k * TextChunk)).ToArray())).ToList();
        var textHash = Hash([.. Encoding.UTF8.GetBytes($"v{FormatVersion}\n"), .. textChunks.SelectMany(c => c)]);
        var textFiles = new SearchIndexFile[textChunks.Count];
        Parallel.For(0, textChunks.Count, k =>
            textFiles[k] = new SearchIndexFile(UrlScheme.SearchIndexFile($"t.{textHash}.{k.ToString(CultureInfo.InvariantCulture)}.json.gz"), Gzip(textChunks[k])));
        files.AddRange(textFiles);

        // 2. The facet table: per review its newest-first rank and shared values, per recommendation its
        //    own values. How many recommendations each review has is in the entry: with it alone a
        //    query whose facet counts are not shown needs no table (docs/search.md).
        var newest = site.ReviewsByPublication.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var reviewRecs = new List<int>();
        var reviewRows = new List<int[]>();
        var ownRows = new List<int[]>();
        foreach (var d in docs)
        {
            if (d.Rec is null)
            {
                var shared = FacetValues(facets, ReviewFacets(site, d.Review));
                reviewRecs.Add(d.Review.Recommendations.Count);
                reviewRows.Add([newest[d.Review.Id], .. shared.Where(v => !Implied(v, shared, up))]);
            }
            else
            {
                var shared = FacetValues(facets, ReviewFacets(site, d.Review));
                ownRows.Add(d.Facets.Where(v => Array.BinarySearch(shared, v) < 0 && !Implied(v, d.Facets, up)).ToArray());
            }
        }
        // Stored per value as gaps between recommendation numbers, not per recommendation as value
        // numbers: the same facts, 27% smaller gzip at 2,000 reviews (docs/search.md).
        var byValue = Enumerable.Range(0, up.Length).Select(_ => new List<int>()).ToArray();
        for (var r = 0; r < ownRows.Count; r++)
            foreach (var v in ownRows[r]) byValue[v].Add(r);
        var valueRows = byValue.Select(list => list.Select((r, i) => i == 0 ? r : r - list[i - 1] - 1).ToArray()).ToList();
        var table = Add(files, "f", SearchJson.Bytes(new SearchTable(reviewRows, valueRows)));

        // 3. Postings per stem and per pair of adjacent stems; the word forms that map to each stem
        //    (those in the content, and other forms of the same stems).
        var postings = Postings(docs, f => f.Terms);
        var pairs = PairPostings(docs);
        var forms = new SortedDictionary<string, string>(seen, StringComparer.Ordinal);
        foreach (var stem in postings.Keys.Order(StringComparer.Ordinal))
            foreach (var form in Inflections(stem)) forms.TryAdd(form, stem);

        // A pair of adjacent stems travels with the rarer of the two, so a query fetches pairs in
        // proportion to its rarer word.
        var pairsByOwner = pairs
            .Select(p => (p.Key, A: p.Key[..p.Key.IndexOf(' ', StringComparison.Ordinal)], B: p.Key[(p.Key.IndexOf(' ', StringComparison.Ordinal) + 1)..], p.Value))
            .Where(x => postings.ContainsKey(x.A) && postings.ContainsKey(x.B))
            .GroupBy(x => Rarer(x.A, x.B, postings), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => new SearchPair(x.A, x.B, Deltas(x.Value))).ToList(), StringComparer.Ordinal);
        var stems = postings.Keys.Order(StringComparer.Ordinal).ToArray();
        var entries = new SearchStem[stems.Length];
        var large = new byte[]?[stems.Length];
        Parallel.For(0, stems.Length, i =>
        {
            var posted = postings[stems[i]];
            var (recs, counts) = FacetCounts(posted, docs);
            var deltas = Deltas(posted);
            var kept = pairsByOwner.GetValueOrDefault(stems[i]) ?? [];
            if (posted.Count <= LargeStem)
            {
                entries[i] = new SearchStem(stems[i], posted.Count, recs, counts, deltas, kept.Count > 0 ? kept : null, null, null);
                return;
            }
            // A large stem's first page is all a one-word query shows first: its postings (tens of KB)
            // are fetched only for more words, a filter, the next page or the date order.
            var top = Ranked(posted.Select(p => (p.Doc, (long)(p.Score >> 1) * Ranking.Exact, p.Score & 1)), PageSize)
                .SelectMany(t => new[] { t.Doc, (int)t.Score, t.InText }).ToArray();
            large[i] = Gzip(SearchJson.Bytes(new SearchPostings(deltas, kept)));
            entries[i] = new SearchStem(stems[i], posted.Count, recs, counts, null, null, top, $"p.{Hash(large[i]!)}.json.gz");
        });
        for (var i = 0; i < stems.Length; i++)
            if (large[i] is { } bytes) files.Add(new SearchIndexFile(UrlScheme.SearchIndexFile(entries[i].File!), bytes));

        // 4. Typo keys: SymSpell deletion keys (and the words themselves) → word forms.
        var deletes = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var form in seen.Keys.Where(f => f.Length >= TypoMinLength - 1 && f.Length <= TypoMaxLength))
        {
            IEnumerable<string> keys = form.Length >= TypoMinLength ? [form, .. SearchText.Deletes(form)] : [form];
            foreach (var key in keys)
            {
                if (!deletes.TryGetValue(key, out var set)) deletes[key] = set = new SortedSet<string>(StringComparer.Ordinal);
                set.Add(form);
            }
        }

        // 5. Word chunks: forms, stems and typo keys, each placed by its own string, in ordinal order,
        //    consecutive units together up to ChunkBytes. A unit is a key (first three letters), or, for a
        //    key over ChunkBytes, a longer prefix (WordUnits). A form's stem is in the chunk whose range holds the stem.
        var formRows = forms.Where(f => postings.ContainsKey(f.Value)).Select(f => (f.Key, Row: new[] { f.Key, f.Value })).ToList();
        var typoRows = deletes.Select(d => (d.Key, Row: new[] { d.Key }.Concat(d.Value).ToArray())).ToList();
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        void Size(string s, int bytes) => sizes[s] = sizes.GetValueOrDefault(s) + bytes;
        foreach (var (s, row) in formRows) Size(s, row[0].Length + row[1].Length + 8);
        foreach (var e in entries) Size(e.Stem, 4 * ((e.Postings?.Length ?? 0) + e.Counts.Length) + (e.Pairs ?? []).Sum(p => 4 * p.Postings.Length + 24));
        foreach (var (s, row) in typoRows) Size(s, row.Sum(w => w.Length + 3));
        var unitOf = WordUnits(sizes);
        var formsByUnit = formRows.GroupBy(f => unitOf[f.Key], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(f => f.Row).ToList(), StringComparer.Ordinal);
        var stemsByUnit = entries.GroupBy(e => unitOf[e.Stem], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var typoByUnit = typoRows.GroupBy(t => unitOf[t.Key], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(t => t.Row).ToList(), StringComparer.Ordinal);
        var unitSize = unitOf.GroupBy(u => u.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(u => sizes[u.Key]), StringComparer.Ordinal);
        var words = Chunks(unitSize.Keys.Order(StringComparer.Ordinal), unit => unitSize[unit],
            units => SearchJson.Bytes(new SearchWordChunk(units.SelectMany(u => formsByUnit.GetValueOrDefault(u) ?? []).ToList(),
                units.SelectMany(u => stemsByUnit.GetValueOrDefault(u) ?? []).ToList(),
                units.SelectMany(u => typoByUnit.GetValueOrDefault(u) ?? []).ToList())), "w", files);

        // 6. The entry: constants, vocabulary, totals (for browsing without words) and file names.
        var (allRecs, totals) = FacetCounts(docs.Select(d => (d.Id, 0)).ToList(), docs);
        var counts = new int[up.Length];
        for (var i = 0; i < totals.Length; i += 2) counts[totals[i]] = totals[i + 1];
        var entry = new SearchEntry(FormatVersion, UrlScheme.SearchIndexFiles[UrlScheme.SearchIndexFolder.Length..], Ranking, PageSize, TypoMinLength, TypoMaxLength, SearchText.MaxWordLength, TextChunk,
            docs.Count, allRecs, reviewRecs, SearchText.StopWords, SearchText.PseudonymWords,
            Facets.Select((f, i) => new SearchFacet(f.Key, f.Name, facets.Values[i].Select(v => new[] { v.Id, v.Label }).ToList())).ToList(),
            up, counts, table, textHash, LargeStem, SearchText.ChunkKeyLength, words);
        files.Insert(0, new SearchIndexFile(UrlScheme.SearchIndexEntry, SearchJson.Bytes(entry)));
        return files;
    }

    /// <summary>
    /// The first <paramref name="limit"/> results in the order the client shows them (the rule of
    /// <see cref="SearchRanking"/>; both implementations are checked against tests/Shared/search-order.json):
    /// best score first; scores with TieNum × score ≥ TieDen × the best of their run are too close to
    /// call, and among them more query words in the running text first, then document order.
    /// </summary>
    public static List<(int Doc, long Score, int InText)> Ranked(IEnumerable<(int Doc, long Score, int InText)> results, int limit)
    {
        var all = results.ToArray();
        if (all.Length > limit)
        {
            // The runs reaching into the first page start at a score of at least the limit-th best, so
            // their members score at least TieDen/TieNum of it: sorting only those gives the same page.
            var scores = all.Select(r => r.Score).ToArray();
            Array.Sort(scores);
            var kth = scores[^limit];
            all = all.Where(r => Ranking.TieNum * r.Score >= Ranking.TieDen * kth).ToArray();
        }
        var list = all.OrderByDescending(p => p.Score).ThenBy(p => p.Doc).ToList();
        for (var i = 0; i < list.Count;)
        {
            var j = i;
            while (j < list.Count && Ranking.TieNum * list[j].Score >= Ranking.TieDen * list[i].Score) j++;
            var run = list.GetRange(i, j - i).OrderByDescending(p => p.InText).ThenBy(p => p.Doc).ToList();
            for (var k = 0; k < run.Count; k++) list[i + k] = run[k];
            i = j;
        }
        return list.Take(limit).ToList();
    }

    /// <summary>True when another of <paramref name="values"/> implies <paramref name="v"/> (a theme its area...).</summary>
    private static bool Implied(int v, int[] values, int[] up) => values.Any(o => up[o] == v);

    /// <summary>
    /// The unit of each word-chunk string (form, stem or typo key): its key
    /// (its first <see cref="SearchText.ChunkKeyLength"/> letters), or, when a key's strings weigh more than
    /// <see cref="ChunkBytes"/>, a longer prefix, one letter at a time until each unit fits or is one
    /// string. Units are prefixes of a trie, so their ordinal order is their strings' order: a chunk
    /// starting at unit u holds the strings from u up to the next chunk's first unit, and the client
    /// finds a word in the last chunk whose "from" ≤ it (docs/search.md, "Files").
    /// </summary>
    private static Dictionary<string, string> WordUnits(Dictionary<string, int> sizes)
    {
        var unitOf = new Dictionary<string, string>(StringComparer.Ordinal);
        void Split(IEnumerable<string> strings, int length)
        {
            foreach (var g in strings.GroupBy(s => s.Length <= length ? s : s[..length], StringComparer.Ordinal))
            {
                if (g.Sum(s => sizes[s]) > ChunkBytes && g.Any(s => s.Length > length)) Split(g, length + 1);
                else foreach (var s in g) unitOf[s] = g.Key;
            }
        }
        Split(sizes.Keys, SearchText.ChunkKeyLength);
        return unitOf;
    }

    /// <summary>
    /// Groups sorted units into chunks of about <see cref="ChunkBytes"/> (a unit is never split), writes
    /// each as a gzip file and returns the chunk list of the entry.
    /// </summary>
    private static List<SearchChunkRef> Chunks(IEnumerable<string> keys, Func<string, int> size, Func<List<string>, byte[]> json, string kind, List<SearchIndexFile> files)
    {
        var refs = new List<SearchChunkRef>();
        var group = new List<string>();
        var bytes = 0;
        void Close()
        {
            if (group.Count == 0) return;
            refs.Add(new SearchChunkRef(group[0], Add(files, kind, json(group))));
            group = [];
            bytes = 0;
        }
        foreach (var key in keys)
        {
            group.Add(key);
            bytes += size(key);
            if (bytes >= ChunkBytes) Close();
        }
        Close();
        // The first chunk holds every key before the second's: the client looks a key up by the last From ≤ it.
        if (refs.Count > 0) refs[0] = refs[0] with { From = "" };
        return refs;
    }

    private static string Add(List<SearchIndexFile> files, string kind, byte[] json)
    {
        var gz = Gzip(json);
        var name = $"{kind}.{Hash(gz)}.json.gz";
        files.Add(new SearchIndexFile(UrlScheme.SearchIndexFile(name), gz));
        return name;
    }

    /// <summary>gzip at zlib's default level, as a CDN would (deterministic: .NET writes no time nor name in the header).</summary>
    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(bytes);
        return output.ToArray();
    }

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];

    /// <summary>Of two stems, the one in fewer documents (the ordinally first when as many): it keeps their pairs.</summary>
    private static string Rarer(string a, string b, Dictionary<string, List<(int Doc, int Score)>> postings)
    {
        var (da, db) = (postings[a].Count, postings[b].Count);
        return da < db || (da == db && string.CompareOrdinal(a, b) <= 0) ? a : b;
    }

    /// <summary>[doc delta, score, ...]: ascending by document, each the difference from the one before.</summary>
    private static int[] Deltas(List<(int Doc, int Score)> list)
    {
        var result = new int[list.Count * 2];
        var previous = 0;
        for (var i = 0; i < list.Count; i++)
        {
            result[2 * i] = list[i].Doc - previous;
            result[2 * i + 1] = list[i].Score;
            previous = list[i].Doc;
        }
        return result;
    }

    /// <summary>For each global facet value, the value it implies (a theme's area, an agency's sector, a CSP's region), or -1.</summary>
    private static int[] Parents(SiteIndex site, FacetTable facets)
    {
        var up = Enumerable.Repeat(-1, facets.Offsets[^1] + facets.Values[^1].Count).ToArray();
        void Map(int facet, int parentFacet, Func<string, string?> parentOf)
        {
            for (var i = 0; i < facets.Values[facet].Count; i++)
                if (parentOf(facets.Values[facet][i].Id) is { } p && facets.Index.TryGetValue((parentFacet, p), out var parent))
                    up[facets.Offsets[facet] + i] = parent;
        }
        Map(0, 1, id => site.FindTheme(id)?.AreaId);
        Map(2, 3, id => site.FindAgency(id)?.Sector);
        Map(4, 5, id => site.FindCsp(id) is { } c ? Slug.From(c.Region) : null);
        return up;
    }

    /// <summary>
    /// How many of <paramref name="results"/> are recommendations, and per facet value (ascending)
    /// how many of those have it: [value, count, ...].
    /// </summary>
    private static (int Recs, int[] Counts) FacetCounts(List<(int Doc, int Score)> results, List<Doc> docs)
    {
        var counts = new int[16];
        var recs = 0;
        foreach (var (doc, _) in results)
        {
            if (docs[doc].Rec is null) continue;
            recs++;
            foreach (var v in docs[doc].Facets)
            {
                if (v >= counts.Length) Array.Resize(ref counts, Math.Max(v + 1, counts.Length * 2));
                counts[v]++;
            }
        }
        var list = new List<int>();
        for (var v = 0; v < counts.Length; v++) if (counts[v] > 0) { list.Add(v); list.Add(counts[v]); }
        return (recs, list.ToArray());
    }

    private static SearchResultText TextRow(SiteIndex site, Doc d) => new(
        d.Rec is null ? 0 : 1,
        d.Rec is null ? UrlScheme.Review(d.Review) : UrlScheme.Recommendation(d.Review, d.Rec),
        d.Review.Title,
        d.Rec?.Label ?? "",
        d.Rec is null ? "" : string.Join("; ", d.Rec.To.Select(a => (a.AgencyId is null ? null : site.FindAgency(a.AgencyId))?.Name ?? a.AsWritten).Distinct(StringComparer.Ordinal)),
        d.Rec is null ? Snippet(d.Plain) : d.Plain);

    private static string Snippet(string text)
    {
        text = string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= SnippetLength) return text;
        var cut = text.LastIndexOf(' ', SnippetLength);
        return text[..(cut > 0 ? cut : SnippetLength)] + " …";
    }
}
