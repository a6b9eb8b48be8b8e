using System.Globalization;
using System.Text;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace DhrPortal.Site.Search;

/// <summary>
/// How text becomes search terms, at build time only: fold (lower case, accents removed), split on
/// anything that is not a letter or digit ("A&amp;E" kept whole), drop one-character words (but for a
/// pseudonym's letter, "Adult B") and English stop words, and stem
/// with the Snowball English stemmer from Lucene.Net. The client folds and splits the same way
/// (theme/assets/search.js) but never stems: the shards map every word form seen to its stem.
/// </summary>
public static class SearchText
{
    /// <summary>Lucene's English stop words, in ordinal order (shipped in the manifest so the client drops them too).</summary>
    public static IReadOnlyList<string> StopWords { get; } =
        StopAnalyzer.ENGLISH_STOP_WORDS_SET.Select(w => w.ToString()!).Order(StringComparer.Ordinal).ToArray();

    private static readonly HashSet<string> Stops = new(StopWords, StringComparer.Ordinal);

    // The Snowball stemmer keeps state between calls, so each thread gets its own.
    [ThreadStatic] private static EnglishStemmer? _stemmer;

    // Lower-case Latin letters with accents and the letter each decomposes to (Unicode canonical
    // decomposition, marks dropped): what the client's normalize("NFD") does. The site runs with
    // invariant globalization, where string.Normalize cannot be relied on, so the table is spelled out.
    private const string Accented = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏőŕŗřśŝşšţťũūŭůűųŵŷźżžơưǎǐǒǔǖǘǚǜǟǡǣǧǩǫǭǯǰǵǹǻǽǿȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯȱȳ";
    private const string Plain = "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooorrrssssttuuuuuuwyzzzouaiouuuuuaaægkooʒjgnaæøaaeeiioorruusthaeooooy";

    /// <summary>Words are cut to this many characters, in the index and in queries (the entry file tells the client).</summary>
    public const int MaxWordLength = 48;

    /// <summary>Lower case, accents removed: <c>Café</c> → <c>cafe</c>.</summary>
    public static string Fold(string text)
    {
        // ASCII has no accents nor combining marks: lower case is all there is to do.
        if (System.Text.Ascii.IsValid(text)) return text.ToLowerInvariant();
        var lower = text.ToLowerInvariant();
        var sb = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var i = c < '\u00C0' ? -1 : Accented.IndexOf(c, StringComparison.Ordinal);
            sb.Append(i < 0 ? c : Plain[i]);
        }
        return sb.ToString();
    }

    /// <summary>True for an English stop word (folded), which is never indexed.</summary>
    internal static bool IsStopWord(string word) => Stops.Contains(word);

    /// <summary>
    /// Words that name a person by a letter in the reports ("Adult B", "Child A", "Victim C"): a
    /// one-letter word right after one of them is indexed joined to it ("adultb"), so a pseudonym is
    /// one term rather than every "adult" (the entry file gives the client the list).
    /// </summary>
    public static IReadOnlyList<string> PseudonymWords { get; } = ["adult", "child", "mr", "mrs", "ms", "perpetrator", "person", "victim"];

    private static readonly HashSet<string> Pseudonyms = new(PseudonymWords, StringComparer.Ordinal);

    /// <summary>
    /// True when the character at <paramref name="i"/> of a folded text belongs to a word: a letter or
    /// digit, or an "&amp;" between two of them, so "A&amp;E" is one word ("a&amp;e") rather than two dropped letters.
    /// </summary>
    internal static bool IsWordChar(string folded, int i) =>
        char.IsLetterOrDigit(folded[i])
        || (folded[i] == '&' && i > 0 && i + 1 < folded.Length && char.IsLetterOrDigit(folded[i - 1]) && char.IsLetterOrDigit(folded[i + 1]));

    /// <summary>
    /// The pseudonym term of a one-letter word after <paramref name="previous"/> (the word just before
    /// it, with only spaces between), or null: "Adult B" → "adultb".
    /// </summary>
    internal static string? Pseudonym(ReadOnlySpan<char> previous, ReadOnlySpan<char> letter, bool adjacent) =>
        adjacent && letter.Length == 1 && char.IsLetter(letter[0]) && Pseudonyms.GetAlternateLookup<ReadOnlySpan<char>>().Contains(previous)
            ? string.Concat(previous, letter) : null;

    /// <summary>The folded words of a text, in order, stop words and one-letter words left out (a pseudonym's letter joined to its word).</summary>
    public static IEnumerable<string> Words(string text) => Tokens(text).Select(t => t.Word);

    /// <summary>
    /// The words of <see cref="Words"/>, each with whether it was written with a capital first letter
    /// (so a builder can tell a name such as "Safeguarding Adults Team" from running words).
    /// </summary>
    public static IEnumerable<(string Word, bool Capital)> Tokens(string text)
    {
        var folded = Fold(text);
        // Folding drops combining marks and may change the length: a word's capital is read from the
        // original where the lengths agree (always for the content, which is precomposed).
        var same = folded.Length == text.Length;
        var start = -1;
        var (previousStart, previousEnd) = (-1, -1);
        for (var i = 0; i <= folded.Length; i++)
        {
            var isWord = i < folded.Length && IsWordChar(folded, i);
            if (isWord && start < 0) start = i;
            else if (!isWord && start >= 0)
            {
                // A word longer than any real one (a pasted run of letters) is cut: what the index
                // derives from a word stays bounded whatever the content.
                var word = folded[start..Math.Min(i, start + MaxWordLength)];
                var capital = same && char.IsUpper(text[start]);
                var adjacent = previousEnd >= 0 && folded.AsSpan(previousEnd, start - previousEnd).IsWhiteSpace();
                var pseudonym = previousStart < 0 ? null : Pseudonym(folded.AsSpan(previousStart, previousEnd - previousStart), word, adjacent);
                (previousStart, previousEnd) = (start, i);
                start = -1;
                if (pseudonym is not null) yield return (pseudonym, capital);
                else if (word.Length > 1 && !Stops.Contains(word)) yield return (word, capital);
            }
        }
    }

    /// <summary>The Snowball English stem of a folded word: <c>recommendations</c> → <c>recommend</c>.</summary>
    public static string Stem(string word) => Stems.GetOrAdd(word, StemOnce);

    // Words repeat far more than they differ: each is stemmed once per process.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Stems = new(StringComparer.Ordinal);

    private static string StemOnce(string word)
    {
        var stemmer = _stemmer ??= new EnglishStemmer();
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    /// <summary>
    /// Letters of a word's chunk key: word chunks split the sorted words at keys of this length, and at
    /// longer prefixes only inside a key too large for one chunk; a prefix this long or longer is
    /// looked up in every chunk of its range, a shorter one in its own chunk (docs/search.md, "Files").
    /// </summary>
    public const int ChunkKeyLength = 3;

    /// <summary>Every string one deletion away from <paramref name="word"/>, each once, in ordinal order.</summary>
    public static IEnumerable<string> Deletes(string word) =>
        Enumerable.Range(0, word.Length).Select(i => word.Remove(i, 1)).Distinct().Order(StringComparer.Ordinal);

    /// <summary>
    /// True when <paramref name="a"/> and <paramref name="b"/> are at most one edit apart: an insertion,
    /// deletion, substitution, or swap of two neighbouring letters (restricted Damerau–Levenshtein).
    /// </summary>
    public static bool WithinOneEdit(string a, string b)
    {
        if (a == b) return true;
        if (Math.Abs(a.Length - b.Length) > 1) return false;
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        if (a.Length == b.Length)
        {
            if (a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1))) return true; // substitution
            return i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2)); // swap
        }
        var (longer, shorter) = a.Length > b.Length ? (a, b) : (b, a);
        return longer.AsSpan(i + 1).SequenceEqual(shorter.AsSpan(i));
    }
}
