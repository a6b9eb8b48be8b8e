using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using Markdig;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Syntax;

namespace DhrPortal.Site.Markdown;

/// <summary>
/// A Markdown text as a page shows it (safe HTML) and as search, the feed and the data read it (plain
/// text). Only <see cref="MarkdownRenderer"/> makes one, so HTML of this type is always sanitised.
/// </summary>
public sealed class RenderedText
{
    private readonly string? _plain;
    private readonly string _markdown;

    internal RenderedText(string html, string? plain, string markdown) => (Html, _plain, _markdown) = (html, plain, markdown);

    public string Html { get; }

    /// <summary>
    /// The plain text. Of plain prose (most recommendations) it is the text itself with whitespace
    /// collapsed, made when asked for rather than held for the whole build.
    /// </summary>
    public string Plain => _plain ?? MarkdownRenderer.CollapseWhitespace(_markdown);
}

/// <summary>
/// Renders content Markdown to HTML that is safe to publish: raw HTML is shown as text, links
/// may only use <c>https:</c>, <c>http:</c>, <c>mailto:</c> or site-relative addresses, images
/// become their alt text, and no element ids are generated (they could collide with
/// recommendation anchors). Pure and thread-safe.
/// </summary>
public static class MarkdownRenderer
{
    // Extensions are chosen for report prose: bare URLs become links, ~~strike~~ and ^sup^,
    // "a." / "i." ordered lists, pipe tables. Deliberately absent: auto-identifiers and
    // footnotes (ids), generic attributes (arbitrary attributes), media links (iframes),
    // SmartyPants and emoji (they change the reports' wording).
    private static readonly MarkdownPipeline BlockPipeline = BlockSyntax(Configure(new MarkdownPipelineBuilder())).Build();

    private static MarkdownPipelineBuilder BlockSyntax(MarkdownPipelineBuilder builder) => builder
        .UseListExtras()
        .UsePipeTables()
        .Use<TableAlignmentExtension>();

    /// <summary>The heading level <see cref="Block(string)"/> starts at: content sits under a page's h2 sections.</summary>
    public const int DefaultFirstHeadingLevel = 3;

    // Inline texts (a recommendation, a QA point) are one run of text: only paragraphs are
    // parsed, so "1. The CSP should ..." or "# 3" stay text rather than becoming a list or heading.
    private static readonly MarkdownPipeline InlinePipeline = InlineOnly(Configure(new MarkdownPipelineBuilder())).Build();

    private static MarkdownPipelineBuilder Configure(MarkdownPipelineBuilder builder, bool makeSafe = true)
    {
        builder.DisableHtml()
            .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough | EmphasisExtraOptions.Superscript)
            .UseAutoLinks();
        if (makeSafe) builder.Extensions.AddIfNotAlready<SafeLinksExtension>();
        return builder;
    }

    private static MarkdownPipelineBuilder InlineOnly(MarkdownPipelineBuilder builder)
    {
        builder.BlockParsers.RemoveAll(p => p is not ParagraphBlockParser);
        builder.BlockParsers.Find<ParagraphBlockParser>()!.ParseSetextHeadings = false;
        return builder;
    }

    /// <summary>
    /// Safe HTML for a summary or a letter body: paragraphs, lists, tables, headings. Headings are
    /// renumbered from <see cref="DefaultFirstHeadingLevel"/> (h3), for content under an h2.
    /// </summary>
    public static string Block(string markdown) => Block(markdown, DefaultFirstHeadingLevel);

    /// <summary>
    /// <see cref="Block(string)"/> for content placed under a heading of level
    /// <paramref name="firstHeadingLevel"/> - 1: the content's headings are renumbered so that its
    /// highest becomes <paramref name="firstHeadingLevel"/> and no level is skipped (capped at h6),
    /// keeping the page's outline valid whatever levels the editor wrote.
    /// </summary>
    public static string Block(string markdown, int firstHeadingLevel) => BlockHtml(ParseBlock(markdown, firstHeadingLevel));

    /// <summary>
    /// <see cref="Block(string, int)"/> and <see cref="PlainText"/> of <paramref name="markdown"/> from one
    /// parse: what a build needs of a summary or a letter (its page shows the HTML; search, the feed and
    /// the data read the text).
    /// </summary>
    public static RenderedText RenderBlock(string markdown, int firstHeadingLevel)
    {
        var document = ParseBlock(markdown, firstHeadingLevel);
        var plain = IsPlainProse(markdown, block: true) ? null : ToPlainText(document, BlockPipeline);
        return new RenderedText(BlockHtml(document), plain, markdown);
    }

    /// <summary><see cref="Inline"/> and <see cref="InlinePlainText"/> of <paramref name="markdown"/> from one parse.</summary>
    public static RenderedText RenderInline(string markdown)
    {
        var document = Parse(markdown, InlinePipeline);
        var plain = IsPlainProse(markdown, block: false) ? null : ToPlainText(document, InlinePipeline);
        return new RenderedText(InlineHtml(document), plain, markdown);
    }

    private static MarkdownDocument Parse(string markdown, MarkdownPipeline pipeline) => Markdig.Markdown.Parse(Normalise(markdown), pipeline);

    private static MarkdownDocument ParseBlock(string markdown, int firstHeadingLevel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstHeadingLevel, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstHeadingLevel, 6);
        var document = Parse(markdown, BlockPipeline);
        RenumberHeadings(document, firstHeadingLevel);
        return document;
    }

    private static string BlockHtml(MarkdownDocument document)
    {
        var writer = NewWriter();
        var renderer = new HtmlRenderer(writer);
        BlockPipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    private static void RenumberHeadings(MarkdownDocument document, int firstLevel)
    {
        var headings = document.Descendants<HeadingBlock>().ToList();
        if (headings.Count == 0) return;
        var levels = headings.Select(h => h.Level).Distinct().Order().ToList();
        foreach (var heading in headings) heading.Level = Math.Min(6, firstLevel + levels.IndexOf(heading.Level));
    }

    /// <summary>
    /// Safe inline HTML, with no wrapping <c>&lt;p&gt;</c>, for recommendation texts and QA points.
    /// Block syntax is not interpreted; a blank line becomes a <c>&lt;br&gt;</c>.
    /// </summary>
    public static string Inline(string markdown) => InlineHtml(Parse(markdown, InlinePipeline));

    private static string InlineHtml(MarkdownDocument document)
    {
        var writer = NewWriter();
        var renderer = new HtmlRenderer(writer);
        InlinePipeline.Setup(renderer);
        var first = true;
        foreach (var leaf in document.Descendants<LeafBlock>())
        {
            if (leaf.Inline is null) continue;
            if (!first) writer.Write("<br>\n");
            first = false;
            renderer.WriteLeafInline(leaf);
        }
        writer.Flush();
        return writer.ToString().TrimEnd('\n');
    }

    /// <summary>
    /// The text of <paramref name="markdown"/> without markup, whitespace collapsed to single
    /// spaces: for search, descriptions and data files. Link labels are kept, addresses dropped.
    /// </summary>
    public static string PlainText(string markdown) =>
        IsPlainProse(markdown, block: true) ? CollapseWhitespace(markdown) : ToPlainText(Parse(markdown, BlockPipeline), BlockPipeline);

    /// <summary>
    /// <see cref="PlainText"/> for inline Markdown (a recommendation, a QA point): block syntax is
    /// not interpreted, so a leading "1." or "-" is kept as written.
    /// </summary>
    public static string InlinePlainText(string markdown) =>
        IsPlainProse(markdown, block: false) ? CollapseWhitespace(markdown) : ToPlainText(Parse(markdown, InlinePipeline), InlinePipeline);

    // Characters that can start Markdown inline syntax (emphasis, links, code, entities, escapes,
    // raw HTML, the emphasis extras, autolinks) or a table.
    private static readonly SearchValues<char> InlineSyntax = SearchValues.Create("\\*_[]!<>&`~^|");

    /// <summary>
    /// True when <paramref name="markdown"/> is plain prose whose plain text is the text itself:
    /// no inline syntax, and (for block Markdown) every line starts with a letter, so there are no
    /// headings, lists, quotes, rules or code. Most recommendations are; parsing them is skipped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool IsPlainProse(string markdown, bool block)
    {
        if (markdown.AsSpan().IndexOfAny(InlineSyntax) >= 0) return false;
        // Autolinks keep their text, except that mailto: and tel: drop the scheme.
        if (markdown.Contains("mailto:", StringComparison.OrdinalIgnoreCase) || markdown.Contains("tel:", StringComparison.OrdinalIgnoreCase)) return false;
        if (!block) return true;
        var lineStart = true;
        foreach (var c in markdown)
        {
            if (c == '\n')
            {
                lineStart = true;
            }
            else if (lineStart && c is not (' ' or '\t' or '\r'))
            {
                if (!char.IsLetter(c)) return false;
                lineStart = false;
            }
            else if (lineStart && c == '\t')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The plain text as Markdig renders it, without the fast path (the tests compare the two).</summary>
    internal static string ParsedPlainText(string markdown, bool block)
    {
        var pipeline = block ? BlockPipeline : InlinePipeline;
        return ToPlainText(Parse(markdown, pipeline), pipeline);
    }

    private static string ToPlainText(MarkdownDocument document, MarkdownPipeline pipeline)
    {
        var writer = NewWriter();
        var renderer = new HtmlRenderer(writer)
        {
            EnableHtmlForBlock = false,
            EnableHtmlForInline = false,
            EnableHtmlEscape = false,
        };
        pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return CollapseWhitespace(writer.ToString());
    }

    /// <summary>
    /// <paramref name="markdown"/> parsed exactly as <see cref="Block(string)"/> (or, when
    /// <paramref name="block"/> is false, <see cref="Inline"/>) parses it, but before links are made
    /// safe and with source positions on every node: for the checker, which must refuse first what the
    /// renderer could not render, and report what it would remove where the editor wrote it. Throws
    /// Markdig's <see cref="ArgumentException"/> when the text is nested too deeply, as rendering would.
    /// </summary>
    internal static MarkdownDocument Inspect(string markdown, bool block) =>
        Markdig.Markdown.Parse(Normalise(markdown), block ? BlockInspection : InlineInspection);

    private static readonly MarkdownPipeline BlockInspection = BlockSyntax(Configure(new MarkdownPipelineBuilder(), makeSafe: false))
        .UsePreciseSourceLocation()
        .Build();

    private static readonly MarkdownPipeline InlineInspection = InlineOnly(Configure(new MarkdownPipelineBuilder(), makeSafe: false))
        .UsePreciseSourceLocation()
        .Build();

    private static string Normalise(string markdown) =>
        markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static StringWriter NewWriter() =>
        new(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static string CollapseWhitespace(string s)
    {
        var sb = new StringBuilder(s.Length);
        var space = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
