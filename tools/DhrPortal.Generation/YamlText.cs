using System.Text;
using DhrPortal.Text;

namespace DhrPortal.Generation;

/// <summary>
/// Writes YAML the way an editor would by hand: plain scalars where they are safe, double quotes
/// where they are not, folded (<c>&gt;-</c>) and literal (<c>|</c>) blocks for long texts.
/// </summary>
internal static class YamlText
{
    // Scalars go through the importer's writer (Text/Yaml), whose round trip is property-tested.

    /// <summary>A scalar in block context: plain when safe, otherwise double-quoted.</summary>
    public static string Scalar(string s) => Yaml.Scalar(s, flow: false);

    /// <summary>A scalar inside a flow sequence.</summary>
    public static string FlowItem(string s) => Yaml.Scalar(s, flow: true);

    public static string Quoted(string s) => Yaml.DoubleQuoted(s);

    /// <summary><c>[a, b, c]</c>.</summary>
    public static string FlowList(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(FlowItem)) + "]";

    /// <summary>
    /// Writes <c>key: &gt;-</c> and the text wrapped at <paramref name="width"/> columns. The text must
    /// be a single paragraph with single spaces, so that folding gives it back unchanged.
    /// </summary>
    public static void Folded(StringBuilder sb, string indent, string key, string text, int width)
    {
        sb.Append(indent).Append(key).Append(": >-\n");
        var inner = indent + "  ";
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && inner.Length + line.Length + 1 + word.Length > width)
            {
                sb.Append(inner).Append(line).Append('\n');
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) sb.Append(inner).Append(line).Append('\n');
    }

    /// <summary>Writes <c>key: |</c> and the text line by line; blank lines stay blank.</summary>
    public static void Literal(StringBuilder sb, string indent, string key, string text)
    {
        sb.Append(indent).Append(key).Append(": |\n");
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0) sb.Append('\n');
            else sb.Append(indent).Append("  ").Append(line).Append('\n');
        }
    }

    /// <summary>Wraps a Markdown paragraph at <paramref name="width"/> columns (Markdown joins the lines again).</summary>
    public static string Wrap(string text, int width)
    {
        var sb = new StringBuilder(text.Length + 16);
        var col = 0;
        foreach (var word in text.Split(' '))
        {
            if (col > 0 && col + 1 + word.Length > width)
            {
                sb.Append('\n');
                col = 0;
            }
            else if (col > 0)
            {
                sb.Append(' ');
                col++;
            }
            sb.Append(word);
            col += word.Length;
        }
        return sb.ToString();
    }
}
