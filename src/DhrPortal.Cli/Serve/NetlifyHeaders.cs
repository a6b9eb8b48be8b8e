using Tomlyn;
using Tomlyn.Model;

namespace DhrPortal.Cli.Serve;

/// <summary>
/// The <c>[[headers]]</c> rules of netlify.toml, so that <c>dhr serve</c> sends what the deploy sends
/// (above all the Content-Security-Policy: a page that breaks under it locally breaks in production too).
/// </summary>
internal sealed class NetlifyHeaders
{
    private readonly List<(string For, List<KeyValuePair<string, string>> Values)> _rules;

    private NetlifyHeaders(List<(string For, List<KeyValuePair<string, string>> Values)> rules) => _rules = rules;

    public static NetlifyHeaders None { get; } = new([]);

    public int RuleCount => _rules.Count;

    /// <summary>The rules of the file at <paramref name="path"/>, or none when there is no such file.</summary>
    /// <exception cref="TomlException">The file is not valid TOML.</exception>
    public static NetlifyHeaders Load(string path) => File.Exists(path) ? Parse(File.ReadAllText(path)) : None;

    /// <exception cref="TomlException">The file is not valid TOML.</exception>
    public static NetlifyHeaders Parse(string toml)
    {
        var root = TomlSerializer.Deserialize<TomlTable>(toml) ?? new TomlTable();
        var rules = new List<(string, List<KeyValuePair<string, string>>)>();
        if (root.TryGetValue("headers", out var h) && h is TomlTableArray array)
        {
            foreach (var rule in array)
            {
                if (!rule.TryGetValue("for", out var f) || f is not string pattern) continue;
                var values = new List<KeyValuePair<string, string>>();
                if (rule.TryGetValue("values", out var v) && v is TomlTable table)
                {
                    foreach (var (key, value) in table)
                    {
                        if (value is string s) values.Add(new(key, Fold(s)));
                    }
                }
                rules.Add((pattern, values));
            }
        }
        return new NetlifyHeaders(rules);
    }

    // A long value (a CSP, a Permissions-Policy) may be written as a multi-line string for
    // readability; an HTTP header is one line, so its lines are joined with single spaces.
    private static string Fold(string value) =>
        string.Join(' ', value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    /// <summary>The headers for a request path: every matching rule in file order, later values winning (as on Netlify).</summary>
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
    private static bool Matches(string pattern, string path) =>
        pattern.EndsWith('*')
            ? path.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(pattern.TrimEnd('/'), path.TrimEnd('/'), StringComparison.Ordinal);
}
