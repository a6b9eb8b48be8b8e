using System.Text;
using System.Text.RegularExpressions;

namespace DhrPortal.Text;

/// <summary>
/// Writes plain text (from a summary page) as Markdown that renders as that same text: what would
/// otherwise become markup (a heading, a list, emphasis, a link, an entity such as <c>&amp;amp;</c>,
/// something that looks like an HTML tag) is backslash-escaped. Ordinary prose comes out unchanged,
/// so the files stay readable for editors.
/// </summary>
internal static partial class MarkdownText
{
    /// <summary>One paragraph of plain text as a Markdown paragraph (no line breaks in it).</summary>
    public static string Paragraph(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            // '<' would start raw HTML or an autolink; the rest are inline markup (~ and ^ are the
            // strikethrough and superscript extras the renderer enables).
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '~' or '^') sb.Append('\\');
            sb.Append(c);
        }
        var escaped = Entity().Replace(sb.ToString(), @"\&");
        // A paragraph that starts like a block (heading, quote, list item, thematic break, table row)
        // keeps its first character as text.
        return BlockStart().IsMatch(escaped) ? EscapeFirst(escaped) : escaped;
    }

    /// <summary>
    /// Inline Markdown kept as close to the page as possible (recommendation texts are quoted word for
    /// word): only what would be read as a character reference is escaped. Raw HTML needs nothing,
    /// since the renderer shows it as text.
    /// </summary>
    public static string Inline(string text) => Entity().Replace(text, @"\&");

    private static string EscapeFirst(string s)
    {
        var m = OrderedListStart().Match(s);
        // "1. text": escape the dot, since digits cannot be escaped.
        return m.Success ? s[..m.Groups[1].Length] + "\\" + s[m.Groups[1].Length..] : "\\" + s;
    }

    /// <summary>Text that Markdown would read as a character reference: <c>&amp;amp;</c>, <c>&amp;#60;</c>, <c>&amp;#x3C;</c>.</summary>
    [GeneratedRegex(@"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")]
    private static partial Regex Entity();

    [GeneratedRegex(@"^(?:#|>|[-+=|]|\d{1,9}[.)](?:\s|$))")]
    private static partial Regex BlockStart();

    [GeneratedRegex(@"^(\d{1,9})[.)]")]
    private static partial Regex OrderedListStart();
}
