using DhrPortal.Diagnostics;
using YamlDotNet.Core;

namespace DhrPortal.Loading;

/// <summary>
/// Maps a position in a scalar's value back to the file, so that a finding inside a text (a full date
/// next to a death word) points at the date itself. Exact for literal block scalars (<c>text: |</c>) and
/// one-line scalars written without escapes; otherwise every position maps to the start of the value.
/// </summary>
internal sealed class TextLocator
{
    private readonly SourceSpan _start;
    private readonly YamlScalar? _node;
    private readonly string _yaml;
    private readonly int _lineOffset;
    private readonly string _value;
    private readonly int _trimmed;
    private (int Line, int Column)[]? _lines;
    private Text.LineMap? _valueLines;
    private bool _mapped;

    private TextLocator(SourceSpan start, YamlScalar? node, string yaml, int lineOffset, string value, int trimmed)
    {
        _start = start;
        _node = node;
        _yaml = yaml;
        _lineOffset = lineOffset;
        _value = value;
        _trimmed = trimmed;
    }

    /// <summary>A locator that maps everything to one place.</summary>
    public static TextLocator At(SourceSpan span) => new(span, null, "", 0, "", 0);

    /// <summary>
    /// A locator for <paramref name="node"/> of a YAML document whose text is <paramref name="yaml"/>.
    /// <paramref name="trimmed"/> is how many leading characters the bound value dropped from the scalar.
    /// Nothing is computed until a position is asked for: almost every text has no finding.
    /// </summary>
    public static TextLocator For(YamlScalar node, string yaml, YamlContext ctx, int trimmed = 0) =>
        new(ctx.Span(node), node, yaml, ctx.LineOffset, node.Value, trimmed);

    /// <summary>The file position of character <paramref name="index"/> of the bound (possibly trimmed) value.</summary>
    public SourceSpan Span(int index)
    {
        if (!_mapped)
        {
            _lines = _node is null ? null : Lines(_node, _value, _yaml, _lineOffset);
            if (_lines is not null) _valueLines = new Text.LineMap(_value);
            _mapped = true;
        }
        if (_lines is null) return _start;
        index = Math.Clamp(index + _trimmed, 0, _value.Length);
        var (line, offset) = _valueLines!.At(index);
        if (line >= _lines.Length) return _start;
        var (l, c) = _lines[line];
        return _start with { Line = l, Column = c + offset };
    }

    // Line and column (1-based, in the file) at which each line of the value starts, or null when the
    // value cannot be mapped back exactly (folded or multi-line flow scalars, escapes).
    private static (int Line, int Column)[]? Lines(YamlScalar node, string value, string yaml, int lineOffset)
    {
        var from = (int)Math.Clamp(node.Start.Index, 0, yaml.Length);
        var to = (int)Math.Clamp(node.End.Index, from, yaml.Length);
        var raw = yaml[from..to];
        var line = (int)Math.Clamp(node.Start.Line, 1, int.MaxValue - lineOffset - 1) + lineOffset;
        var column = (int)Math.Clamp(node.Start.Column, 1, int.MaxValue);
        switch (node.Style)
        {
            case ScalarStyle.Plain when !value.Contains('\n', StringComparison.Ordinal) && raw == value:
                return [(line, column)];
            case ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted
                when !value.Contains('\n', StringComparison.Ordinal) && raw.Length == value.Length + 2 && raw.AsSpan(1, value.Length).SequenceEqual(value):
                return [(line, column + 1)];
            case ScalarStyle.Literal:
                return LiteralLines(value, yaml, from, line);
            default:
                return null;
        }
    }

    // A literal block's content starts on the line after its '|' indicator; each line of the value is a
    // line of the file with the block's indentation removed.
    private static (int Line, int Column)[]? LiteralLines(string value, string yaml, int indicator, int indicatorLine)
    {
        var eol = yaml.IndexOf('\n', indicator);
        if (eol < 0) return null;
        var valueLines = value.Split('\n');
        // Only as many lines of the file as the value has: splitting the rest of the file would be quadratic.
        var rawLines = yaml[(eol + 1)..].Split('\n', valueLines.Length + 1);
        var result = new (int, int)[valueLines.Length];
        var indent = -1;
        for (var k = 0; k < valueLines.Length; k++)
        {
            if (valueLines[k].Length == 0) { result[k] = (indicatorLine + 1 + k, 1); continue; }
            if (k >= rawLines.Length || !rawLines[k].EndsWith(valueLines[k], StringComparison.Ordinal)) return null;
            var lineIndent = rawLines[k].Length - valueLines[k].Length;
            if (indent < 0) indent = lineIndent;
            else if (lineIndent != indent) return null;
            result[k] = (indicatorLine + 1 + k, indent + 1);
        }
        return result;
    }
}

/// <summary>
/// Positions of a review's parts that the content model does not keep, so that the checker can point
/// diagnostics at the value at fault rather than at the recommendation or letter as a whole.
/// Recommendations are keyed by their 1-based order.
/// </summary>
internal sealed class ReviewLocations
{
    public Dictionary<int, TextLocator> RecommendationText { get; } = [];
    public Dictionary<int, SourceSpan> Anchor { get; } = [];
    public Dictionary<int, SourceSpan> StatusAsOf { get; } = [];
    public TextLocator? LetterText { get; set; }
    public List<TextLocator> LetterPoints { get; } = [];
    public SourceSpan? LetterDate { get; set; }
}
