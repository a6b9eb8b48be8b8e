using System.Text;

namespace DhrPortal.Generation;

/// <summary>
/// Writes YAML the way an editor would by hand: plain scalars where they are safe, double quotes
/// where they are not, folded (<c>&gt;-</c>) and literal (<c>|</c>) blocks for long texts.
/// </summary>
internal static class YamlText
{
    private static readonly string[] Reserved = ["null", "true", "false", "yes", "no", "on", "off", "~", "y", "n"];

    /// <summary>True when <paramref name="s"/> can be written unquoted; <paramref name="flow"/> for items inside <c>[ ]</c>.</summary>
    public static bool IsPlainSafe(string s, bool flow)
    {
        if (s.Length == 0 || !char.IsLetterOrDigit(s[0]) || char.IsWhiteSpace(s[^1]) || s[^1] == ':') return false;
        if (Reserved.Contains(s, StringComparer.OrdinalIgnoreCase)) return false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '\n' or '\r' or '\t' or '"' or '\\' or '`') return false;
            if (c == ':' && i + 1 < s.Length && s[i + 1] == ' ') return false;
            if (c == '#' && i > 0 && s[i - 1] == ' ') return false;
            if (flow && c is ',' or '[' or ']' or '{' or '}') return false;
        }
        return true;
    }

    /// <summary>A scalar in block context: plain when safe, otherwise double-quoted.</summary>
    public static string Scalar(string s) => IsPlainSafe(s, flow: false) ? s : Quoted(s);

    /// <summary>A scalar inside a flow sequence.</summary>
    public static string FlowItem(string s) => IsPlainSafe(s, flow: true) ? s : Quoted(s);

    public static string Quoted(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('"').ToString();
    }

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
