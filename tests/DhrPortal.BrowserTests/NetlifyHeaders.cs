using System.Globalization;
using System.Text;

namespace DhrPortal.BrowserTests;

/// <summary>
/// The <c>[[headers]]</c> rules of netlify.toml, so the local server sends what Netlify sends (above
/// all the Content-Security-Policy). A deliberately small TOML reader: tables, array tables, bare and
/// quoted keys, the four string forms, inline tables; other values are skipped.
/// </summary>
public sealed class NetlifyHeaders
{
    private readonly List<(string For, List<KeyValuePair<string, string>> Values)> _rules = [];

    /// <summary>The rules, in file order.</summary>
    public IReadOnlyList<(string For, List<KeyValuePair<string, string>> Values)> Rules => _rules;

    public static NetlifyHeaders Empty { get; } = new();

    public static NetlifyHeaders Load(string path) => File.Exists(path) ? Parse(File.ReadAllText(path)) : new NetlifyHeaders();

    /// <summary>The headers for a request path: every matching rule, in order, later values winning.</summary>
    public IReadOnlyDictionary<string, string> For(string path)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (pattern, values) in _rules)
        {
            if (!Matches(pattern, path)) continue;
            foreach (var (k, v) in values) result[k] = v;
        }
        return result;
    }

    /// <summary>Netlify path patterns: a trailing <c>*</c> matches any rest; otherwise the exact path.</summary>
    public static bool Matches(string pattern, string path)
    {
        if (pattern.EndsWith('*')) return path.StartsWith(pattern[..^1], StringComparison.Ordinal);
        return string.Equals(pattern.TrimEnd('/'), path.TrimEnd('/'), StringComparison.Ordinal);
    }

    public static NetlifyHeaders Parse(string toml)
    {
        var headers = new NetlifyHeaders();
        var p = new Reader(toml);
        string? section = null; // "headers", "headers.values" or another table
        (string For, List<KeyValuePair<string, string>> Values)? current = null;
        void Flush()
        {
            if (current is { } c && c.For.Length > 0) headers._rules.Add(c);
            current = null;
        }
        while (true)
        {
            p.SkipBlank();
            if (p.End) break;
            if (p.TryConsume("[["))
            {
                var name = p.ReadUntil("]]").Trim();
                Flush();
                section = name;
                if (name == "headers") current = ("", []);
                continue;
            }
            if (p.TryConsume("["))
            {
                var name = p.ReadUntil("]").Trim();
                section = name;
                if (name != "headers.values") Flush();
                continue;
            }
            var key = p.ReadKey();
            p.SkipSpaces();
            if (!p.TryConsume("=")) throw new FormatException($"netlify.toml: expected '=' after '{key}' (offset {p.Position}).");
            p.SkipSpaces();
            var value = p.ReadValue(out var inline);
            if (current is not { } block) continue;
            if (section == "headers" && key == "for" && value is not null)
                current = (value, block.Values);
            else if (section == "headers" && key == "values" && inline is not null)
                block.Values.AddRange(inline);
            else if (section == "headers.values" && value is not null)
                block.Values.Add(new(key, value));
        }
        Flush();
        return headers;
    }

    private sealed class Reader(string text)
    {
        private int _i;

        public bool End => _i >= text.Length;
        public int Position => _i;

        public void SkipSpaces()
        {
            while (!End && (text[_i] == ' ' || text[_i] == '\t')) _i++;
        }

        public void SkipBlank()
        {
            while (!End)
            {
                var c = text[_i];
                if (char.IsWhiteSpace(c) || c == ',') _i++;
                else if (c == '#') { while (!End && text[_i] != '\n') _i++; }
                else break;
            }
        }

        public bool TryConsume(string s)
        {
            if (string.CompareOrdinal(text, _i, s, 0, s.Length) != 0) return false;
            _i += s.Length;
            return true;
        }

        public string ReadUntil(string end)
        {
            var at = text.IndexOf(end, _i, StringComparison.Ordinal);
            if (at < 0) throw new FormatException($"netlify.toml: missing '{end}'.");
            var s = text[_i..at];
            _i = at + end.Length;
            return s;
        }

        public string ReadKey()
        {
            if (!End && (text[_i] == '"' || text[_i] == '\'')) return ReadString();
            var start = _i;
            while (!End && (char.IsAsciiLetterOrDigit(text[_i]) || text[_i] is '-' or '_' or '.')) _i++;
            if (start == _i) throw new FormatException($"netlify.toml: unexpected '{text[_i]}' at offset {_i}.");
            return text[start.._i];
        }

        /// <summary>A string value (or null for other scalars); inline tables come back in <paramref name="inline"/>.</summary>
        public string? ReadValue(out List<KeyValuePair<string, string>>? inline)
        {
            inline = null;
            if (End) return null;
            var c = text[_i];
            if (c is '"' or '\'') return ReadString();
            if (c == '{')
            {
                _i++;
                inline = [];
                while (true)
                {
                    SkipBlank();
                    if (End) throw new FormatException("netlify.toml: unclosed inline table.");
                    if (TryConsume("}")) return null;
                    var k = ReadKey();
                    SkipSpaces();
                    if (!TryConsume("=")) throw new FormatException($"netlify.toml: expected '=' after '{k}'.");
                    SkipSpaces();
                    var v = ReadValue(out _);
                    if (v is not null) inline.Add(new(k, v));
                }
            }
            if (c == '[')
            {
                var depth = 0;
                do
                {
                    if (text[_i] is '"' or '\'') { ReadString(); continue; }
                    if (text[_i] == '[') depth++;
                    else if (text[_i] == ']') depth--;
                    _i++;
                }
                while (!End && depth > 0);
                return null;
            }
            while (!End && text[_i] is not ('\n' or ',' or '}' or '#')) _i++;
            return null;
        }

        private string ReadString()
        {
            if (TryConsume("\"\"\"")) return Collapse(Unescape(ReadUntil("\"\"\""), multiline: true));
            if (TryConsume("'''")) return Collapse(ReadUntil("'''"));
            if (TryConsume("'")) return ReadUntil("'");
            _i++; // "
            var sb = new StringBuilder();
            while (true)
            {
                if (End) throw new FormatException("netlify.toml: unclosed string.");
                var c = text[_i++];
                if (c == '"') break;
                if (c == '\\' && !End) { sb.Append('\\').Append(text[_i++]); continue; }
                sb.Append(c);
            }
            return Unescape(sb.ToString(), multiline: false);
        }

        private static string Unescape(string s, bool multiline)
        {
            var sb = new StringBuilder(s.Length);
            for (var i = 0; i < s.Length; i++)
            {
                if (s[i] != '\\' || i + 1 >= s.Length) { sb.Append(s[i]); continue; }
                var e = s[++i];
                switch (e)
                {
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case 'u' when i + 4 < s.Length:
                        sb.Append((char)int.Parse(s.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        i += 4;
                        break;
                    case '\n' or '\r' or ' ' or '\t' when multiline:
                        while (i + 1 < s.Length && char.IsWhiteSpace(s[i + 1])) i++;
                        break;
                    default: sb.Append('\\').Append(e); break;
                }
            }
            return sb.ToString();
        }

        /// <summary>A header value cannot hold a line break: multi-line strings become one line.</summary>
        private static string Collapse(string s) =>
            string.Join(' ', s.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => l.Length > 0));
    }
}
