using DhrPortal.Diagnostics;
using DhrPortal.Validation;
using Xunit;

namespace DhrPortal.Tests.Validation;

/// <summary>
/// One text checked as readers will see it: the content limits that keep build in proportion to input,
/// links and images the renderer removes, and dates of death that Markdown would otherwise hide.
/// Diagnostics are shown as <c>code@index</c>, the index in the text where each is located.
/// </summary>
public sealed class MarkdownCheckTests
{
    private static List<string> Check(string text, bool block = true)
    {
        var bag = new DiagnosticBag();
        MarkdownCheck.Check(text, block, i => new SourceSpan("t.md", 1, i + 1), bag);
        return bag.Items.Select(d => $"{(d.Severity == Severity.Error ? "" : "w")}{d.Code}@{d.Span.Column - 1}").ToList();
    }

    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    [Fact]
    public void Ordinary_markdown_passes() =>
        Assert.Empty(Check("Adult A died in 2019.\n\n> A quote with *emphasis*, a [link](https://www.gov.uk/a) and <https://x.org>.\n\n- one\n  - two\n"));

    // Issue 13, item 1: a recommendation of one 100,000-letter word passed check and took 13.9 GB to build.
    [Fact]
    public void A_word_longer_than_the_limit_is_an_error_at_the_word()
    {
        Assert.Equal(["DHR110@4"], Check("See " + new string('a', ContentLimits.MaxWordLength + 1) + " here.", block: false));
        Assert.Empty(Check("See " + new string('a', ContentLimits.MaxWordLength) + " here.", block: false));
    }

    [Fact]
    public void An_address_is_words_between_its_punctuation()
    {
        var url = "https://www.gov.uk/government/publications/" + string.Join("-", Enumerable.Repeat("domestic", 30));
        Assert.Empty(Check($"See {url} and [the review]({url})."));
        Assert.Equal(["DHR110@26"], Check("[a pasted image](data:png;" + new string('A', 500) + ")"));
    }

    // Issue 13, item 2: each of these passed check and made build throw Markdig's "too deeply nested".
    [Theory]
    [InlineData("[", 200, "", true)]
    [InlineData("[", 200, "", false)]
    [InlineData(">", 10_000, "x", true)]
    [InlineData("- ", 10_000, "x", true)]
    [InlineData("> - 1. ", 3_000, "x", true)]
    public void Markdown_nested_beyond_the_limit_is_an_error(string unit, int count, string tail, bool block) =>
        Assert.Equal("DHR111", Assert.Single(Check(Repeat(unit, count) + tail, block))[..6]);

    [Fact]
    public void Quotes_opened_on_one_line_are_located_at_the_level_over_the_limit() =>
        Assert.Equal([$"DHR111@{"Text.\n".Length + ContentLimits.MaxNestingDepth}"], Check("Text.\n" + Repeat(">", 1000) + " x"));

    [Theory]
    [InlineData("_", 100_000)]
    [InlineData("- ", 10_000)]
    [InlineData("* ", 10_000)]
    public void Long_runs_that_are_a_rule_or_text_pass(string unit, int count) =>
        Assert.Empty(Check(Repeat(unit, count)));

    // Issue 13, item 3: '[a](' x 80,000 made build take 49 s (Markdig reads ahead from every '](').
    [Fact]
    public void More_link_openings_than_the_limit_is_an_error_at_the_first_one_over()
    {
        var text = Repeat("[a](", 80_000);
        Assert.Equal([$"DHR112@{ContentLimits.MaxLinksPerText * 4 + 2}"], Check(text));
        Assert.Equal([$"DHR112@{ContentLimits.MaxLinksPerText * 4 + 2}"], Check(text, block: false));
        Assert.Empty(Check(Repeat("[a](", ContentLimits.MaxLinksPerText)));
        Assert.Empty(Check(Repeat(@"a\](", 1000)));
    }

    [Fact]
    public void More_autolinks_than_the_limit_is_an_error() =>
        Assert.Equal("DHR112", Assert.Single(Check(Repeat("<https://x.org> ", ContentLimits.MaxLinksPerText + 1)))[..6]);

    // Issue 13, item 5: these rendered as full dates of death and passed check.
    [Theory]
    [InlineData("She died on 12 &#77;arch 2019.", 12)]
    [InlineData("She was killed on 3 *March* 2019.", 18)]
    [InlineData("She d&#105;ed on 4/5/2019.", 17)]
    [InlineData("She died on `12 March 2019`.", 13)]
    public void A_date_of_death_hidden_by_markdown_is_found_where_it_is_written(string text, int at)
    {
        Assert.Equal([$"DHR501@{at}"], Check(text));
        Assert.Equal([$"DHR501@{at}"], Check(text, block: false));
    }

    [Fact]
    public void A_date_of_death_across_lines_of_a_list_item_is_found() =>
        Assert.Equal(["DHR501@26"], Check("Intro.\n\n- She **died** on 12\n  March 2019."));

    [Fact]
    public void A_date_in_a_link_address_is_not_seen_by_readers() =>
        Assert.Empty(Check("She died in 2019 ([report](https://x.org/12-03-2019)).", block: false));

    [Fact]
    public void Blocks_are_separate_sentences() =>
        Assert.Empty(Check("# She died\n\nThe panel met on 12 March 2021."));

    // Issue 13, item 6: unsafe links vanished silently, and images are never published.
    [Fact]
    public void Unsafe_links_and_images_are_warnings_where_they_are_written()
    {
        Assert.Equal(["wDHR502@0", "wDHR113@3"], Check("[a ![e](data:image/png;base64,AAAA) b](javascript:x)", block: false));
        Assert.Equal(["wDHR502@4", "wDHR502@33", "wDHR113@50"],
            Check("See [x](javascript:alert(1)) and <vbscript:y> and ![map](https://evil.example/x.png)."));
    }

    [Fact]
    public void Allowed_links_are_not_reported() =>
        Assert.Empty(Check("[a](https://x.org) [b](http://x.org) [c](/about/) [d](#r1) <a@b.org> www.x.org [e](mailto:a@b.org)", block: false));

    [Fact]
    public void A_link_in_a_code_block_is_not_a_link_but_is_one_in_an_inline_text()
    {
        const string Text = "Text\n\n    [x](javascript:alert(1))";
        Assert.Empty(Check(Text));
        Assert.Equal(["wDHR502@10"], Check(Text, block: false));
    }

    // Issue 13, item 3: 40,000 dates in one sentence took 21 s (each date walked its whole sentence).
    [Fact]
    public void Many_dates_in_one_sentence_are_scanned_in_linear_time()
    {
        // 400,000 dates: seconds when linear, hours when quadratic.
        var text = "She died. " + Repeat("1/1/20 ", 400_000);
        Assert.Empty(Anonymity.Scan(text));
        Assert.Equal(400_000, Anonymity.Scan("She died " + Repeat("1/1/20 ", 400_000)).Count);
    }
}
