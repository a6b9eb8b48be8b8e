using DhrPortal.Diagnostics;
using DhrPortal.Site;
using DhrPortal.Site.Checks;
using DhrPortal.Tests.Site.Build;
using Xunit;

namespace DhrPortal.Tests.Site.Checks;

/// <summary>
/// The links editors write in Markdown are checked against the pages of the build and the anchors the
/// model gives them, and reported where they were written. The pages themselves are not read: the
/// theme's own links are held to the same standard by <see cref="Pages.SiteLinksTests"/>.
/// </summary>
public class LinkCheckerTests
{
    // The Havering review of the default test site; its summary starts on line 22 of its file.
    private const string Summary = "A summary of the Havering review.";
    private const string RecommendationText = "The Met should review its response to repeat calls.";

    /// <summary>The default test site with Havering's summary (and first recommendation) replaced, link-checked against the default site's files.</summary>
    private static IReadOnlyList<Diagnostic> Check(string summary, string? recommendation = null)
    {
        var reviews = TestSites.DefaultReviews.Select(r => r.Path == "reviews/havering-2022.md"
            ? (r.Path, r.Text.Replace(Summary, summary, StringComparison.Ordinal).Replace(RecommendationText, recommendation ?? RecommendationText, StringComparison.Ordinal))
            : r);
        var model = TestSites.Model(reviews);
        return LinkChecker.Check(SiteIndex.Create(model), TestSites.Default.Paths);
    }

    private static List<string> Messages(IReadOnlyList<Diagnostic> diagnostics) =>
        diagnostics.Select(d => $"{d.Span.Path}:{d.Span.Line}:{d.Span.Column}: {d.Message}").ToList();

    [Fact]
    public void Reports_exactly_the_broken_path_and_the_broken_anchor_where_they_are_written()
    {
        var diagnostics = Check("""
            A [good page](/reviews/manchester-2024/) and a [good anchor](/reviews/manchester-2024/#r1-gmp).
            A [broken path](/reviews/missing/) and a [broken anchor](/reviews/manchester-2024/#r9-nope).
            An [external link](https://www.gov.uk/guidance) and [mail](mailto:dhr@example.org).
            """);

        Assert.All(diagnostics, d =>
        {
            Assert.Equal("DHR601", d.Code);
            Assert.Equal(Severity.Error, d.Severity);
            Assert.Equal(DiagnosticCodes.BrokenLink.Help, d.Help);
        });
        Assert.Equal(
            [
                "reviews/havering-2022.md:23:3: The link '/reviews/missing/' leads nowhere: the site has no page or file '/reviews/missing/'.",
                "reviews/havering-2022.md:23:42: The link '/reviews/manchester-2024/#r9-nope' leads nowhere: the page '/reviews/manchester-2024/' has no element with id 'r9-nope'.",
            ],
            Messages(diagnostics));
    }

    [Fact]
    public void Links_to_pages_files_and_anchors_the_model_knows_have_no_diagnostics()
    {
        Assert.Empty(Check("""
            [Reviews](/reviews/), [the CSV](/data/recommendations.csv), [the top](#), [top](#top), [main](#main),
            [query](/?q=x#main), [summary](#summary), [a recommendation](#r1-met-police),
            [an area](/themes/#area-process-and-policy), [a year](/reviews/#year-2023), [privacy](/about/#privacy),
            [a sector](/agencies/#sector-police), [a region](/csps/#region-london), [letter](/reviews/manchester-2024/#qa-letter),
            [dots](/reviews/./../themes/), [by reference][ref].

            [ref]: /csps/
            """));
    }

    [Fact]
    public void A_fragment_on_the_same_page_must_exist()
    {
        var d = Assert.Single(Check("See [the contact details](#contact) and [the summary](#summary)."));
        Assert.Equal("reviews/havering-2022.md:22:5: The link '#contact' leads nowhere: the review's page has no element with id 'contact'.", Messages([d])[0]);
    }

    [Fact]
    public void A_recommendation_is_listed_on_other_pages_so_its_fragments_must_name_the_review_page()
    {
        var d = Assert.Single(Check(Summary, "The Met should act on [recommendation 2](#r2-london-borough-of-havering)."));
        Assert.Equal("reviews/havering-2022.md", d.Span.Path);
        Assert.Contains("write '/reviews/havering-2022/#r2-london-borough-of-havering'", d.Message, StringComparison.Ordinal);
        Assert.Empty(Check(Summary, "The Met should act on [recommendation 2](/reviews/havering-2022/#r2-london-borough-of-havering)."));
    }

    [Fact]
    public void A_section_the_review_page_does_not_have_is_not_an_anchor()
    {
        // Havering has no QA letter and no abbreviations, so its page has no such sections.
        Assert.Equal(2, Check("[letter](#qa-letter) [abbreviations](#abbreviations)").Count);
    }

    [Fact]
    public void A_directory_url_without_its_slash_is_reported_with_a_hint()
    {
        var d = Assert.Single(Check("[themes](/themes)"));
        Assert.Contains("did you mean '/themes/'?", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_above_the_site_root_is_reported()
    {
        var d = Assert.Single(Check("[up](/../up.png)"));
        Assert.Contains("climbs above the site root", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Percent_encoded_paths_and_fragments_are_decoded()
    {
        Assert.Empty(Check("[area](/the%6Des/#area-process%2Dand-policy)"));
        Assert.Single(Check("[area](/themes/#area-nowhere%2D)"));
    }

    [Fact]
    public void Fragments_of_files_that_are_not_pages_are_not_checked()
    {
        Assert.Empty(Check("[row 2](/data/recommendations.csv#row=2)"));
    }

    [Fact]
    public void Addresses_the_renderer_removes_are_not_site_links()
    {
        // Each is a warning of the content check (DHR502, DHR113) and published as text only.
        Assert.Empty(Check("[x](javascript:alert(1)) [y](data:text/html,x) [z](//example.org/x) ![img](/nowhere.png) [rel](nowhere/)"));
    }

    [Fact]
    public void A_link_broken_in_many_places_is_reported_a_few_times_with_a_count()
    {
        var diagnostics = Check(string.Join("\n\n", Enumerable.Repeat("[gone](/gone/) and [again](/gone/)", 4)));
        Assert.Equal(LinkChecker.MaxPlacesPerProblem, diagnostics.Count);
        Assert.Equal([22, 22, 24, 24, 26], diagnostics.Select(d => d.Span.Line));
        Assert.EndsWith("(and 3 more places)", diagnostics[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Results_are_deterministic()
    {
        var summary = string.Join("\n\n", Enumerable.Range(0, 30).Select(i => $"[n{i}](/p{i % 7}/#x) [y](#y{i})"));
        var first = Messages(Check(summary));
        Assert.Equal(60, first.Count);
        for (var i = 0; i < 3; i++) Assert.Equal(first, Messages(Check(summary)));
    }

    [Fact]
    public void A_link_to_a_section_of_a_study_is_checked_against_the_sections_its_headings_give()
    {
        // The default study's headings give section-findings, section-3-1 ... section-3-6, section-3-1-1 and section-3-1-4.
        Assert.Empty(Check("""
            [the study](/studies/west-midlands-2015/), [process](/studies/west-midlands-2015/#section-3-1),
            [MARACs](/studies/west-midlands-2015/#section-3-1-1), [findings](/studies/west-midlands-2015/#section-findings).
            """));
        var d = Assert.Single(Check("[tools](/studies/west-midlands-2015/#section-3-2-1)"));
        Assert.Equal("reviews/havering-2022.md:22:1: The link '/studies/west-midlands-2015/#section-3-2-1' leads nowhere: the page '/studies/west-midlands-2015/' has no element with id 'section-3-2-1'.", Messages([d])[0]);
    }

    [Fact]
    public void A_study_s_own_links_are_checked_where_they_are_written()
    {
        var model = TestSites.Model(study: TestSites.Study.Replace("see the [themes](/themes/)", "see [caring](#section-3-3), [gone](#section-9) and [nowhere](/nowhere/)", StringComparison.Ordinal));

        Assert.Equal(
            [
                "studies/west-midlands-2015.md:11:63: The link '#section-9' leads nowhere: the study's page has no element with id 'section-9'.",
                "studies/west-midlands-2015.md:11:86: The link '/nowhere/' leads nowhere: the site has no page or file '/nowhere/'.",
            ],
            Messages(LinkChecker.Check(SiteIndex.Create(model), TestSites.Default.Paths)));
    }
}
