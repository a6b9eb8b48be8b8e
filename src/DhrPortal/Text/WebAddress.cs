namespace DhrPortal.Text;

/// <summary>
/// The rules for addresses written in content fields (<c>source.url</c>, <c>base_url</c>): one place,
/// so every URL field refuses the same tricks. Browsers and Uri read some malformed addresses in ways an
/// editor reviewing a pull request would not expect: <c>https://www.gov.uk@evil.example</c> goes to
/// evil.example, <c>https:\\evil.example</c> is read as <c>https://evil.example</c>.
/// </summary>
public static class WebAddress
{
    /// <summary>
    /// Null when <paramref name="value"/> is an acceptable absolute address; otherwise what is wrong, as a
    /// sentence for a diagnostic. <paramref name="allowHttp"/> admits <c>http:</c> besides <c>https:</c>;
    /// <paramref name="siteRoot"/> also refuses a query, a fragment and a trailing '/', for a site's base address.
    /// </summary>
    public static string? Problem(string value, bool allowHttp, bool siteRoot, out Uri? uri)
    {
        uri = null;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c)) return "contains a space or a control character; write %20 for a space in a path";
            if (c == '\\') return "contains a backslash ('\\'), which browsers read as '/'";
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var parsed) || parsed.Host.Length == 0
            || !value.StartsWith(parsed.Scheme + "://", StringComparison.OrdinalIgnoreCase))
            return allowHttp ? "is not a full http(s) address (https://...)" : "is not a full https:// address";
        if (parsed.Scheme != Uri.UriSchemeHttps && !(allowHttp && parsed.Scheme == Uri.UriSchemeHttp))
            return allowHttp ? "must start with https:// or http://" : "must start with https://";
        if (parsed.UserInfo.Length > 0) return $"holds a user name before '@', which hides the site it really leads to ({parsed.Host})";
        if (siteRoot)
        {
            if (parsed.Query.Length > 0 || value.Contains('?', StringComparison.Ordinal)) return "has a query ('?...'); a site's address has none";
            if (parsed.Fragment.Length > 0 || value.Contains('#', StringComparison.Ordinal)) return "has a fragment ('#...'); a site's address has none";
            if (value.EndsWith('/')) return "ends with '/'; write it without";
        }
        uri = parsed;
        return null;
    }
}
