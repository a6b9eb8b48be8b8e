using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DhrPortal.Site.Search;

// The shapes of the search index's files (docs/search.md, "Files"), serialised with System.Text.Json.
// Five kinds: the entry (fixed name), the facet table, word chunks, the postings of large stems and result texts.

/// <summary>
/// The entry file, <c>/search/index/index.json</c>: everything the client needs before the first
/// query (constants, facet vocabulary, totals) and the names of every other file.
/// </summary>
public sealed record SearchEntry(
    int Version,
    string Files,
    SearchRanking Ranking,
    int Page,
    int TypoMin,
    int TypoMax,
    int MaxWord,
    int TextChunk,
    int Documents,
    int Recommendations,
    IReadOnlyList<int> ReviewRecs,
    IReadOnlyList<string> Stop,
    IReadOnlyList<string> Pseudonyms,
    IReadOnlyList<SearchFacet> Facets,
    IReadOnlyList<int> Up,
    IReadOnlyList<int> Totals,
    string Table,
    string Texts,
    int LargeStem,
    int ChunkKey,
    IReadOnlyList<SearchChunkRef> Words);

/// <summary>
/// The ranking rule's constants (one place: the client reads them from here, the golden ordering
/// cases in tests/Shared/search-order.json are checked against them): a word's score is the build's
/// score times <see cref="Exact"/>, <see cref="Prefix"/> or <see cref="Typo"/>; scores with
/// <c>TieNum × score ≥ TieDen × best</c> are too close to call; a word matches at most <see cref="Most"/> stems.
/// </summary>
public sealed record SearchRanking(int Exact, int Prefix, int Typo, int TieNum, int TieDen, int Most);

/// <summary>A facet: URL parameter, name, and its values as [id, label]; a value's global number is its position in all facets' values in order.</summary>
public sealed record SearchFacet(string Key, string Name, IReadOnlyList<string[]> Values);

/// <summary>A word chunk: it holds the strings (forms, stems, typo keys) from <see cref="From"/> up to the next chunk's, ordinally.</summary>
public sealed record SearchChunkRef(string From, string File);

/// <summary>
/// The facet table, <c>f.&lt;hash&gt;.json.gz</c>: each fact once. Per review, in document order:
/// [newest-first rank, values its documents share...] (its number of recommendations is the entry's
/// <see cref="SearchEntry.ReviewRecs"/>); per facet value (global
/// number), the recommendations (numbered in document order, summaries not counted) that have it as
/// their own value, as gaps [first, next − previous − 1, ...] (implied values, a theme's area...,
/// come from the entry's "up"). A review's documents are its summary then its recommendations.
/// </summary>
public sealed record SearchTable(IReadOnlyList<int[]> Reviews, IReadOnlyList<int[]> Values);

/// <summary>
/// A word chunk, <c>w.&lt;hash&gt;.json.gz</c>: word forms → stem, the stems, and the typo keys
/// (SymSpell: a word or a one-letter deletion of it, then the words) in the chunk's range.
/// </summary>
public sealed record SearchWordChunk(IReadOnlyList<string[]> Forms, IReadOnlyList<SearchStem> Stems, IReadOnlyList<string[]> Typos);

/// <summary>
/// A stem: documents posted (<see cref="Postings"/>: document delta, score × 2 + 1 when in the
/// running text, ...), how many are recommendations and their facet counts ([value, count, ...]),
/// and the pairs of adjacent stems it keeps (it is the rarer of the two). A stem in more than the
/// entry's <c>largeStem</c> documents has its postings and pairs in a file of its own
/// (<see cref="File"/>, a <see cref="SearchPostings"/>) and here only <see cref="Documents"/> and
/// <see cref="Top"/>, the first page of its one-word query in the ranking's order ([doc, score, in running text, ...]).
/// </summary>
public sealed record SearchStem(string Stem, int Documents, int Recs, int[] Counts, int[]? Postings, IReadOnlyList<SearchPair>? Pairs, int[]? Top, string? File);

/// <summary>The postings and pairs of a large stem, <c>p.&lt;hash&gt;.json.gz</c>.</summary>
public sealed record SearchPostings(int[] Postings, IReadOnlyList<SearchPair> Pairs);

/// <summary>A phrase: the two stems in the order written and its postings (document delta, bonus, ...).</summary>
public sealed record SearchPair(string First, string Second, int[] Postings);

/// <summary>One result text (in <c>t.&lt;hash&gt;.&lt;k&gt;.json.gz</c>, documents k × chunk on).</summary>
public sealed record SearchResultText(
    [property: JsonPropertyName("k")] int Kind,
    [property: JsonPropertyName("u")] string Url,
    [property: JsonPropertyName("t")] string Title,
    [property: JsonPropertyName("l")] string Label,
    [property: JsonPropertyName("a")] string To,
    [property: JsonPropertyName("x")] string Text);

internal static class SearchJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Read<T>(byte[] bytes) => JsonSerializer.Deserialize<T>(bytes, Options)!;
}
