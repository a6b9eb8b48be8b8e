using DhrPortal.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DhrPortal.Loading;

/// <summary>
/// Parses untrusted YAML into a <see cref="YamlValue"/> tree (which keeps 1-based line and column
/// on every node), refusing anchors and aliases and deep nesting before they can cost memory or stack.
/// </summary>
internal static class SafeYaml
{
    public const int MaxDepth = 32;

    /// <summary>Parses one YAML document. Line numbers are shifted by <paramref name="lineOffset"/> (front matter).</summary>
    public static YamlValue? Parse(string text, string path, int lineOffset, DiagnosticBag bag)
    {
        // YamlDotNet reads NEL, LS and PS as line breaks (YAML 1.1), which editors do not show, so every later
        // line number would be off; in some places it even fails with an internal error. They come from text
        // pasted out of PDFs: refuse them here, at their exact position.
        var separator = text.AsSpan().IndexOfAny('\u0085', '\u2028', '\u2029');
        if (separator >= 0)
        {
            var (line, col) = TextDecoder.LineColumn(text, separator);
            bag.Error(DiagnosticCodes.YamlSyntax, new SourceSpan(path, line + lineOffset, col),
                $"The invisible line separator U+{(int)text[separator]:X4} is not allowed here.",
                "Replace it with a line break or a space; it usually comes from text copied out of a PDF.");
            return null;
        }
        var parser = new GuardedParser(new Parser(new StringReader(text)));
        List<YamlValue> documents;
        try
        {
            documents = YamlTree.Load(parser);
        }
        catch (RefusedYamlException e)
        {
            bag.Error(e.Code, Span(path, lineOffset, e.Mark), e.Message);
            return null;
        }
        catch (YamlException e)
        {
            var duplicate = e.Message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase);
            var message = duplicate ? "This key appears twice in the same mapping." : Describe(e);
            var at = HasPosition(e) ? e.Start : Locate(text, parser.LastEnd);
            bag.Error(duplicate ? DiagnosticCodes.DuplicateKey : DiagnosticCodes.YamlSyntax, Span(path, lineOffset, at), message);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet fails this way, instead of with a YamlException, on a few malformed inputs
            // (content after a '...' document end without a new '---'): still a syntax error in the file.
            bag.Error(DiagnosticCodes.YamlSyntax, Span(path, lineOffset, parser.LastEnd), "The YAML cannot be read from here on.");
            return null;
        }
        catch (ArgumentException e)
        {
            // Older YamlDotNet versions report duplicate keys from the dictionary itself.
            bag.Error(DiagnosticCodes.DuplicateKey, SourceSpan.WholeFile(path), e.Message);
            return null;
        }
        if (documents.Count == 0) return null;
        if (documents.Count > 1)
        {
            bag.Error(DiagnosticCodes.YamlSyntax, Span(path, lineOffset, documents[1].Start),
                "Only one YAML document is allowed here.", "Remove the extra '---' separator.");
            return null;
        }
        return documents[0];
    }

    public static SourceSpan Span(string path, int lineOffset, Mark mark) =>
        new(path, (int)Math.Clamp(mark.Line, 1, int.MaxValue - lineOffset) + lineOffset, (int)Math.Clamp(mark.Column, 1, int.MaxValue));

    // A few of YamlDotNet's errors (a tab used as indentation) carry no position at all: both marks are empty.
    private static bool HasPosition(YamlException e) => e.Start.Index > 0 || e.End.Index > 0;

    /// <summary>
    /// Where a position-less error most likely is: the first tab in the indentation of a line after
    /// the last event that parsed, or else the end of that event.
    /// </summary>
    private static Mark Locate(string text, Mark lastEnd)
    {
        var from = (int)Math.Clamp(lastEnd.Index, 0, text.Length);
        var lineStart = from == 0 ? 0 : text.LastIndexOf('\n', from - 1) + 1;
        for (var i = lineStart; i < text.Length;)
        {
            var j = i;
            while (j < text.Length && text[j] is ' ' or '\t')
            {
                if (text[j] == '\t')
                {
                    var (line, col) = TextDecoder.LineColumn(text, j);
                    return new Mark(j, line, col);
                }
                j++;
            }
            var next = text.IndexOf('\n', j);
            if (next < 0) break;
            i = next + 1;
        }
        return lastEnd;
    }

    private static string Describe(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: ...) - (...): "; the position is already in the span.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }

    private sealed class RefusedYamlException(DiagnosticCode code, Mark mark, string message) : Exception(message)
    {
        public DiagnosticCode Code { get; } = code;
        public Mark Mark { get; } = mark;
    }

    /// <summary>Stops the parse at the first anchor, alias or over-deep collection.</summary>
    private sealed class GuardedParser(IParser inner) : IParser
    {
        private int _depth;

        public ParsingEvent? Current => inner.Current;

        /// <summary>Where the last event that parsed ends, to place errors that come without a position.</summary>
        public Mark LastEnd { get; private set; } = Mark.Empty;

        public bool MoveNext()
        {
            if (!inner.MoveNext()) return false;
            LastEnd = inner.Current!.End;
            switch (inner.Current)
            {
                case AnchorAlias alias:
                    throw new RefusedYamlException(DiagnosticCodes.YamlAlias, alias.Start, $"Alias '*{alias.Value}' is not allowed.");
                case NodeEvent { Anchor.IsEmpty: false } node:
                    throw new RefusedYamlException(DiagnosticCodes.YamlAlias, node.Start, $"Anchor '&{node.Anchor}' is not allowed.");
            }
            switch (inner.Current)
            {
                case MappingStart or SequenceStart:
                    if (++_depth > MaxDepth)
                        throw new RefusedYamlException(DiagnosticCodes.YamlTooDeep, inner.Current.Start, $"Nesting is deeper than {MaxDepth} levels.");
                    break;
                case MappingEnd or SequenceEnd:
                    _depth--;
                    break;
            }
            return true;
        }
    }
}
