using AngleSharp.Diffing;
using AngleSharp.Dom;
using DhrPortal.Content;
using DhrPortal.Site;
using DhrPortal.Tests.Site.Build;
using Xunit;

namespace DhrPortal.Tests.Site.Pages;

public sealed class ReviewPageTests
{
    private static IDocument Review(string id) => TestSites.Page(TestSites.Default, UrlScheme.Review(id));

    /// <summary>Semantic comparison of two HTML fragments (whitespace, attribute order and class order do not matter).</summary>
    internal static void AssertSameHtml(string expected, string actual)
    {
        var diffs = DiffBuilder.Compare(expected).WithTest(actual).WithOptions(o => o.AddDefaultOptions()).Build().ToList();
        Assert.True(diffs.Count == 0, $"HTML differs:\n{string.Join("\n", diffs.Select(d => d.Result + " " + d.Target))}\nexpected:\n{expected}\nactual:\n{actual}");
    }

    [Fact]
    public void Recommendation_anchors_match_the_model_in_report_order_each_with_a_self_link()
    {
        foreach (var (model, site) in new[] { (TestSites.Model(), TestSites.Default), TestSites.Real })
        {
            foreach (var review in model.Reviews)
            {
                var doc = TestSites.Page(site, UrlScheme.Review(review));
                var items = doc.QuerySelectorAll("ol.recs > li.rec");
                Assert.Equal(review.Recommendations.Select(r => r.Anchor), items.Select(li => li.Id));
                foreach (var li in items)
                    Assert.NotNull(li.QuerySelector($"a.rec__link[href='#{li.Id}']"));
            }
        }
    }

    [Fact]
    public void Every_id_of_a_review_page_other_than_recommendation_anchors_is_listed_in_UrlScheme()
    {
        // DHR307 refuses anchors in UrlScheme.ReviewPageIds: the list must hold every id the page uses.
        var model = TestSites.Model();
        foreach (var review in model.Reviews)
        {
            var doc = TestSites.Page(TestSites.Default, UrlScheme.Review(review));
            var anchors = review.Recommendations.Select(r => r.Anchor).ToHashSet(StringComparer.Ordinal);
            var own = doc.QuerySelectorAll("[id]").Select(e => e.Id!).Where(id => !anchors.Contains(id)).Distinct().ToList();
            Assert.Empty(own.Except(UrlScheme.ReviewPageIds));
        }
    }

    [Fact]
    public void A_recommendation_links_its_addressees_and_themes_and_shows_its_status()
    {
        var rec = Review("manchester-2024").GetElementById("r1-gmp")!;

        AssertSameHtml("""
            <dl class="rec__meta">
              <div><dt>Addressed to</dt><dd><a href="/agencies/greater-manchester-police/">Greater Manchester Police</a> <span class="hint">(“GMP” in the report)</span></dd></div>
              <div><dt>Themes</dt><dd><ul class="tags">
                <li><a class="tag-link" href="/themes/police-response/">Police response</a></li>
                <li><a class="tag-link" href="/themes/use-of-maracs/">Use of MARACs</a></li>
              </ul></dd></div>
              <div><dt>Status</dt><dd><strong class="tag tag--yellow">Partly met</strong> as of March 2025; target December 2025</dd></div>
            </dl>
            """, rec.QuerySelector("dl.rec__meta")!.OuterHtml);
        Assert.Equal("Recommendation 1 – GMP", rec.QuerySelector("h3")!.TextContent);
        Assert.Contains("MARAC", rec.QuerySelector(".rec__text")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_addressee_written_as_an_abbreviation_links_to_the_agency_it_stands_for()
    {
        var rec = Review("manchester-2024").GetElementById("r2-ccg")!;

        var links = rec.QuerySelectorAll(".rec__meta a[href^='/agencies/']").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal(["/agencies/nhs-manchester-ccg/", "/agencies/greater-manchester-police/"], links);
    }

    [Fact]
    public void Review_metadata_links_to_its_partnership_region_and_year_and_to_the_full_report()
    {
        var doc = Review("manchester-2024");
        var meta = doc.QuerySelector("dl.summary-list")!;

        var hrefs = meta.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/csps/manchester/", "/csps/#region-north-west", "/years/2024/", "#recommendations", "https://example.org/manchester.pdf"], hrefs);
        Assert.Contains("Greater Manchester Police", meta.TextContent, StringComparison.Ordinal);
        Assert.Contains("February 2024", meta.TextContent, StringComparison.Ordinal);
        Assert.Equal("noreferrer", meta.QuerySelector("a.external")!.GetAttribute("rel"));
    }

    [Fact]
    public void The_qa_letter_is_published_with_its_review()
    {
        var doc = Review("manchester-2024");

        var letter = doc.GetElementById(UrlScheme.QaLetterAnchor)!.Closest("section")!;
        Assert.Contains("2 November 2023", letter.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Please remove the names of the children."], letter.QuerySelectorAll("ul.list-bullet > li").Select(li => li.TextContent.Trim()));
        Assert.Contains("Thank you for the report.", letter.QuerySelector(".letter__text")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector($"nav[aria-label='On this page'] a[href='#{UrlScheme.QaLetterAnchor}']"));
        Assert.Null(Review("havering-2022").GetElementById(UrlScheme.QaLetterAnchor));
    }

    [Fact]
    public void A_review_whose_recommendations_are_not_extracted_says_so_plainly()
    {
        var doc = Review("cardiff-2023");

        Assert.Null(doc.QuerySelector("ol.recs"));
        Assert.Contains("have not been extracted", doc.QuerySelector("main .inset")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Not yet extracted", doc.QuerySelector("dl.summary-list")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Related_reviews_are_listed_with_why()
    {
        var doc = Review("havering-2022");

        var related = doc.GetElementById(UrlScheme.RelatedAnchor)!.NextElementSibling!.NextElementSibling!;
        Assert.Equal(["/reviews/manchester-2024/"], related.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("3 shared themes", related.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Breadcrumbs_lead_home_through_the_reviews_list()
    {
        var crumbs = Review("havering-2022").QuerySelector("nav[aria-label=Breadcrumb]")!;

        AssertSameHtml("""
            <nav class="breadcrumbs" aria-label="Breadcrumb"><ol>
              <li><a href="/">Home</a></li>
              <li><a href="/reviews/">Reviews</a></li>
            </ol></nav>
            """, crumbs.OuterHtml);
    }

    [Fact]
    public void Summary_markdown_is_rendered_inside_the_prose_block()
    {
        var prose = Review("manchester-2024").QuerySelector(".prose")!;

        Assert.Contains("Agencies missed chances", prose.TextContent, StringComparison.Ordinal);
        Assert.Contains("They did not share", prose.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_recommendation_of_the_real_site_links_every_resolved_addressee_and_theme()
    {
        var (model, site) = TestSites.Real;
        foreach (var review in model.Reviews)
        {
            var doc = TestSites.Page(site, UrlScheme.Review(review));
            foreach (var rec in review.Recommendations)
            {
                var li = doc.GetElementById(rec.Anchor)!;
                var hrefs = li.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToHashSet(StringComparer.Ordinal);
                foreach (var id in rec.To.Select(t => t.AgencyId).OfType<string>())
                    Assert.Contains(UrlScheme.Agency(id), hrefs);
                foreach (var theme in rec.Themes)
                    Assert.Contains(UrlScheme.Theme(theme.Id), hrefs);
                if (rec.Status is { } status)
                    Assert.Contains(Vocabulary.Label(status.State), li.TextContent, StringComparison.Ordinal);
            }
            if (review.QaLetter is not null) Assert.NotNull(doc.GetElementById(UrlScheme.QaLetterAnchor));
        }
    }
}
