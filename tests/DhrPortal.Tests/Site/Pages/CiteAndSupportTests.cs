using AngleSharp.Dom;
using DhrPortal.Site;
using DhrPortal.Tests.Site.Build;
using Xunit;

namespace DhrPortal.Tests.Site.Pages;

/// <summary>
/// Cite, print and share (a citation for each review and recommendation with the absolute URL,
/// citation and Open Graph meta tags, a print stylesheet with absolute addresses), the header
/// search box, and what the site offers readers at risk or bereaved (content note, support links
/// from support.yml).
/// </summary>
public sealed class CiteAndSupportTests
{
    private static IDocument Page(string url) => TestSites.Page(TestSites.Default, url);

    [Fact]
    public void A_review_and_each_recommendation_can_be_cited_with_the_absolute_url_and_anchor()
    {
        var doc = Page(UrlScheme.Review("manchester-2024"));

        var review = doc.QuerySelector("main details.cite .cite__text")!.TextContent;
        Assert.Equal("Manchester Community Safety Partnership. Manchester review. 2024. Test Portal. https://portal.example/reviews/manchester-2024/", review);
        var rec = doc.QuerySelector("#r1-gmp .cite__text")!.TextContent;
        Assert.StartsWith("Manchester Community Safety Partnership. Manchester review, recommendation 1. 2024. Test Portal. ", rec, StringComparison.Ordinal);
        Assert.EndsWith("https://portal.example/reviews/manchester-2024/#r1-gmp", rec, StringComparison.Ordinal);
        Assert.Single(doc.QuerySelectorAll("script[src*='/assets/copy.']"));
    }

    [Fact]
    public void Review_pages_carry_citation_and_open_graph_meta_tags()
    {
        var doc = Page(UrlScheme.Review("manchester-2024"));
        string? Meta(string key) => doc.QuerySelector($"meta[name='{key}'], meta[property='{key}']")?.GetAttribute("content");

        Assert.Equal("Manchester review", Meta("citation_title"));
        Assert.Equal("2024/02", Meta("citation_publication_date"));
        Assert.Equal("Manchester Community Safety Partnership", Meta("citation_publisher"));
        Assert.Equal("https://portal.example/reviews/manchester-2024/", Meta("citation_public_url"));
        Assert.Equal("Manchester review", Meta("og:title"));
        Assert.Equal(doc.QuerySelector("meta[name=description]")!.GetAttribute("content"), Meta("og:description"));
        Assert.Null(Page(UrlScheme.Themes).QuerySelector("meta[name=citation_title]"));
    }

    [Fact]
    public void The_print_stylesheet_prints_internal_links_and_the_page_address_as_absolute_urls()
    {
        var site = TestSites.Default;
        var doc = TestSites.Page(site, UrlScheme.Review("manchester-2024"));

        var href = doc.QuerySelector("link[rel=stylesheet][media=print]")!.GetAttribute("href")!;
        var css = TestSites.Text(site, UrlScheme.FileFor(href));
        Assert.Contains("content: \" (https://portal.example\" attr(href) \")\"", css, StringComparison.Ordinal);
        Assert.Equal("This page: https://portal.example/reviews/manchester-2024/", doc.QuerySelector(".print-only")!.TextContent);
    }

    [Fact]
    public void Every_page_but_search_has_a_plain_search_form_in_its_header_and_loads_no_search_script()
    {
        var site = TestSites.Default;
        foreach (var path in TestSites.HtmlPages(site))
        {
            var doc = TestSites.Html(site, path);
            var form = doc.QuerySelector("header form[role=search]");
            if (path == UrlScheme.FileFor(UrlScheme.Search))
            {
                Assert.Null(form); // the search page's own box is the one to use
                continue;
            }
            Assert.True(form is not null, $"{path} has no header search box");
            Assert.Equal((UrlScheme.Search, "get"), (form!.GetAttribute("action"), form.GetAttribute("method")));
            Assert.Equal(["q"], form.QuerySelectorAll("input").Select(i => i.GetAttribute("name")));
            Assert.Empty(doc.QuerySelectorAll("script[src*='/assets/search.']"));
        }
    }

    [Fact]
    public void Every_page_lists_the_support_links_of_support_yml_in_its_footer()
    {
        var doc = Page(UrlScheme.Theme("police-response"));
        var help = doc.QuerySelector($"footer #{UrlScheme.SupportAnchor}")!;

        Assert.Equal(["tel:999", "https://helpline.example/", "tel:08082000247", "https://families.example/", "/about/#safety"],
            help.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("For families bereaved by domestic homicide.", help.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_home_page_and_every_review_page_open_with_a_content_note_pointing_to_support()
    {
        foreach (var url in new[] { UrlScheme.Home, UrlScheme.Review("manchester-2024"), UrlScheme.Review("havering-2022") })
        {
            var note = Page(url).QuerySelector("main .content-note")!;
            Assert.Contains("Content note", note.TextContent, StringComparison.Ordinal);
            Assert.Equal("#" + UrlScheme.SupportAnchor, note.QuerySelector("a")!.GetAttribute("href"));
        }
    }

    [Fact]
    public void An_addressee_written_twice_in_two_ways_is_listed_once_and_the_review_abbreviations_form_a_glossary()
    {
        var (_, site) = TestSites.Real;
        var doc = TestSites.Page(site, UrlScheme.Review("havering-2022"));
        var first = doc.QuerySelector("main ol.recs > li")!;

        Assert.Single(first.QuerySelectorAll("dd a[href^='/agencies/']"), a => a.GetAttribute("href") == UrlScheme.Agency("havering-community-safety-partnership"));
        Assert.Contains("“Domestic Abuse Governance Boards”, “Local Authority Community Safety Partnership” in the report", first.TextContent, StringComparison.Ordinal);
        var glossary = doc.QuerySelector($"#{UrlScheme.AbbreviationsAnchor} + p + dl.glossary")!;
        Assert.Contains("BOCU", glossary.QuerySelectorAll("dt").Select(d => d.TextContent));
        Assert.Contains($"#{UrlScheme.AbbreviationsAnchor}", doc.QuerySelectorAll("nav.contents a").Select(a => a.GetAttribute("href")));
    }
}
