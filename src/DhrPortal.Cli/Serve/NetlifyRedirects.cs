using DhrPortal.Site;

namespace DhrPortal.Cli.Serve;

/// <summary>
/// The site's own <c>_redirects</c> file (written by the build from <c>previous_ids:</c>), applied as
/// Netlify applies it: a path with or without its trailing slash, only when no file is there. Only
/// site-relative targets are kept: <c>dhr serve</c> never redirects to another host.
/// </summary>
internal sealed class NetlifyRedirects
{
    /// <summary>The output file that holds the rules: Netlify reads it and never serves it.</summary>
    public static readonly string FileName = UrlScheme.FileFor(UrlScheme.Redirects);

    private readonly Dictionary<string, (string To, int Status)> _rules;

    private NetlifyRedirects(Dictionary<string, (string, int)> rules) => _rules = rules;

    public static NetlifyRedirects None { get; } = new([]);

    /// <summary>Lines of <c>from to [status]</c>; comments, blank lines and anything else are skipped.</summary>
    public static NetlifyRedirects Parse(string text)
    {
        var rules = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is < 2 or > 3 || parts[0].StartsWith('#')) continue;
            var status = parts.Length == 3 && int.TryParse(parts[2], out var s) && s is >= 300 and < 400 ? s : 301;
            if (!IsLocal(parts[0]) || !IsLocal(parts[1])) continue;
            rules.TryAdd(parts[0].TrimEnd('/'), (parts[1], status));
        }
        return new NetlifyRedirects(rules);
    }

    /// <summary>The rule for a request path, or null.</summary>
    public (string To, int Status)? For(string path) =>
        _rules.TryGetValue(path.TrimEnd('/'), out var rule) ? rule : null;

    // "/x" but not "//host" or "/\host", which browsers read as another host.
    private static bool IsLocal(string path) => path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal);
}
