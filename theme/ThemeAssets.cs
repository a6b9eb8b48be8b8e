using System.Reflection;
using System.Security.Cryptography;
using DhrPortal.Site;

namespace DhrPortal.Theme;

/// <summary>A static file of the theme, named after a hash of its bytes so it can be cached forever.</summary>
public sealed record ThemeAsset(string Name, string FingerprintedName, byte[] Bytes)
{
    /// <summary>Site-relative URL: <c>/assets/site.1a2b3c4d5e.css</c>.</summary>
    public string Url => UrlScheme.Asset(FingerprintedName);

    /// <summary>Where the file lives in the repository, for diagnostics.</summary>
    public string SourcePath => $"theme/assets/{Name}";
}

/// <summary>
/// The theme's assets, read from the embedded resources of this assembly (never from disk) and
/// fingerprinted with the first 10 hex digits of the SHA-256 of their bytes.
/// </summary>
public static class ThemeAssets
{
    private const string Prefix = "assets/";
    private static readonly Lazy<IReadOnlyDictionary<string, ThemeAsset>> Loaded = new(Load);

    /// <summary>Assets by plain name (<c>site.css</c>), in ordinal order.</summary>
    public static IReadOnlyDictionary<string, ThemeAsset> All => Loaded.Value;

    /// <summary>One asset by plain name.</summary>
    public static ThemeAsset Get(string name) => All.TryGetValue(name, out var a)
        ? a : throw new InvalidOperationException($"The theme has no asset '{name}' (is it under theme/assets/?).");

    /// <summary><c>site.css</c> + hash → <c>site.1a2b3c4d5e.css</c>.</summary>
    public static string Fingerprint(string name, byte[] bytes)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..10];
        var dot = name.LastIndexOf('.');
        return dot < 0 ? $"{name}.{hash}" : $"{name[..dot]}.{hash}{name[dot..]}";
    }

    private static SortedDictionary<string, ThemeAsset> Load()
    {
        var assembly = typeof(ThemeAssets).Assembly;
        var result = new SortedDictionary<string, ThemeAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            var name = resource[Prefix.Length..];
            var bytes = IsText(name) ? Normalise(Read(assembly, resource)) : Read(assembly, resource);
            if (name.EndsWith(".js", StringComparison.Ordinal)) bytes = WithoutComments(name, bytes);
            result.Add(name, new ThemeAsset(name, Fingerprint(name, bytes), bytes));
        }
        return result;
    }

    /// <summary>
    /// A script without its whole-line comments, blank lines and indentation. The sources explain
    /// why at length; readers on phones need not download that (it keeps all JavaScript within its
    /// budget, BudgetTests). Only whole lines are dropped and every line break is kept, so no token
    /// and no automatic semicolon changes. NUglify was tried and broke the search client (a renamed
    /// variable left undefined even with renaming off), hence these few lines rather than a minifier.
    /// A template literal over several lines would have its indentation changed, so it is refused.
    /// </summary>
    private static byte[] WithoutComments(string name, byte[] bytes)
    {
        var lines = System.Text.Encoding.UTF8.GetString(bytes).Split('\n');
        var kept = new System.Text.StringBuilder();
        var inBlock = false;
        foreach (var line in lines)
        {
            var t = line.Trim();
            if (t.Count(c => c == '`') % 2 != 0)
                throw new InvalidOperationException($"theme/assets/{name}: a template literal spans lines; write it on one line.");
            if (inBlock) { inBlock = !t.EndsWith("*/", StringComparison.Ordinal); continue; }
            if (t.StartsWith("/*", StringComparison.Ordinal)) { inBlock = !t.EndsWith("*/", StringComparison.Ordinal) || t.Length < 4; continue; }
            if (t.Length == 0 || t.StartsWith("//", StringComparison.Ordinal)) continue;
            kept.Append(t).Append('\n');
        }
        return System.Text.Encoding.UTF8.GetBytes(kept.ToString());
    }

    private static bool IsText(string name) =>
        name.EndsWith(".css", StringComparison.Ordinal) || name.EndsWith(".js", StringComparison.Ordinal) || name.EndsWith(".svg", StringComparison.Ordinal);

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    // Text assets are served with LF line endings whatever the checkout did, so the hash (and the
    // URL) of an asset is the same on every machine.
    private static byte[] Normalise(byte[] bytes)
    {
        if (Array.IndexOf(bytes, (byte)'\r') < 0) return bytes;
        var list = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
            if (!(bytes[i] == '\r' && i + 1 < bytes.Length && bytes[i + 1] == '\n')) list.Add(bytes[i]);
        return [.. list];
    }
}
