using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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
    private static readonly ConditionalWeakTable<IReadOnlyDictionary<string, string>, List<(string Key, string[] Words)>> AbbreviationWords = [];

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

    /// <summary>The agency id for an addressee, or null.</summary>
    public string? Resolve(string asWritten, IReadOnlyDictionary<string, string> abbreviations)
    {
        if (_byKey.TryGetValue(Key(asWritten), out var id)) return id;
        if (abbreviations.Count == 0) return null;
        var expanded = Expand(asWritten, abbreviations);
        return expanded != asWritten && _byKey.TryGetValue(Key(expanded), out id) ? id : null;
    }

    /// <summary>Replaces each whole-word abbreviation by what it stands for.</summary>
    /// <remarks>Keys may be several words ("Mental Health Services"); the longest match wins.</remarks>
    public static string Expand(string text, IReadOnlyDictionary<string, string> abbreviations)
    {
        if (abbreviations.Count == 0) return text;
        var words = Word().Matches(text);
        if (words.Count == 0) return text;
        var keys = AbbreviationWords.GetValue(abbreviations, static a => a.Keys
            .Select(k => (Key: k, Words: Word().Matches(k).Select(m => m.Value).ToArray()))
            .Where(k => k.Words.Length > 0)
            .OrderByDescending(k => k.Words.Length).ThenBy(k => k.Key, StringComparer.Ordinal)
            .ToList());
        var sb = new StringBuilder(text.Length * 2);
        var copied = 0;
        for (var i = 0; i < words.Count;)
        {
            var hit = keys.FirstOrDefault(k => i + k.Words.Length <= words.Count
                && k.Words.Select((w, j) => words[i + j].Value == w).All(x => x));
            if (hit.Key is null) { i++; continue; }
            var last = words[i + hit.Words.Length - 1];
            sb.Append(text, copied, words[i].Index - copied).Append(abbreviations[hit.Key]);
            copied = last.Index + last.Length;
            i += hit.Words.Length;
        }
        return sb.Append(text, copied, text.Length - copied).ToString();
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
