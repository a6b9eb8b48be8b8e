using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using DhrPortal.Content;

namespace DhrPortal.Validation;

/// <summary>
/// Resolves addressees as reports write them ("NHS Manchester Clinical Commissioning Group", "LFT",
/// "LA Adult Social Care") to canonical agency ids, through names, aliases and a review's abbreviations.
/// </summary>
public sealed partial class AgencyResolver
{
    private readonly Dictionary<string, string> _byKey = new(StringComparer.Ordinal);
    private readonly List<(string Key, string Display)> _names = [];
    // Reports write the same few hundred names thousands of times: normalise each once (measured:
    // about a tenth of the check's allocations went to normalising addressees).
    private readonly ConcurrentDictionary<string, string> _keys = new(StringComparer.Ordinal);

    /// <summary>Indexes every agency's id, name and aliases. Collisions are reported by the validator, first one wins here.</summary>
    public AgencyResolver(IEnumerable<Agency> agencies)
    {
        var suggested = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in agencies)
        {
            foreach (var name in a.Aliases.Prepend(a.Name).Prepend(a.Id))
            {
                var key = Normalize(name);
                if (key.Length == 0) continue;
                _byKey.TryAdd(key, a.Id);
                // Names and aliases are offered as suggestions, even when the id already normalises to the
                // same key ("example-police" and "Example Police"); ids themselves are not shown.
                if (name != a.Id && _byKey[key] == a.Id && suggested.Add(key)) _names.Add((key, name));
            }
        }
        for (var i = 0; i < _names.Count; i++)
        {
            foreach (var t in Trigrams(_names[i].Key))
            {
                if (!_byTrigram.TryGetValue(t, out var list)) _byTrigram[t] = list = [];
                if (list.Count == 0 || list[^1] != i) list.Add(i);
            }
        }
    }

    // Suggestions compare an unknown name with the names that share the most three-letter pieces with it,
    // not with every name: with 10,000 agencies, 500 unknown addressees took 25 s.
    private const int SuggestionCandidates = 64;
    private readonly Dictionary<string, List<int>> _byTrigram = new(StringComparer.Ordinal);

    private static IEnumerable<string> Trigrams(string key)
    {
        var padded = "  " + key + " ";
        for (var i = 0; i + 3 <= padded.Length; i++) yield return padded.Substring(i, 3);
    }

    /// <summary>Comparison key: case, punctuation, spacing, a leading "the" and "&amp;" vs "and" do not matter.</summary>
    public static string Normalize(string name)
    {
        var sb = new StringBuilder(name.Length);
        var space = false;
        foreach (var ch in name.Replace("&", " and ", StringComparison.Ordinal))
        {
            if (char.IsLetterOrDigit(ch))
            {
                if (space && sb.Length > 0) sb.Append(' ');
                space = false;
                sb.Append(char.ToLowerInvariant(ch));
            }
            else if (ch != '\'' && ch != '\u2019')
            {
                space = true;
            }
        }
        var s = sb.ToString();
        return s.StartsWith("the ", StringComparison.Ordinal) ? s[4..] : s;
    }

    /// <summary><see cref="Normalize"/>, remembered; thread-safe.</summary>
    public string Key(string name) => _keys.GetOrAdd(name, Normalize);

    /// <summary>The agency id for an addressee, or null, with a review's abbreviations read once for all its addressees.</summary>
    public string? Resolve(string asWritten, Abbreviations abbreviations)
    {
        if (_byKey.TryGetValue(Key(asWritten), out var id)) return id;
        if (abbreviations.IsEmpty) return null;
        var expanded = Expand(asWritten, abbreviations);
        return expanded != asWritten && _byKey.TryGetValue(Key(expanded), out id) ? id : null;
    }

    /// <summary>Replaces each whole-word abbreviation by what it stands for.</summary>
    /// <remarks>Keys may be several words ("Mental Health Services"); the longest match wins.</remarks>
    public static string Expand(string text, Abbreviations abbreviations)
    {
        if (abbreviations.IsEmpty) return text;
        var words = new List<(int Index, int Length)>();
        foreach (var m in Word().EnumerateMatches(text)) words.Add((m.Index, m.Length));
        if (words.Count == 0) return text;
        StringBuilder? sb = null;
        var copied = 0;
        for (var i = 0; i < words.Count;)
        {
            var hit = abbreviations.LongestAt(text, words, i);
            if (hit is not { } k) { i++; continue; }
            var last = words[i + k.Words.Length - 1];
            (sb ??= new StringBuilder(text.Length * 2)).Append(text, copied, words[i].Index - copied).Append(k.Meaning);
            copied = last.Index + last.Length;
            i += k.Words.Length;
        }
        return sb is null ? text : sb.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// A review's abbreviations split into words, longest first: read once per review, not once per
    /// addressee (a table shared by all threads for this was a lock that cost a tenth of the check).
    /// </summary>
    public sealed class Abbreviations
    {
        public static readonly Abbreviations None = new([]);
        private readonly List<(string Key, string[] Words, string Meaning)> _keys;

        private Abbreviations(List<(string Key, string[] Words, string Meaning)> keys) => _keys = keys;

        public bool IsEmpty => _keys.Count == 0;

        public static Abbreviations Of(IReadOnlyDictionary<string, string> abbreviations) =>
            abbreviations.Count == 0 ? None : new(abbreviations
                .Select(a => (Key: a.Key, Words: Word().Matches(a.Key).Select(m => m.Value).ToArray(), Meaning: a.Value))
                .Where(k => k.Words.Length > 0)
                .OrderByDescending(k => k.Words.Length).ThenBy(k => k.Key, StringComparer.Ordinal)
                .ToList());

        /// <summary>The longest abbreviation whose words are the words of <paramref name="text"/> from word <paramref name="at"/> on.</summary>
        internal (string[] Words, string Meaning)? LongestAt(string text, List<(int Index, int Length)> words, int at)
        {
            foreach (var (_, keyWords, meaning) in _keys)
            {
                if (at + keyWords.Length > words.Count) continue;
                var all = true;
                for (var j = 0; j < keyWords.Length && all; j++)
                    all = text.AsSpan(words[at + j].Index, words[at + j].Length).SequenceEqual(keyWords[j]);
                if (all) return (keyWords, meaning);
            }
            return null;
        }
    }

    /// <summary>Known names closest to an unresolved addressee, for "did you mean".</summary>
    public IReadOnlyList<string> Suggestions(string asWritten, int count = 3)
    {
        var key = Normalize(asWritten);
        var words = key.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var shared = new Dictionary<int, int>();
        foreach (var t in Trigrams(key).Distinct(StringComparer.Ordinal))
        {
            if (!_byTrigram.TryGetValue(t, out var list)) continue;
            foreach (var i in list) shared[i] = shared.GetValueOrDefault(i) + 1;
        }
        return shared
            .OrderByDescending(x => x.Value).ThenBy(x => x.Key)
            .Take(SuggestionCandidates)
            .Select(x => _names[x.Key])
            .Select(n =>
            {
                var longer = Math.Max(1, Math.Max(key.Length, n.Key.Length));
                var distance = Text.Suggest.Distance(key, n.Key, (int)(longer * 0.6)) / (double)longer;
                var nw = n.Key.Split(' ');
                var overlap = nw.Count(words.Contains) / (double)Math.Max(1, Math.Max(words.Count, nw.Length));
                return (n.Display, score: Math.Min(distance, 1 - overlap));
            })
            .Where(x => x.score < 0.6)
            .OrderBy(x => x.score).ThenBy(x => x.Display, StringComparer.Ordinal)
            .Select(x => x.Display)
            .Distinct(StringComparer.Ordinal)
            .Take(count)
            .ToList();
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’-]*")]
    private static partial Regex Word();
}
