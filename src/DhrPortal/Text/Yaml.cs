using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DhrPortal.Text;

/// <summary>Writes YAML scalars so that they read back exactly as given.</summary>
/// <remarks>The one YAML writer: the importer and the synthetic corpus both use it; tests check that any text round-trips.</remarks>
internal static partial class Yaml
{
    /// <summary>A scalar on one line: plain when that is unambiguous, double-quoted otherwise.</summary>
    public static string Scalar(string value, bool flow) =>
        IsPlainSafe(value, flow) ? value : DoubleQuoted(value);

    /// <summary>A text value: a folded block (wrapped at spaces) when it folds back exactly, double-quoted otherwise.</summary>
    public static string Block(string value, int indent, int width)
    {
        if (!IsFoldSafe(value)) return DoubleQuoted(value);
        var pad = new string(' ', indent);
        var sb = new StringBuilder(">-");
        var line = new StringBuilder();
        foreach (var word in value.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                sb.Append('\n').Append(pad).Append(line);
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        sb.Append('\n').Append(pad).Append(line);
        return sb.ToString();
    }

    /// <summary>A double-quoted scalar; every character that could be misread is escaped.</summary>
    public static string DoubleQuoted(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        sb.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        sb.Append('\uFFFD'); // a lone surrogate cannot be written as UTF-8
                    }
                    else if (NeedsEscape(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static bool NeedsEscape(char c) =>
        c < ' ' || c is >= '\u007F' and <= '\u009F' || c is '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF';

    private static bool IsPlainSafe(string value, bool flow) =>
        (flow ? PlainFlow() : PlainBlock()).IsMatch(value) && !Reserved().IsMatch(value);

    private static bool IsFoldSafe(string value) =>
        value.Length > 0
        && value[0] != ' ' && value[^1] != ' '
        && !value.Contains("  ", StringComparison.Ordinal)
        && !value.Any(NeedsEscape)
        && !HasLoneSurrogate(value);

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (char.IsSurrogate(value[i])) return true;
        }
        return false;
    }

    // Letters first; then letters, digits, spaces and harmless punctuation. No ':', '#', quotes,
    // brackets or other indicators; in flow context no ','. Digits first (numbers) are quoted.
    [GeneratedRegex(@"^\p{L}[\p{L}\p{N}\p{M} .,'’()&/-]*(?<![ ])\z")]
    private static partial Regex PlainBlock();

    [GeneratedRegex(@"^\p{L}[\p{L}\p{N}\p{M} .'’()&/-]*(?<![ ])\z")]
    private static partial Regex PlainFlow();

    // Words YAML 1.1 or 1.2 readers may take for booleans or null.
    [GeneratedRegex(@"^(?:y|n|yes|no|true|false|on|off|null)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Reserved();
}
