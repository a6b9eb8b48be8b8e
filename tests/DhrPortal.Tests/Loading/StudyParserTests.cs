using System.Text;
using DhrPortal.Content;
using DhrPortal.Loading;
using DhrPortal.Tests.Site.Build;
using DhrPortal.Validation;
using Xunit;

namespace DhrPortal.Tests.Loading;

/// <summary>
/// A study (<c>input/studies/&lt;id&gt;.md</c>) is content: front matter with known keys, and a Markdown
/// body whose headings start its sections, each with the id its number or its <c>{#name}</c> gives.
/// </summary>
public class StudyParserTests
{
    private static CheckResult Check(string study) => ContentChecker.Check(new InputSet
    {
        Site = File(InputReader.SiteFile, TestSites.Site),
        Themes = File(InputReader.ThemesFile, TestSites.Themes),
        Agencies = File(InputReader.AgenciesFile, TestSites.Agencies),
        Csps = File(InputReader.CspsFile, TestSites.Csps),
        Reviews = [],
        Studies = [File("studies/a-study.md", study)],
    }, TestSites.Options);

    private static SourceFile File(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));

    private static List<string> Errors(CheckResult result) =>
        result.Diagnostics.Select(d => $"{d.Span.Path}:{d.Span.Line}:{d.Span.Column}: {d.Code}: {d.Message}").ToList();

    [Fact]
    public void Headings_start_sections_whose_ids_come_from_their_number_or_name()
    {
        var study = Assert.Single(Check("""
            ---
            title: A study
            description: What it found.
            ---
            Intro with *emphasis*.

            # What it found {#findings}

            Six areas.

            ## 3.1 Process and policy

            How procedures worked.

            ### 3.1.1 Use of MARACs

            ## A heading with neither
            """).Model!.Studies);

        Assert.Equal("a-study", study.Id);
        Assert.Equal("Intro with *emphasis*.", study.Intro);
        Assert.Equal(
            [
                (2, "section-findings", "What it found", "Six areas."),
                (3, "section-3-1", "3.1 Process and policy", "How procedures worked."),
                (4, "section-3-1-1", "3.1.1 Use of MARACs", ""),
                (3, "section-a-heading-with-neither", "A heading with neither", ""),
            ],
            study.Sections.Select(s => (s.Level, s.Anchor, s.Title, s.Body)));
        Assert.Equal("3.1.1", study.Sections[2].Number);
    }

    [Fact]
    public void An_unknown_front_matter_key_is_reported_where_it_is_written_with_the_known_ones()
    {
        var result = Check("""
            ---
            title: A study
            description: What it found.
            theme_sources: West Midlands thematic study
            ---
            Text.
            """);

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("studies/a-study.md:4:1: DHR103: Unknown field 'theme_sources' in the study's front matter.", Errors(result)[0]);
        Assert.Equal("Did you mean 'theme_source'? Known fields here: title, description, caption, theme_source.", d.Help);
    }

    [Fact]
    public void Two_headings_that_give_the_same_id_are_reported_at_the_second()
    {
        var result = Check("""
            ---
            title: A study
            description: What it found.
            ---
            ## 3.1 Process

            ## 3.1. Process again

            ## Named {#Not A Slug}
            """);

        Assert.Null(result.Model);
        Assert.Equal(
            [
                "studies/a-study.md:7:1: DHR308: The section id 'section-3-1' is also given by the heading at line 5.",
                "studies/a-study.md:9:1: DHR106: '{#Not A Slug}' is not a valid section id.",
            ],
            Errors(result));
    }

    [Fact]
    public void The_themes_a_study_section_gives_are_those_whose_source_names_it()
    {
        var model = TestSites.Model();
        var study = Assert.Single(model.Studies);

        Assert.Equal(["use-of-maracs", "police-response"],
            model.Themes.Where(t => study.SectionOf(t) is not null).Select(t => t.Id));
        Assert.Equal("3.1.4", study.SectionOf(model.Themes.Single(t => t.Id == "police-response"))!.Number);
    }
}
