using DhrPortal.Diagnostics;
using Xunit;

namespace DhrPortal.Tests.Validation;

public sealed class DiagnosticFormatterTests
{
    private static readonly Diagnostic UnknownKey = new("DHR103", Severity.Error, "Unknown field 'themse' in the front matter.",
        new SourceSpan("reviews/havering-2022.md", 12, 1), "Did you mean 'themes'?");

    [Fact]
    public void Console_is_compiler_style_with_an_indented_help_line() =>
        Assert.Equal(
            "reviews/havering-2022.md:12:1: error DHR103: Unknown field 'themse' in the front matter.\n    help: Did you mean 'themes'?",
            DiagnosticFormatter.Console(UnknownKey));

    [Fact]
    public void Console_prefixes_the_path_with_the_input_folder()
    {
        Assert.StartsWith("input/reviews/havering-2022.md:12:1: error", DiagnosticFormatter.Console(UnknownKey, "input/"), StringComparison.Ordinal);
        Assert.StartsWith("input/reviews/havering-2022.md:12:1: error", DiagnosticFormatter.Console(UnknownKey, "input"), StringComparison.Ordinal);
    }

    [Fact]
    public void Console_shows_warnings_and_whole_file_spans()
    {
        var d = new Diagnostic("DHR109", Severity.Warning, "Name mismatch.", SourceSpan.WholeFile("reviews/x.md"));
        Assert.Equal("reviews/x.md: warning DHR109: Name mismatch.", DiagnosticFormatter.Console(d));
    }

    [Fact]
    public void Console_matches_ToString_without_help()
    {
        var d = UnknownKey with { Help = null };
        Assert.Equal(d.ToString(), DiagnosticFormatter.Console(d));
    }

    [Fact]
    public void Console_escapes_line_breaks_and_control_characters_in_path_message_and_help()
    {
        // Content quoted in a message (an addressee, a previous id) must not start a line of the log:
        // GitHub's runner would read "::error ..." there as a workflow command.
        var d = new Diagnostic("DHR401", Severity.Error, "Addressee 'Police\n::error file=README.md,line=1::forged' is not a known agency.",
            new SourceSpan("reviews/a\r\nb.md", 3, 5), "Add it\u001B[2J to agencies.yml\u2028or\u202Eleft\tthere.");

        Assert.Equal(
            "input/reviews/a\\r\\nb.md:3:5: error DHR401: Addressee 'Police\\n::error file=README.md,line=1::forged' is not a known agency.\n"
            + "    help: Add it\\u001B[2J to agencies.yml\\u2028or\\u202Eleft\\tthere.",
            DiagnosticFormatter.Console(d, "input"));
    }

    [Fact]
    public void GitHub_keeps_a_forged_command_inside_the_message()
    {
        var d = new Diagnostic("DHR306", Severity.Error, "Previous id 'x\n::error file=a.md,title=Forged::boom\n::stop-commands::t' is taken.",
            new SourceSpan("reviews/x.md", 2, 1));

        var line = DiagnosticFormatter.GitHub(d);

        Assert.Equal(
            "::error file=reviews/x.md,line=2,col=1,title=DHR306::Previous id 'x%0A::error file=a.md,title=Forged::boom%0A::stop-commands::t' is taken.",
            line);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void GitHub_is_a_workflow_command_with_escaped_properties_and_message() =>
        Assert.Equal(
            "::error file=input/reviews/havering-2022.md,line=12,col=1,title=DHR103::Unknown field 'themse' in the front matter.%0ADid you mean 'themes'?",
            DiagnosticFormatter.GitHub(UnknownKey, "input"));

    [Fact]
    public void GitHub_escapes_percent_newlines_colons_and_commas()
    {
        var d = new Diagnostic("DHR104", Severity.Warning, "100% sure:\r\nline two, and more", new SourceSpan("odd:name,1.md", 3, 4));
        Assert.Equal(
            "::warning file=odd%3Aname%2C1.md,line=3,col=4,title=DHR104::100%25 sure:%0D%0Aline two, and more",
            DiagnosticFormatter.GitHub(d));
    }

    [Fact]
    public void GitHub_leaves_out_line_and_column_for_a_whole_file()
    {
        var d = new Diagnostic("DHR405", Severity.Error, "Missing.", SourceSpan.WholeFile("agencies.yml"), "Create it.");
        Assert.Equal("::error file=agencies.yml,title=DHR405::Missing.%0ACreate it.", DiagnosticFormatter.GitHub(d));
    }

    [Fact]
    public void Diagnostics_sort_by_file_position_and_code()
    {
        var bag = new DiagnosticBag();
        bag.Error(DiagnosticCodes.UnknownKey, new SourceSpan("b.md", 1, 1), "x");
        bag.Error(DiagnosticCodes.UnknownTheme, new SourceSpan("a.md", 10, 2), "x");
        bag.Warning(DiagnosticCodes.FileNameMismatch, new SourceSpan("a.md", 2, 5), "x");
        bag.Error(DiagnosticCodes.DuplicateReviewId, new SourceSpan("a.md", 2, 5), "x");
        bag.Error(DiagnosticCodes.UnknownCsp, new SourceSpan("a.md", 9, 30), "x");
        Assert.Equal(["a.md:2:5 DHR109", "a.md:2:5 DHR301", "a.md:9:30 DHR403", "a.md:10:2 DHR402", "b.md:1:1 DHR103"],
            bag.Sorted().Select(d => $"{d.Span} {d.Code}"));
        Assert.True(bag.HasErrors);
    }

    [Fact]
    public void The_catalogue_has_unique_codes_with_titles_and_help()
    {
        var all = DiagnosticCodes.All;
        Assert.Equal(all.Count, all.Select(c => c.Id).Distinct().Count());
        Assert.All(all, c =>
        {
            Assert.Matches(@"^DHR\d{3}$", c.Id);
            Assert.False(string.IsNullOrWhiteSpace(c.Title));
            Assert.False(string.IsNullOrWhiteSpace(c.Help));
        });
        Assert.Equal(all.OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => c.Id), all.Select(c => c.Id));
    }
}
