using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using DhrPortal.Site.Checks;
using Xunit;

namespace DhrPortal.Tests.Site.Checks;

/// <summary>
/// The link checker reads pages with a fast scanner instead of a full DOM; these tests hold it to
/// what AngleSharp's HTML5 parser finds in the same documents.
/// </summary>
public class HtmlScannerTests
{
    private static readonly string[] Tracked = ["id", "name", "href", "src", "action", "rel", "poster", "data", "srcset"];

    private static List<string> FromScanner(string html)
    {
        var found = new List<string>();
        HtmlScanner.Scan(html, t =>
        {
            var values = new[] { t.Id, t.NameAttribute, t.Href, t.Src, t.Action, t.Rel, t.Poster, t.Data, t.Srcset };
            if (values.Any(v => v is not null)) found.Add(Describe(t.Name, values));
        });
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static List<string> FromAngleSharp(string html)
    {
        using var document = new HtmlParser().ParseDocument(html);
        var found = new List<string>();
        foreach (var element in document.All)
        {
            var values = Tracked.Select(a => element.GetAttribute(a)).ToArray();
            if (values.Any(v => v is not null)) found.Add(Describe(element.LocalName, values));
        }
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static string Describe(string tag, string?[] values) =>
        tag + string.Concat(Tracked.Zip(values).Where(p => p.Second is not null).Select(p => $" {p.First}=[{p.Second}]"));

    public static TheoryData<string> Documents => new()
    {
        """<!DOCTYPE html><html lang="en"><head><link rel="stylesheet" href="/a.css"></head><body><a href="/x/" id="top">x</a></body></html>""",
        """<!-- <a href="/in-comment/"> --><a href="/after-comment/">""",
        """<!--><a href="/after-empty-comment/">""",
        """<!---><a href="/after-empty-comment-2/">""",
        """<!-- a -- b --!><a href="/after-bang-comment/">""",
        """<!-- a ---><a href="/after-three-dashes/">""",
        """<!-- never closed <a href="/swallowed/">""",
        """<script>var s = '<a href="/not-a-link/">'; if (a<b) {}</script><a href="/real/">""",
        """<script type="text/template"><a href="/template/"></a></SCRIPT ><a href="/after-upper-close/">""",
        """<script>document.write("</scripts><a href='/still-script/'>")</script><a href="/after-script/">""",
        """<style>a[href="/x/"]::after{content:"<a href='/y/'>"}</style><a href="/after-style/">""",
        """<title><a href="/in-title/"></title><textarea><a href="/in-textarea/"></textarea><a id="after-rcdata">""",
        """<a href=/unquoted/ id=u>u</a><a href='/single/'>s</a><a href = "/spaced/" >sp</a>""",
        """<a href="/first/" href="/second/" id="one" id="two">dup</a>""",
        """<A HREF="/UPPER/" ID="Upper">up</A>""",
        """<a href="/e?a=1&amp;b=2#x&#x41;&#66;&lt;">entities</a>""",
        """<a href="/legacy?a=1&ampb=2&amp=3&copy&lt">legacy</a>""",
        """<a href="/c1?&#128;&#150;&#x9D;&#0;&#x110000;&#xD800;&#">numeric</a>""",
        """<a href="/named?&hellip;&notin;&notit;&nosuch;&">named</a>""",
        """<a/href="/slash/">s</a><img/src="/i.png"/alt="">""",
        """<a href="/gt>inside/">q</a>""",
        """</a title="x>y"><a href="/after-end-tag/">""",
        """<![CDATA[ <a href="/cdata/"> ]]><a href="/after-cdata/">""",
        """<?php echo "<a href='/pi/'>" ?><a href="/after-pi/">""",
        """< a href="/not-a-tag/"><a href="/real-tag/">""",
        """<svg><a href="/svg-link/"><title>t</title></a><use href="#icon"/></svg><a href="/after-svg/">""",
        """<table><a href="/fostered/">f</a><tr><td><a href="/cell/">c</a></td></tr></table>""",
        """<noscript><a href="/noscript/">n</a></noscript>""",
        """<iframe><a href="/in-iframe/"></iframe><a href="/after-iframe/">""",
        """<form action="/search/"><input name="q"></form><map name="m"><area href="/area/"></map>""",
        """<video src="/v.mp4" poster="/p.jpg"></video><object data="/o.svg"></object><img src="/a.png" srcset="/a2.png 2x, /a3.png 3x">""",
        "<a\nhref\n=\n\"/newlines/\"\tid\f=\rx>nl</a>",
        """<a href="">empty</a><a href>bare</a><a href=>eq-gt</a>""",
        """<div =weird="1" id="w">w</div>""",
        """<a href="/cut-off/""",
        """<a href="/cut-off-2/" id""",
        """text < 3 and 4 > 2 <a href="/after-lt/">""",
        """<plaintext><a href="/never/">""",
        """<xmp><a href="/in-xmp/"></xmp><noembed><a href="/in-noembed/"></noembed><a href="/after-xmp/">""",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Scanner_finds_what_an_html5_parser_finds(string html) => Assert.Equal(FromAngleSharp(html), FromScanner(html));

    [Fact]
    public void Scanner_reports_tags_in_document_order_with_lower_case_names()
    {
        var names = new List<string>();
        HtmlScanner.Scan("<P id=a><A href=/x/>x</A><Img src=/i.png></P>", t => names.Add(t.Name));
        Assert.Equal(["p", "a", "img"], names);
    }

    [Fact]
    public void Decode_handles_character_references_like_the_tokenizer()
    {
        Assert.Equal("/a?b=1&c=2", HtmlScanner.Decode("/a?b=1&amp;c=2"));
        Assert.Equal("/a?x&copy=1", HtmlScanner.Decode("/a?x&copy=1"));
        Assert.Equal("AB€", HtmlScanner.Decode("&#x41;&#66;&#128;"));
        Assert.Equal("no refs", HtmlScanner.Decode("no refs"));
    }
}
