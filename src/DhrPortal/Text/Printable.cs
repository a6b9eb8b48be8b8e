using System.Globalization;
using System.Text;

namespace DhrPortal.Text;

/// <summary>
/// A value from content or from the file system, made safe to print on one line of a terminal or a
/// CI log. A line break in a value would let content start a line of its own, which GitHub's runner
/// reads as a workflow command (<c>::error file=...::</c>, <c>::stop-commands::</c>); other control
/// characters can move a terminal's cursor or rewrite what it shows, and bidirectional overrides can
/// make a line read differently from what it holds. Each such character is written as an escape
/// (<c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\u001B</c>); everything else is kept as it is.
/// </summary>
public static class Printable
{
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.AsSpan().ContainsAny(Unsafe)) return value;
        var sb = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (Unsafe.Contains(c)) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    // C0 and C1 controls and DEL; the line and paragraph separators; the bidirectional embeddings,
    // overrides and isolates (U+202A..U+202E, U+2066..U+2069).
    private static readonly System.Buffers.SearchValues<char> Unsafe = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(i => (char)i), .. Enumerable.Range(0x7F, 0x21).Select(i => (char)i),
         '\u2028', '\u2029', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']);
}
