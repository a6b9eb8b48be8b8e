using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DhrPortal.Site.Markdown;

/// <summary>
/// A Markdig extension that runs after parsing and makes every link safe to publish:
/// <list type="bullet">
/// <item>a link whose address is not <c>https:</c>, <c>http:</c>, <c>mailto:</c> or site-relative
/// (<c>/path</c>, <c>#anchor</c>) is replaced by its label, as plain text;</item>
/// <item>an autolink with such an address (<c>&lt;javascript:...&gt;</c>) is replaced by its text;</item>
/// <item>every image is replaced by its alt text (the site makes no third-party requests);</item>
/// <item>external links get <c>rel="noopener noreferrer"</c>.</item>
/// </list>
/// Raw HTML is handled separately, by <c>DisableHtml()</c>.
/// </summary>
public sealed class SafeLinksExtension : IMarkdownExtension
{
    /// <summary>The value of <c>rel</c> on external links: no opener access, no referrer sent.</summary>
    public const string ExternalRel = "noopener noreferrer";

    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    /// <inheritdoc />
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        pipeline.DocumentProcessed -= Neutralise;
        pipeline.DocumentProcessed += Neutralise;
    }

    /// <inheritdoc />
    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    /// <summary>
    /// True when <paramref name="url"/> may be published as a link: an <c>http(s):</c> or
    /// <c>mailto:</c> address, or a site-relative path starting with '/' (not '//') or '#'.
    /// The test is an allow-list applied to the address as a browser would read it: tabs and
    /// newlines anywhere, and control characters and spaces at either end, are ignored first,
    /// so obfuscated forms such as <c>java&amp;#x09;script:</c> are caught.
    /// </summary>
    public static bool IsSafeUrl(string? url)
    {
        if (url is null) return false;
        var s = Canonical(url);
        if (s.Length == 0) return false;
        foreach (var c in s)
        {
            // What is left must not hide anything: no control characters at all.
            if (c < ' ' || c == '\u007f') return false;
        }
        if (s[0] == '#') return true;
        if (s[0] == '/') return s.Length == 1 || (s[1] != '/' && s[1] != '\\');
        var colon = s.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return false; // relative ("page.html", "?q") or empty scheme
        var scheme = s[..colon];
        foreach (var allowed in AllowedSchemes)
        {
            if (string.Equals(scheme, allowed, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>
    /// The address as a browser follows it when <paramref name="url"/> is a safe link to a page of this
    /// site (<c>/path</c>, <c>#anchor</c>); null for any other address.
    /// </summary>
    public static string? SiteAddress(string? url)
    {
        if (!IsSafeUrl(url)) return null;
        var s = Canonical(url!);
        return s[0] is '/' or '#' ? s : null;
    }

    /// <summary>True for an absolute http(s) address, which gets <see cref="ExternalRel"/>.</summary>
    public static bool IsExternal(string url)
    {
        var s = Canonical(url);
        return s.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Rewrites <paramref name="document"/> in place so that every link left is safe.</summary>
    public static void Neutralise(MarkdownDocument document)
    {
        // Collect first, since the tree is changed below, and work innermost first: a removed node's
        // children are moved out of it, and Markdig loses an image that was moved out of a removed link
        // before being removed itself (the image stayed, and the text after it went).
        var nodes = document.Descendants<Inline>().Where(n => n is LinkInline or AutolinkInline).ToList();
        nodes.Reverse();
        foreach (var node in nodes)
        {
            switch (node)
            {
                case LinkInline link when link.IsImage || !IsSafeUrl(link.Url):
                    Unwrap(link);
                    break;
                case LinkInline link:
                    if (IsExternal(link.Url!)) link.GetAttributes().AddPropertyIfNotExist("rel", ExternalRel);
                    break;
                case AutolinkInline auto when auto.IsEmail:
                    break;
                case AutolinkInline auto when !IsSafeUrl(auto.Url):
                    auto.ReplaceBy(new LiteralInline(auto.Url));
                    break;
                case AutolinkInline auto:
                    if (IsExternal(auto.Url)) auto.GetAttributes().AddPropertyIfNotExist("rel", ExternalRel);
                    break;
            }
        }
    }

    private static void Unwrap(ContainerInline node)
    {
        var child = node.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            node.InsertBefore(child);
            child = next;
        }
        node.Remove();
    }

    private static string Canonical(string url)
    {
        // The URL standard removes ASCII tab and newline anywhere, and strips leading and
        // trailing C0 controls and spaces, before it looks for a scheme.
        var s = url.Replace("\t", "", StringComparison.Ordinal)
            .Replace("\n", "", StringComparison.Ordinal)
            .Replace("\r", "", StringComparison.Ordinal);
        return s.Trim(C0AndSpace);
    }

    private static readonly char[] C0AndSpace = [.. Enumerable.Range(0, 0x21).Select(i => (char)i)];
}
