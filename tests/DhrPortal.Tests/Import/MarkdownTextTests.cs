using AngleSharp.Html.Parser;
using DhrPortal.Site.Markdown;
using DhrPortal.Text;

namespace DhrPortal.Tests.Import;

/// <summary>
/// Plain text from a summary page, written as Markdown by <see cref="MarkdownText"/>, renders as
/// exactly that text: one paragraph, no markup, whatever Markdown or HTML it looks like.
/// </summary>
public sealed class MarkdownTextTests
{
    // Pieces that mean something to Markdown, its extensions, or HTML; no URLs (those become links, by design).
    private static readonly string[] Pieces =
    [
        "#", "##", ">", "-", "+", "*", "**", "_", "__", "`", "```", "~", "~~", "^", "[", "]", "(", ")", "!", "![x]", "[x]: /y",
        "<", "</", "<b>", "</b>", "<script>", "<!--", "-->", "<?x", "<![CDATA[", "&", "&amp;", "&#60;", "&#x3C;", "&copy;", "&nbsp",
        "\\", "\\*", "|", "1.", "2)", "10.1.1", "=", "---", "===", ":", "{#id}", "a", "word", "“", "’", "é", " ", "  ",
    ];

    [Fact]
    public void Any_text_renders_as_itself()
    {
        var random = new Random(20261129);
        var parser = new HtmlParser();
        for (var i = 0; i < 5000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => Pieces[random.Next(Pieces.Length)])).Trim();
            if (text.Length == 0) continue;

            var html = MarkdownRenderer.Block(MarkdownText.Paragraph(text));

            var body = parser.ParseDocument("<body>" + html).Body!;
            var element = Assert.Single(body.Children);
            Assert.True(element.LocalName == "p" && element.Children.Length == 0 && element.TextContent == text,
                $"iteration {i}: '{text}' was written as '{MarkdownText.Paragraph(text)}' and rendered as '{html}'");
        }
    }

    [Theory]
    [InlineData("Plain prose, with commas; colons: and “curly quotes”.", "Plain prose, with commas; colons: and “curly quotes”.")]
    [InlineData("1. Not a list", "1\\. Not a list")]
    [InlineData("# Not a heading", "\\# Not a heading")]
    [InlineData("<b>bold</b> & AT&amp;T", "\\<b>bold\\</b> & AT\\&amp;T")]
    public void Ordinary_prose_is_unchanged_and_markup_is_escaped(string text, string markdown) =>
        Assert.Equal(markdown, MarkdownText.Paragraph(text));

    [Fact]
    public void Inline_texts_escape_only_character_references()
    {
        Assert.Equal("a <div> and *b* and R\\&amp;D", MarkdownText.Inline("a <div> and *b* and R&amp;D"));
        Assert.Equal("a &lt;div&gt; and <em>b</em> and R&amp;amp;D", MarkdownRenderer.Inline(MarkdownText.Inline("a <div> and *b* and R&amp;D")));
    }
}
