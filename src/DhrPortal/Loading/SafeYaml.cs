using DhrPortal.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace DhrPortal.Loading;

/// <summary>
/// Parses untrusted YAML into YamlDotNet's representation model (which keeps 1-based line and column
/// on every node), refusing anchors and aliases and deep nesting before they can cost memory or stack.
/// </summary>
internal static class SafeYaml
{
    public const int MaxDepth = 32;

    /// <summary>Parses one YAML document. Line numbers are shifted by <paramref name="lineOffset"/> (front matter).</summary>
    public static YamlNode? Parse(string text, string path, int lineOffset, DiagnosticBag bag)
    {
        var parser = new GuardedParser(new Parser(new StringReader(text)));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
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
            bag.Error(duplicate ? DiagnosticCodes.DuplicateKey : DiagnosticCodes.YamlSyntax, Span(path, lineOffset, e.Start), message);
            return null;
        }
        catch (ArgumentException e)
        {
            // Older YamlDotNet versions report duplicate keys from the dictionary itself.
            bag.Error(DiagnosticCodes.DuplicateKey, SourceSpan.WholeFile(path), e.Message);
            return null;
        }
        if (stream.Documents.Count == 0) return null;
        if (stream.Documents.Count > 1)
        {
            bag.Error(DiagnosticCodes.YamlSyntax, Span(path, lineOffset, stream.Documents[1].RootNode.Start),
                "Only one YAML document is allowed here.", "Remove the extra '---' separator.");
            return null;
        }
        return stream.Documents[0].RootNode;
    }

    public static SourceSpan Span(string path, int lineOffset, Mark mark) =>
        new(path, (int)Math.Min(int.MaxValue - lineOffset, mark.Line) + lineOffset, (int)Math.Min(int.MaxValue, mark.Column));

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

        public bool MoveNext()
        {
            if (!inner.MoveNext()) return false;
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
