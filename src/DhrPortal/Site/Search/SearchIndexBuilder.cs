using System.Runtime.CompilerServices;
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
/// One document per review summary and per recommendation. Everything the client needs for a query
/// word is in one shard keyed by the word's first two letters: every word form seen with that
/// prefix (so prefix matching is a scan of one small list), the stem each form maps to (so the client
/// needs no stemmer), the postings of those stems with build-time BM25F scores, and for every posted
/// document its facet values and the file holding its text. Typo candidates come from a SymSpell
/// deletion index, sharded the same way. The manifest holds only the facet vocabularies, the stop
/// words and the shard maps, whose size is bounded by the alphabet, never by the number of documents.
/// Pure and deterministic: ordinal sorts, integer scores, content-hashed names.
/// </summary>
public static partial class SearchIndexBuilder
{
    /// <summary>Version of the format, written as <c>"v"</c> in the manifest.</summary>
    public const int FormatVersion = 3;

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

    /// <summary>Builds every file of the index.</summary>
    public static SearchIndexFiles Build(ContentModel model)
    {
        var reviews = model.Reviews.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var facets = FacetVocabulary(model, reviews);
        var seen = new SortedDictionary<string, string>(StringComparer.Ordinal); // every word form in the content → stem
        var docs = Documents(model, reviews, facets, seen);
        var files = new List<SearchIndexFile>();

        // 1. Result texts, one file per review (its summary and its recommendations).
        var groupFiles = new string[reviews.Count];
        var byGroup = docs.ToLookup(d => d.Group);
        for (var g = 0; g < reviews.Count; g++)
            groupFiles[g] = Add(files, "d", GroupJson(model, byGroup[g]));

        // 2. Postings per stem and per pair of adjacent stems, and the word forms that map to each
        //    stem: those in the content, and other forms of the same stems.
        var postings = Postings(docs, f => f.Terms);
        var pairs = PairPostings(docs);
        var forms = new SortedDictionary<string, string>(seen, StringComparer.Ordinal);
        foreach (var stem in postings.Keys.Order(StringComparer.Ordinal))
            foreach (var form in Inflections(stem)) forms.TryAdd(form, stem);

        // 3. Word shards by two-letter prefix: the forms with that prefix, and the pairs whose first stem has it.
        var formsByKey = forms.GroupBy(f => SearchText.ShardKey(f.Key)).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var pairsByKey = pairs.Keys.GroupBy(p => SearchText.ShardKey(p[..p.IndexOf(' ', StringComparison.Ordinal)]))
            .ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var shardKeys = formsByKey.Keys.Union(pairsByKey.Keys).Order(StringComparer.Ordinal).ToArray();
        var shardJson = new string[shardKeys.Length];
        // Per review: its first document (the summary) and the facet values all its documents share.
        var groupFirst = new int[reviews.Count];
        var groupShared = new int[reviews.Count][];
        foreach (var d in docs.Where(d => d.Rec is null))
        {
            groupFirst[d.Group] = d.Id;
            groupShared[d.Group] = FacetValues(facets, ReviewFacets(model, d.Review));
        }
        Parallel.For(0, shardKeys.Length, i => shardJson[i] =
            ShardJson(formsByKey.GetValueOrDefault(shardKeys[i]) ?? [], pairsByKey.GetValueOrDefault(shardKeys[i]) ?? [], postings, pairs, docs, groupFiles, groupFirst, groupShared));
        var wordShards = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < shardKeys.Length; i++) wordShards[shardKeys[i]] = Add(files, "w", shardJson[i]);

        // 4. Typo shards: SymSpell deletion keys (and the words themselves) → word forms.
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
            typoShards[shard.Key] = Add(files, "t", TypoJson(shard));

        // 5. The manifest.
        var manifest = Add(files, "manifest", ManifestJson(facets, wordShards, typoShards));
        files.Sort((a, b) => string.CompareOrdinal(a.Url, b.Url));
        return new SearchIndexFiles(UrlScheme.SearchIndexFile(manifest), files);
    }

    // ---------------------------------------------------------------------------------------------
    // Files

    private static string Add(List<SearchIndexFile> files, string prefix, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var name = $"{prefix}.{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}.json";
        var url = UrlScheme.SearchIndexFile(name);
        if (!files.Any(f => f.Url == url)) files.Add(new SearchIndexFile(url, bytes));
        return name;
    }

    /// <summary><c>[[doc, kind (0 review, 1 recommendation), url, review title, label, addressees, text]...]</c></summary>
    private static string GroupJson(ContentModel model, IEnumerable<Doc> docs)
    {
        using var json = new JsonText(indented: false);
        var w = json.Writer;
        w.WriteStartArray();
        foreach (var d in docs)
        {
            w.WriteStartArray();
            w.WriteNumberValue(d.Id);
            w.WriteNumberValue(d.Rec is null ? 0 : 1);
            w.WriteStringValue(d.Rec is null ? UrlScheme.Review(d.Review) : UrlScheme.Recommendation(d.Review, d.Rec));
            w.WriteStringValue(d.Review.Title);
            w.WriteStringValue(d.Rec?.Label ?? "");
            w.WriteStringValue(d.Rec is null ? "" : string.Join("; ", d.Rec.To.Select(a =>
                (a.AgencyId is null ? null : Find(model).Agencies.GetValueOrDefault(a.AgencyId))?.Name ?? a.AsWritten).Distinct(StringComparer.Ordinal)));
            w.WriteStringValue(d.Rec is null ? Snippet(MarkdownRenderer.PlainText(d.Review.Summary)) : MarkdownRenderer.InlinePlainText(d.Rec.Text));
            w.WriteEndArray();
        }
        w.WriteEndArray();
        return json.ToString();
    }

    private static string Snippet(string text)
    {
        text = string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= SnippetLength) return text;
        var cut = text.LastIndexOf(' ', SnippetLength);
        return text[..(cut > 0 ? cut : SnippetLength)] + " …";
    }

    /// <summary>
    /// <c>{"w": [[form, stem index]...], "s": [[stem, [doc delta, score, doc delta, score...]]...],
    /// "b": [["stem stem", [doc delta, score...]]...], "d": [[doc delta, own facet value...]...],
    /// "g": [[file, first doc, shared facet value...]...]}</c>.
    /// Compact because a common word posts most documents (docs/search.md, "Sizes"): document numbers
    /// ascend, so each is written as the difference from the one before it (the first from 0); a
    /// review's documents are numbered together, summary first, so a row needs neither its text file
    /// nor its kind: its group is the last in "g" whose first document is at or before it, and it is
    /// the review summary when it is that first document; and the facet values every document of a
    /// review shares (CSP, region, year, relationship) are written once per group, not per row.
    /// </summary>
    private static string ShardJson(List<KeyValuePair<string, string>> forms, List<string> pairKeys,
        Dictionary<string, List<(int Doc, int Score)>> postings, Dictionary<string, List<(int Doc, int Score)>> pairs, List<Doc> docs, string[] groupFiles,
        int[] groupFirst, int[][] groupShared)
    {
        var stems = forms.Select(f => f.Value).Where(postings.ContainsKey).Distinct().Order(StringComparer.Ordinal).ToList();
        var stemIndex = stems.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        var docIds = stems.SelectMany(s => postings[s]).Concat(pairKeys.SelectMany(p => pairs[p])).Select(p => p.Doc).Distinct().Order().ToList();
        var groups = docIds.Select(d => docs[d].Group).Distinct().Order().ToList();

        using var json = new JsonText(indented: false);
        var w = json.Writer;
        w.WriteStartObject();
        w.WriteStartArray("w");
        foreach (var (form, stem) in forms)
        {
            if (!stemIndex.TryGetValue(stem, out var si)) continue;
            w.WriteStartArray();
            w.WriteStringValue(form);
            w.WriteNumberValue(si);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteStartArray("s");
        foreach (var stem in stems) Posting(w, stem, postings[stem]);
        w.WriteEndArray();
        w.WriteStartArray("b");
        foreach (var pair in pairKeys) Posting(w, pair, pairs[pair]);
        w.WriteEndArray();
        w.WriteStartArray("d");
        var previous = 0;
        foreach (var id in docIds)
        {
            var shared = groupShared[docs[id].Group];
            w.WriteStartArray();
            w.WriteNumberValue(id - previous);
            previous = id;
            foreach (var f in docs[id].Facets) if (Array.BinarySearch(shared, f) < 0) w.WriteNumberValue(f);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteStartArray("g");
        foreach (var g in groups)
        {
            w.WriteStartArray();
            w.WriteStringValue(groupFiles[g]);
            w.WriteNumberValue(groupFirst[g]);
            foreach (var f in groupShared[g]) w.WriteNumberValue(f);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        return json.ToString();
    }

    /// <summary><c>[key, [doc delta, score, ...]]</c>: postings ascend by document.</summary>
    private static void Posting(Utf8JsonWriter w, string key, List<(int Doc, int Score)> list)
    {
        w.WriteStartArray();
        w.WriteStringValue(key);
        w.WriteStartArray();
        var previous = 0;
        foreach (var (doc, score) in list) { w.WriteNumberValue(doc - previous); w.WriteNumberValue(score); previous = doc; }
        w.WriteEndArray();
        w.WriteEndArray();
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
    /// <c>{"v": 2, "typo": 5, "stop": [word...], "facets": [[key, name, [[id, label]...]]...],
    /// "w": {prefix: file}, "t": {prefix: file}}</c>
    /// </summary>
    private static string ManifestJson(FacetTable facets, SortedDictionary<string, string> words, SortedDictionary<string, string> typos)
    {
        using var json = new JsonText(indented: false);
        var w = json.Writer;
        w.WriteStartObject();
        w.WriteNumber("v", FormatVersion);
        w.WriteNumber("typo", TypoMinLength);
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
