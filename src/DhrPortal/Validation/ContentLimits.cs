using System.Text;
using DhrPortal.Diagnostics;
using DhrPortal.Site.Markdown;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using SourceSpan = DhrPortal.Diagnostics.SourceSpan;

namespace DhrPortal.Validation;

/// <summary>
/// The limits on content that keep the promise "whatever <c>check</c> accepts, <c>build</c> renders in
/// time and memory proportional to its size". Each is far above what a review needs; each is checked
/// here, with a located diagnostic, before anything else reads the text.
/// </summary>
public static class ContentLimits
{
    /// <summary>
    /// The longest word, counted as a run of letters and digits (DHR110). The search index derives
    /// entries from every word, so its cost grows with the square of a word's length. An address is
    /// not one word: its parts between punctuation are (<c>https://www.gov.uk/a-b</c> is https, www,
    /// gov, uk, a, b), so real addresses pass and an encoded image or token pasted into a text does not.
    /// Link addresses count too, although they are not indexed: a run this long is never meant.
    /// </summary>
    public const int MaxWordLength = 100;

    /// <summary>
    /// The deepest nesting of Markdown elements (quotes, lists, links, emphasis) in one text (DHR111).
    /// Markdig refuses at 128 levels by throwing; a review needs a handful.
    /// </summary>
    public const int MaxNestingDepth = 32;

    /// <summary>
    /// The most links in one text (DHR112), counting every <c>](</c> (where a link's address would
    /// start; an escaped <c>\](</c> does not count) as well as autolinks: Markdig reads ahead from each for the address, so unclosed links
    /// make parsing quadratic (<c>[a](</c> x 20,000 took 5 s).
    /// </summary>
    public const int MaxLinksPerText = 200;
}

/// <summary>
/// Checks one Markdown text of a review (a summary, a recommendation, a QA letter or one of its points)
/// as readers will see it: the content limits, links that would be removed (DHR502) and images that are
/// not shown (DHR113), and a full date next to words about the death (DHR501) in the text as rendered,
/// so that entities and emphasis cannot hide one. Each finding is located in the source.
/// </summary>
internal static class MarkdownCheck
{
    /// <summary>
    /// Checks <paramref name="text"/>, parsed as block Markdown when <paramref name="block"/> is true
    /// (summaries, letters) and as inline Markdown otherwise, exactly as the renderer parses it.
    /// <paramref name="spanOf"/> maps an index of the text to its place in the file. Every link to a page
    /// of the site is handed to <paramref name="siteLink"/> with its place, for the build's link check.
    /// </summary>
    public static void Check(string text, bool block, Func<int, SourceSpan> spanOf, DiagnosticBag bag, Action<string, SourceSpan>? siteLink = null)
    {
        // Markdig gives -1 to a node it made without a source (and the locators index arrays).
        var locate = spanOf;
        spanOf = i => locate(Math.Clamp(i, 0, text.Length));
        var withinLimits = CheckWords(text, spanOf, bag) & CheckLinkOpenings(text, spanOf, bag)
            && (!block || CheckLineNesting(text, spanOf, bag));
        var reader = !withinLimits ? null
            : MarkdownRenderer.IsPlainProse(text, block) ? new ReaderText(text, null)
            : Read(text, block, spanOf, bag, siteLink);
        // Beyond the limits the text is not parsed (that is what the limits protect), and the dates are
        // looked for in the text as written.
        reader ??= new ReaderText(text, null);
        foreach (var f in Anonymity.Scan(reader.Text))
            bag.Error(DiagnosticCodes.FullDateNearDeath, spanOf(reader.SourceIndex(f.Index)), $"The full date '{f.Date}' is in a sentence about the death.");
    }

    private static bool CheckWords(string text, Func<int, SourceSpan> spanOf, DiagnosticBag bag)
    {
        var ok = true;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                if (start < 0) start = i;
                continue;
            }
            if (start >= 0 && i - start > ContentLimits.MaxWordLength)
            {
                bag.Error(DiagnosticCodes.WordTooLong, spanOf(start),
                    $"A word of {i - start:N0} letters and digits ('{text.AsSpan(start, 20)}...'); the limit is {ContentLimits.MaxWordLength}.");
                ok = false;
            }
            start = -1;
        }
        return ok;
    }

    private static bool CheckLinkOpenings(string text, Func<int, SourceSpan> spanOf, DiagnosticBag bag)
    {
        var count = 0;
        for (var i = text.IndexOf("](", StringComparison.Ordinal); i >= 0; i = text.IndexOf("](", i + 2, StringComparison.Ordinal))
        {
            // An escaped '\]' closes no link, so nothing is read ahead from it.
            if (i > 0 && text[i - 1] == '\\') continue;
            if (++count <= ContentLimits.MaxLinksPerText) continue;
            bag.Error(DiagnosticCodes.TooManyLinks, spanOf(i),
                $"The text holds more than {ContentLimits.MaxLinksPerText} links (counting each ']('); this is link {count:N0}.");
            return false;
        }
        return true;
    }

    /// <summary>
    /// Quotes and list items opened at the start of one line ("&gt; &gt; - 1. x"), counted without parsing:
    /// Markdig takes seconds to refuse ten thousand of them, and this points at the line.
    /// </summary>
    private static bool CheckLineNesting(string text, Func<int, SourceSpan> spanOf, DiagnosticBag bag)
    {
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var i = lineStart;
            var depth = 0;
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = text.Length;
            // A line of '-', '*' or '_' and spaces is a rule, however long, not nested list items.
            var line = text.AsSpan(lineStart, lineEnd - lineStart).Trim(" \t");
            if (line.Length > 0 && line[0] is '-' or '*' or '_' && line.IndexOfAnyExcept(line[0], ' ', '\t') < 0) i = lineEnd;
            while (i < lineEnd)
            {
                var spaces = 0;
                while (i < text.Length && text[i] == ' ' && spaces < 4) { i++; spaces++; }
                if (i >= text.Length) break;
                var c = text[i];
                int marker;
                if (c == '>') marker = 1;
                else if (c is '-' or '*' or '+') marker = i + 1 < text.Length && text[i + 1] is ' ' or '\t' ? 1 : 0;
                else
                {
                    var j = i;
                    while (j < text.Length && j - i < 9 && char.IsAsciiDigit(text[j])) j++;
                    marker = j > i && j + 1 < text.Length && text[j] is '.' or ')' && text[j + 1] is ' ' or '\t' ? j - i + 1 : 0;
                }
                if (marker == 0) break;
                if (++depth > ContentLimits.MaxNestingDepth)
                {
                    bag.Error(DiagnosticCodes.MarkdownTooDeep, spanOf(i),
                        $"More than {ContentLimits.MaxNestingDepth} quotes and list items are opened on this line.");
                    return false;
                }
                i += marker;
            }
            var end = text.IndexOf('\n', lineStart);
            if (end < 0) break;
            lineStart = end + 1;
        }
        return true;
    }

    /// <summary>Parses the text and reads it as the renderer would show it; null when it cannot be rendered (reported).</summary>
    private static ReaderText? Read(string text, bool block, Func<int, SourceSpan> spanOf, DiagnosticBag bag, Action<string, SourceSpan>? siteLink)
    {
        MarkdownDocument document;
        try
        {
            document = MarkdownRenderer.Inspect(text, block);
        }
        catch (ArgumentException)
        {
            // Markdig's refusal of deep nesting; rendering the same text would throw the same.
            bag.Error(DiagnosticCodes.MarkdownTooDeep, spanOf(0),
                $"Markdown elements in this text are nested more than {ContentLimits.MaxNestingDepth} levels deep.");
            return null;
        }
        var reader = new ReaderTextBuilder(text.Length);
        var links = 0;
        MarkdownObject? deepest = null;
        // Depth first, in document order, without recursion: the tree may be as deep as Markdig allows.
        // A null node marks the end of a block.
        var stack = new Stack<(MarkdownObject? Node, int Depth, int End)>(64);
        stack.Push((document, 0, 0));
        while (stack.Count > 0)
        {
            var (node, depth, end) = stack.Pop();
            if (node is null) { reader.Break(end); continue; }
            if (depth > ContentLimits.MaxNestingDepth && deepest is null) deepest = node;
            switch (node)
            {
                case ContainerBlock container:
                    for (var i = container.Count - 1; i >= 0; i--) stack.Push((container[i], depth + 1, 0));
                    continue;
                case LinkReferenceDefinition:
                    continue;
                case LeafBlock leaf:
                    stack.Push((null, depth, leaf.Span.End));
                    if (leaf.Inline is { } inline) stack.Push((inline, depth, 0));
                    else reader.Lines(leaf);
                    continue;
                case LinkInline link:
                    if (link.IsImage)
                        bag.Warning(DiagnosticCodes.ImageNotPublished, spanOf(link.Span.Start),
                            $"The image '{Shorten(link.Url)}' is not shown: the site shows its description instead.");
                    else if (++links == ContentLimits.MaxLinksPerText + 1)
                        bag.Error(DiagnosticCodes.TooManyLinks, spanOf(link.Span.Start), $"The text holds more than {ContentLimits.MaxLinksPerText} links.");
                    else if (!SafeLinksExtension.IsSafeUrl(link.Url))
                        bag.Warning(DiagnosticCodes.UnsafeLink, spanOf(link.Span.Start),
                            $"The address '{Shorten(link.Url)}' is not allowed; the link is shown as its text only.");
                    else if (siteLink is not null && SafeLinksExtension.SiteAddress(link.Url) is { } address)
                        siteLink(address, spanOf(link.Span.Start));
                    break;
                case AutolinkInline auto:
                    if (++links == ContentLimits.MaxLinksPerText + 1)
                        bag.Error(DiagnosticCodes.TooManyLinks, spanOf(auto.Span.Start), $"The text holds more than {ContentLimits.MaxLinksPerText} links.");
                    else if (!auto.IsEmail && !SafeLinksExtension.IsSafeUrl(auto.Url))
                        bag.Warning(DiagnosticCodes.UnsafeLink, spanOf(auto.Span.Start),
                            $"The address '{Shorten(auto.Url)}' is not allowed; it is shown as text.");
                    reader.Append(auto.Url, auto.Span.Start + 1);
                    continue;
                case LiteralInline literal:
                    reader.Append(literal.Content.AsSpan(), literal.Span.Start, literal.Span.Length);
                    continue;
                case HtmlEntityInline entity:
                    reader.Append(entity.Transcoded.AsSpan(), entity.Span.Start, entity.Span.Length);
                    continue;
                case CodeInline code:
                    reader.Append(code.Content, code.Span.Start + code.DelimiterCount);
                    continue;
                case LineBreakInline:
                    reader.Append(" ", node.Span.Start);
                    continue;
            }
            if (node is ContainerInline inlines)
            {
                var children = new List<Inline>();
                for (var child = inlines.FirstChild; child is not null; child = child.NextSibling) children.Add(child);
                for (var i = children.Count - 1; i >= 0; i--) stack.Push((children[i], depth + 1, 0));
            }
        }
        if (deepest is not null)
        {
            bag.Error(DiagnosticCodes.MarkdownTooDeep, spanOf(deepest.Span.Start),
                $"Markdown elements are nested more than {ContentLimits.MaxNestingDepth} levels deep here.");
            return null;
        }
        return reader.Build();
    }

    private static string Shorten(string? url) => url is null ? "" : url.Length <= 60 ? url : url[..60] + "...";
}

/// <summary>The text a reader sees, and for each of its characters the index in the Markdown it came from.</summary>
internal sealed class ReaderText(string text, List<int>? sourceIndex)
{
    public string Text { get; } = text;

    public int SourceIndex(int index) => sourceIndex is null ? index : sourceIndex[Math.Clamp(index, 0, sourceIndex.Count - 1)];
}

internal sealed class ReaderTextBuilder(int capacity)
{
    private readonly StringBuilder _text = new(capacity);
    private readonly List<int> _source = new(capacity);

    public void Append(ReadOnlySpan<char> shown, int sourceStart, int sourceLength = int.MaxValue)
    {
        for (var i = 0; i < shown.Length; i++)
        {
            _text.Append(shown[i]);
            // An escape or entity is longer in the source than on screen: clamp to its last character.
            _source.Add(Math.Max(0, sourceStart + Math.Min(i, Math.Max(0, sourceLength - 1))));
        }
    }

    public void Append(string shown, int sourceStart) => Append(shown.AsSpan(), sourceStart);

    /// <summary>A code block's lines, shown as written.</summary>
    public void Lines(LeafBlock leaf)
    {
        foreach (var line in leaf.Lines.Lines.AsSpan(0, leaf.Lines.Count))
        {
            Append(line.Slice.AsSpan(), line.Slice.Start);
            Append("\n", line.Slice.End + 1);
        }
    }

    /// <summary>A blank line: a sentence never runs from one block into the next.</summary>
    public void Break(int sourceIndex) => Append("\n\n", Math.Max(0, sourceIndex));

    // The list itself, not a copy: it is read only where a date is found, which is almost never.
    public ReaderText Build() => new(_text.ToString(), _source);
}
