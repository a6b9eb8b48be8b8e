using System.Text;
using DhrPortal.Diagnostics;
using DhrPortal.Loading;
using DhrPortal.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DhrPortal.Content;

/// <summary>The outcome of <see cref="StatusEditor.Set"/>: the file's new bytes, or why it could not be edited.</summary>
public sealed record StatusEdit(byte[]? Bytes, string? Error);

/// <summary>
/// Sets the implementation status of one recommendation in a review file (<c>dhr status</c>) by
/// editing the text where the status is, never by re-serialising the document: comments, quoting,
/// key order, line endings and the byte-order mark of everything else stay as the editor wrote them.
/// Pure: bytes in, bytes out.
/// </summary>
public static class StatusEditor
{
    /// <summary>
    /// Sets the status of the recommendation with <paramref name="anchor"/>: replaces the values of an
    /// existing <c>status:</c> (keeping its <c>target</c> when <paramref name="target"/> is null),
    /// or adds the block after the recommendation's last field.
    /// </summary>
    public static StatusEdit Set(SourceFile file, string anchor, ImplementationState state, YearMonth asOf, YearMonth? target)
    {
        ArgumentNullException.ThrowIfNull(file);
        var bag = new DiagnosticBag();
        var review = ReviewParser.Parse(file, bag, out var complete);
        if (review is null || !complete || bag.HasErrors)
            return new(null, $"{file.Path} has errors; run 'dhr check' and fix them first.");
        var rec = review.Recommendations.FirstOrDefault(r => r.Anchor == anchor);
        if (rec is null)
        {
            var close = Suggest.Closest(anchor, review.Recommendations.Select(r => r.Anchor), 3);
            return new(null, $"Review '{review.Id}' has no recommendation with the anchor '{anchor}'."
                + (close.Count > 0 ? $" Did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?" : "")
                + $" Its anchors are on its page (/reviews/{review.Id}/) and in recommendations.csv.");
        }

        var text = TextDecoder.Decode(file, bag)!;
        FrontMatter.TrySplit(text, out var yaml, out _, out _);
        var yamlStart = text.IndexOf('\n', StringComparison.Ordinal) + 1;
        var root = (YamlMapping)SafeYaml.Parse(yaml, file.Path, 1, bag)!;
        var item = (YamlMapping)((YamlSequence)root.Get("recommendations")!).Children[rec.Order - 1];

        var edits = new List<(int Start, int End, string Text)>();
        var values = new List<(string Key, string Value)> { ("state", Vocabulary.Key(state)), ("as_of", asOf.ToString()) };
        if (target is { } t) values.Add(("target", t.ToString()));
        if (item.Get("status") is not { } existing)
        {
            edits.Add(Insert(yaml, item, values));
        }
        else
        {
            var status = (YamlMapping)existing;
            if (target is null && status.Get("target") is YamlScalar kept)
                values.Add(("target", kept.Value));
            // The source is kept as written (who reported is the editor's to change by hand); a flow
            // mapping is rewritten whole, so it is carried over in its own quoting.
            if (status.Style == MappingStyle.Flow && status.Get("source") is { } source)
                values.Add(("source", yaml[(int)source.Start.Index..(int)source.End.Index]));
            edits.AddRange(Replace(yaml, status, values));
        }

        var edited = new StringBuilder(yaml);
        foreach (var (start, end, insert) in edits.OrderByDescending(e => e.Start))
            edited.Remove(start, end - start).Insert(start, insert);
        var result = text[..yamlStart] + edited + text[(yamlStart + yaml.Length)..];
        var bytes = Encode(result, file.Bytes);

        // The edit must read back as exactly what was asked, or nothing is written: a wrong edit is a bug.
        var check = ReviewParser.Parse(new SourceFile(file.Path, bytes), new DiagnosticBag(), out var ok);
        var written = check?.Recommendations.FirstOrDefault(r => r.Anchor == anchor)?.Status;
        var expected = new ImplementationStatus(state, asOf, target ?? rec.Status?.Target, rec.Status?.Source);
        if (!ok || written != expected || check!.Recommendations.Count != review.Recommendations.Count)
            throw new InvalidOperationException($"Setting the status of '{anchor}' in {file.Path} did not read back as {expected}.");
        return new(bytes, null);
    }

    /// <summary>Replaces the values of an existing status, in its own style (block or flow, quoted or plain).</summary>
    private static IEnumerable<(int, int, string)> Replace(string yaml, YamlMapping status, List<(string Key, string Value)> values)
    {
        if (status.Style == MappingStyle.Flow)
        {
            yield return ((int)status.Start.Index, NodeEnd(yaml, status), Flow(values));
            yield break;
        }
        var keyColumn = (int)status.Children.First().Key.Start.Column;
        var lastLineEnd = 0;
        foreach (var (key, value) in values)
        {
            if (status.Get(key) is YamlScalar scalar)
            {
                yield return ((int)scalar.Start.Index, (int)scalar.End.Index, Quote(value, scalar.Style));
                lastLineEnd = Math.Max(lastLineEnd, LineEnd(yaml, (int)scalar.End.Index));
            }
            else
            {
                // Only 'target' can be missing from a valid status: it goes on the line after the others.
                yield return (lastLineEnd, lastLineEnd, $"{new string(' ', keyColumn - 1)}{key}: {value}\n");
            }
        }
    }

    /// <summary>Adds <c>status:</c> after the recommendation's last field (or inside its braces).</summary>
    private static (int, int, string) Insert(string yaml, YamlMapping item, List<(string Key, string Value)> values)
    {
        if (item.Style == MappingStyle.Flow)
        {
            var close = NodeEnd(yaml, item) - 1;
            return (close, close, $", status: {Flow(values)}");
        }
        var indent = new string(' ', (int)item.Children.First().Key.Start.Column - 1);
        var at = LineEnd(yaml, LastContentEnd(yaml, item));
        var sb = new StringBuilder();
        if (at > 0 && yaml[at - 1] != '\n') sb.Append('\n');
        sb.Append(indent).Append("status:\n");
        foreach (var (key, value) in values) sb.Append(indent).Append("  ").Append(key).Append(": ").Append(value).Append('\n');
        return (at, at, sb.ToString());
    }

    /// <summary>
    /// Where the last value of a block collection ends: down to its last scalar or flow node (a block
    /// collection has no end mark of its own, and would end past the comments after it anyway), then
    /// back over the line breaks a block scalar keeps.
    /// </summary>
    private static int LastContentEnd(string yaml, YamlValue node)
    {
        while (true)
        {
            switch (node)
            {
                case YamlMapping { Style: not MappingStyle.Flow } m when m.Children.Count > 0:
                    node = m.Children.Last().Value;
                    continue;
                case YamlSequence { Style: not SequenceStyle.Flow } s when s.Children.Count > 0:
                    node = s.Children[^1];
                    continue;
            }
            var end = NodeEnd(yaml, node);
            while (end > 0 && char.IsWhiteSpace(yaml[end - 1])) end--;
            return end;
        }
    }

    /// <summary>
    /// Where a node ends. YamlDotNet gives scalars their end but a collection only its start, so a
    /// flow collection ends at the bracket that closes it, after its last item.
    /// </summary>
    private static int NodeEnd(string yaml, YamlValue node) => node switch
    {
        YamlMapping { Style: MappingStyle.Flow } m =>
            yaml.IndexOf('}', m.Children.Count > 0 ? NodeEnd(yaml, m.Children.Last().Value) : (int)m.Start.Index + 1) + 1,
        YamlSequence { Style: SequenceStyle.Flow } q =>
            yaml.IndexOf(']', q.Children.Count > 0 ? NodeEnd(yaml, q.Children[^1]) : (int)q.Start.Index + 1) + 1,
        _ => (int)node.End.Index,
    };

    /// <summary>The index just after the line break that ends the line holding <paramref name="index"/>.</summary>
    private static int LineEnd(string yaml, int index)
    {
        var nl = yaml.IndexOf('\n', Math.Min(index, yaml.Length));
        return nl < 0 ? yaml.Length : nl + 1;
    }

    private static string Flow(List<(string Key, string Value)> values) =>
        "{" + string.Join(", ", values.Select(v => $"{v.Key}: {v.Value}")) + "}";

    private static string Quote(string value, ScalarStyle style) => style switch
    {
        ScalarStyle.DoubleQuoted => $"\"{value}\"",
        ScalarStyle.SingleQuoted => $"'{value}'",
        _ => value,
    };

    /// <summary>The file's bytes for <paramref name="text"/>, with the original's byte-order mark and line endings.</summary>
    private static byte[] Encode(string text, byte[] original)
    {
        var bom = original.AsSpan().StartsWith("\uFEFF"u8);
        if (original.AsSpan().IndexOf("\r\n"u8) >= 0) text = text.Replace("\n", "\r\n", StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(text);
        return bom ? [.. "\uFEFF"u8, .. body] : body;
    }
}
