using AngleSharp.Diffing;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using DhrPortal.Site.Markdown;
using Xunit;

namespace DhrPortal.Tests.Site.Markdown;

public class MarkdownRendererTests
{
    private static void AssertSameHtml(string expected, string actual)
    {
        var diffs = DiffBuilder.Compare(expected).WithTest(actual).Build().ToList();
        Assert.True(diffs.Count == 0, $"HTML differs ({diffs.Count} differences).\nExpected: {expected}\nActual:   {actual}");
    }

    /// <summary>Parses output as a browser would and fails on anything that could run script or fetch off-site.</summary>
    private static void AssertInert(string html)
    {
        var document = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><body>{html}</body></html>");
        foreach (var element in document.Body!.Descendants<IElement>())
        {
            Assert.NotEqual("SCRIPT", element.TagName);
            Assert.NotEqual("IMG", element.TagName);
            Assert.NotEqual("IFRAME", element.TagName);
            Assert.NotEqual("OBJECT", element.TagName);
            Assert.NotEqual("EMBED", element.TagName);
            Assert.NotEqual("STYLE", element.TagName);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler attribute in {html}");
                Assert.NotEqual("style", attribute.Name);
                Assert.NotEqual("id", attribute.Name);
                if (attribute.Name is "href" or "src" or "action" or "formaction" or "xlink:href")
                    Assert.True(IsAllowed(attribute.Value), $"{attribute.Name}=\"{attribute.Value}\" in {html}");
            }
        }
    }

    // The browser's view of the address: tabs and newlines removed, ends trimmed.
    private static bool IsAllowed(string value)
    {
        var v = value.Replace("\t", "").Replace("\n", "").Replace("\r", "").Trim();
        if (v.StartsWith('#')) return true;
        if (v.StartsWith('/')) return !v.StartsWith("//") && !v.StartsWith("/\\");
        var lower = v.ToLowerInvariant();
        return lower.StartsWith("https:") || lower.StartsWith("http:") || lower.StartsWith("mailto:");
    }

    public static TheoryData<string> HostileInputs => new()
    {
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<svg onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<style>body{display:none}</style>",
        "[x](javascript:alert(1))",
        "[x](JavaScript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x]( javascript:alert(1))",
        "[x](<  javascript:alert(1)>)",
        "[x](java&#x09;script:alert(1))",
        "[x](java&#9;script:alert(1))",
        "[x](java&#10;script:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;avascript&colon;alert(1))",
        "[x](&#0;javascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](//evil.example/path)",
        "[x](/\\evil.example/path)",
        "[x](javascript:alert(1) \"title\")",
        "[x](\"onmouseover=alert(1))",
        "[x](https://ok.example \"a\\\" onmouseover=\\\"alert(1)\")",
        "<javascript:alert(1)>",
        "<JAVASCRIPT:alert(1)>",
        "<data:text/html,<script>alert(1)</script>>",
        "<vbscript:msgbox(1)>",
        "![](https://evil.example/x.png)",
        "![x](javascript:alert(1))",
        "![a](https://evil.example/x.png \"t\")",
        "[![a](https://evil.example/x.png)](javascript:alert(1))",
        "![[x](javascript:alert(1))](https://evil.example/x.png)",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "[ref]\n\n[ref]: JavaScript:alert(1)",
        "![x][img]\n\n[img]: https://evil.example/x.png",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#60;script&#62;alert(1)&#60;/script&#62;",
        "`<script>alert(1)</script>`",
        "```html\n<script>alert(1)</script>\n```",
        "    <script>alert(1)</script>",
        "| a | b |\n|---|---|\n| <script>x</script> | [x](javascript:alert(1)) |",
        "- [x](javascript:alert(1))\n- <img src=x onerror=alert(1)>",
        "> <script>alert(1)</script>",
        "# <script>alert(1)</script> {#id onclick=alert(1)}",
        "x {onclick=alert(1)}",
        "<!-- <script>alert(1)</script> -->",
        "<![CDATA[<script>alert(1)</script>]]>",
        "*<script>*alert(1)*</script>*",
        "[<script>](javascript:alert(1))",
        "javascript:alert(1)",
        "www.example.com/<script>",
    };

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void Block_never_produces_script_capable_output(string markdown) => AssertInert(MarkdownRenderer.Block(markdown));

    [Theory]
    [MemberData(nameof(HostileInputs))]
    [InlineData("# Title\n\n## Part\n\nSome *emphasis*, a [link](/reviews/) and a | table |\n|---|\n| cell |")]
    [InlineData("Plain prose only.")]
    public void One_parse_gives_the_html_and_the_plain_text_of_their_own_renderings(string markdown)
    {
        // The build parses each text once (RenderedTexts) and hands the same tree to the page and to search.
        var block = MarkdownRenderer.RenderBlock(markdown, 4);
        Assert.Equal(MarkdownRenderer.Block(markdown, 4), block.Html);
        Assert.Equal(MarkdownRenderer.PlainText(markdown), block.Plain);
        var inline = MarkdownRenderer.RenderInline(markdown);
        Assert.Equal(MarkdownRenderer.Inline(markdown), inline.Html);
        Assert.Equal(MarkdownRenderer.InlinePlainText(markdown), inline.Plain);
    }

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void Inline_never_produces_script_capable_output(string markdown) => AssertInert(MarkdownRenderer.Inline(markdown));

    [Fact]
    public void Raw_html_is_shown_as_text()
    {
        AssertSameHtml("<p>&lt;script&gt;alert(1)&lt;/script&gt; and &lt;b&gt;bold&lt;/b&gt;</p>",
            MarkdownRenderer.Block("<script>alert(1)</script> and <b>bold</b>"));
    }

    [Fact]
    public void Unsafe_link_keeps_its_label_as_plain_text()
    {
        AssertSameHtml("<p>Click <em>here</em> now</p>", MarkdownRenderer.Block("Click [*here*](javascript:alert(1)) now"));
        Assert.Equal("Click here now", MarkdownRenderer.Inline("Click [here](java&#x09;script:alert(1)) now"));
    }

    [Fact]
    public void Unsafe_autolink_becomes_its_text()
    {
        AssertSameHtml("<p>see javascript:alert(1)</p>", MarkdownRenderer.Block("see <javascript:alert(1)>"));
    }

    [Fact]
    public void Images_become_their_alt_text_even_from_allowed_hosts()
    {
        AssertSameHtml("<p>A chart of referrals.</p>", MarkdownRenderer.Block("A ![chart of referrals](https://www.gov.uk/chart.png)."));
        AssertSameHtml("<p>Logo</p>", MarkdownRenderer.Block("![Logo][l]\n\n[l]: /assets/logo.png"));
    }

    [Fact]
    public void An_image_inside_a_removed_link_goes_too_and_the_text_after_it_stays()
    {
        // Markdig lost the text after an image moved out of a removed link, and kept the image.
        const string Markdown = "[a ![e](data:image/png;base64,AAAA) b](javascript:x)";
        AssertSameHtml("<p>a e b</p>", MarkdownRenderer.Block(Markdown));
        Assert.Equal("a e b", MarkdownRenderer.Inline(Markdown));
    }

    [Fact]
    public void External_links_get_noopener_noreferrer()
    {
        AssertSameHtml(
            "<p>The <a href=\"https://www.gov.uk/guidance\" rel=\"noopener noreferrer\">guidance</a>.</p>",
            MarkdownRenderer.Block("The [guidance](https://www.gov.uk/guidance)."));
        AssertSameHtml(
            "<p><a href=\"https://www.gov.uk/x\" rel=\"noopener noreferrer\">https://www.gov.uk/x</a></p>",
            MarkdownRenderer.Block("<https://www.gov.uk/x>"));
        AssertSameHtml(
            "<p>See <a href=\"http://www.example.org\" rel=\"noopener noreferrer\">www.example.org</a></p>",
            MarkdownRenderer.Block("See www.example.org"));
    }

    [Fact]
    public void Site_relative_and_mail_links_are_kept_without_rel()
    {
        AssertSameHtml(
            "<p><a href=\"/themes/training/\">training</a>, <a href=\"#r1-lft\">above</a>, <a href=\"mailto:dhr@example.org\">write</a>, <a href=\"mailto:a@b.org\">a@b.org</a></p>",
            MarkdownRenderer.Block("[training](/themes/training/), [above](#r1-lft), [write](mailto:dhr@example.org), <a@b.org>"));
    }

    [Fact]
    public void Reference_style_links_are_resolved_and_checked()
    {
        AssertSameHtml(
            "<p><a href=\"https://example.org/report.pdf\" rel=\"noopener noreferrer\">the report</a> and bad</p>",
            MarkdownRenderer.Block("[the report][r] and [bad][b]\n\n[r]: https://example.org/report.pdf\n[b]: data:text/html,x"));
    }

    [Fact]
    public void Block_renders_report_prose()
    {
        const string markdown = """
            ## Background

            The review found **three** missed chances and ~~one~~ none.

            a. first
            b. second

            | Agency | Contacts |
            |--------|---------:|
            | Police | 4 |
            """;
        AssertSameHtml(
            """
            <h3>Background</h3>
            <p>The review found <strong>three</strong> missed chances and <del>one</del> none.</p>
            <ol type="a"><li>first</li><li>second</li></ol>
            <table><thead><tr><th>Agency</th><th class="align-right">Contacts</th></tr></thead>
            <tbody><tr><td>Police</td><td class="align-right">4</td></tr></tbody></table>
            """,
            MarkdownRenderer.Block(markdown));
    }

    [Fact]
    public void Headings_are_renumbered_to_fit_under_the_section_they_are_placed_in()
    {
        AssertSameHtml("<h3>A</h3><h4>B</h4><h3>C</h3>", MarkdownRenderer.Block("# A\n\n### B\n\n# C"));
        AssertSameHtml("<h4>A</h4><h5>B</h5>", MarkdownRenderer.Block("## A\n\n#### B", firstHeadingLevel: 4));
        AssertSameHtml("<h6>A</h6><h6>B</h6>", MarkdownRenderer.Block("# A\n\n## B", firstHeadingLevel: 6));
        AssertSameHtml("<h3>Setext</h3>", MarkdownRenderer.Block("Setext\n======"));
    }

    [Fact]
    public void Tables_carry_alignment_as_classes_not_inline_styles_so_the_csp_holds()
    {
        var html = MarkdownRenderer.Block("| L | C | R | N |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |");
        Assert.DoesNotContain("style", html, StringComparison.Ordinal);
        AssertSameHtml(
            """
            <table><thead><tr><th class="align-left">L</th><th class="align-center">C</th><th class="align-right">R</th><th>N</th></tr></thead>
            <tbody><tr><td class="align-left">1</td><td class="align-center">2</td><td class="align-right">3</td><td>4</td></tr></tbody></table>
            """,
            html);
    }

    [Fact]
    public void Headings_get_no_ids_that_could_collide_with_recommendation_anchors()
    {
        var html = MarkdownRenderer.Block("# r1-lft\n\n## Recommendations");
        Assert.DoesNotContain("id=", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Inline_has_no_wrapping_paragraph_and_ignores_block_syntax()
    {
        Assert.Equal("The CSP <em>must</em> review its policy.", MarkdownRenderer.Inline("The CSP *must* review its policy."));
        Assert.Equal("1. The CSP should act.", MarkdownRenderer.Inline("1. The CSP should act."));
        Assert.Equal("# 3 remains text", MarkdownRenderer.Inline("# 3 remains text"));
        Assert.Equal("- not a list", MarkdownRenderer.Inline("- not a list"));
        Assert.Equal("first<br>\nsecond", MarkdownRenderer.Inline("first\n\nsecond"));
        Assert.Equal("", MarkdownRenderer.Inline(""));
    }

    [Fact]
    public void Output_uses_lf_line_endings()
    {
        var html = MarkdownRenderer.Block("one\r\ntwo\r\n\r\nthree");
        Assert.DoesNotContain('\r', html);
        AssertSameHtml("<p>one\ntwo</p><p>three</p>", html);
    }

    [Theory]
    [InlineData("https://www.gov.uk/", true)]
    [InlineData("HTTP://example.org", true)]
    [InlineData("mailto:a@b.org", true)]
    [InlineData("/reviews/x/", true)]
    [InlineData("/", true)]
    [InlineData("#r1", true)]
    [InlineData("  https://x.org", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" \u0001javascript:alert(1)", false)]
    [InlineData("java\tscript:alert(1)", false)]
    [InlineData("java\nscript:alert(1)", false)]
    [InlineData("jav\u0000ascript:alert(1)", false)]
    [InlineData("data:text/html,x", false)]
    [InlineData("vbscript:x", false)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("relative/page.html", false)]
    [InlineData("?q=1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData(":x", false)]
    [InlineData("ｊavascript:alert(1)", false)]
    public void IsSafeUrl_is_an_allow_list(string? url, bool safe) => Assert.Equal(safe, SafeLinksExtension.IsSafeUrl(url));

    [Fact]
    public void PlainText_drops_markup_and_link_addresses()
    {
        Assert.Equal("The CSP must review the guidance and <b>.",
            MarkdownRenderer.PlainText("The CSP **must** review [the guidance](https://x.org/g)\nand <b>."));
        Assert.Equal("Intro first second", MarkdownRenderer.PlainText("Intro\n\n- first\n- second"));
    }

    [Fact]
    public void Rendering_is_thread_safe_and_deterministic()
    {
        const string markdown = "Some *text* with [a link](https://x.org) and [bad](javascript:x).";
        var expected = MarkdownRenderer.Block(markdown);
        var results = new string[200];
        Parallel.For(0, results.Length, i => results[i] = MarkdownRenderer.Block(markdown));
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}

public class PlainTextFastPathTests
{
    public static TheoryData<string> Prose => new()
    {
        "The CSP should review its policy.",
        "Agencies should share information, including with GPs; see https://www.gov.uk/guidance for details.",
        "Line one\nline two\n\nA second paragraph, with \"quotes\" and 'apostrophes' (and brackets).",
        "Write to www.example.org or mailto:dhr@example.org: both work.",
        "Hard  \nbreak and\ttab inside a line, and unicode: café, “curly”, – dash, 10% rise, £5, #hashtag, 1. not a list",
        "  Indented first line\n    more indented line\nEnd",
        "Ends with spaces   \n",
        "Call tel:08082000247 or ftp://files.example.org/x or http://example.org/a_b.",
        "",
    };

    [Theory]
    [MemberData(nameof(Prose))]
    public void Fast_path_gives_what_Markdig_gives(string markdown)
    {
        Assert.Equal(MarkdownRenderer.ParsedPlainText(markdown, block: false), MarkdownRenderer.InlinePlainText(markdown));
        if (MarkdownRenderer.IsPlainProse(markdown, block: true))
            Assert.Equal(MarkdownRenderer.ParsedPlainText(markdown, block: true), MarkdownRenderer.PlainText(markdown));
    }

    [Theory]
    [InlineData("Some *emphasis*")]
    [InlineData("A [link](https://x.org)")]
    [InlineData("Fish &amp; chips")]
    [InlineData("a < b")]
    [InlineData("snake_case")]
    public void Markdown_syntax_takes_the_parser(string markdown) => Assert.False(MarkdownRenderer.IsPlainProse(markdown, block: false));

    [Theory]
    [InlineData("# Heading")]
    [InlineData("- item")]
    [InlineData("1. item")]
    [InlineData("Title\n===")]
    [InlineData("> quote")]
    [InlineData("\tcode")]
    public void Block_syntax_takes_the_parser(string markdown) => Assert.False(MarkdownRenderer.IsPlainProse(markdown, block: true));
}
