namespace DhrPortal.Tests.Cli;

/// <summary>
/// <c>dhr check --base &lt;ref&gt;</c> end to end, as a process, in a temporary git repository holding a
/// copy of input/: after the check, a summary of what the working tree adds or changes compared with the ref.
/// </summary>
public sealed class CheckBaseTests : IDisposable
{
    private readonly TempInput _content = new();

    public CheckBaseTests()
    {
        Git.Run(Repo, "init", "-q");
        Git.Run(Repo, "add", "-A");
        Git.Run(Repo, "commit", "-q", "-m", "base content");
    }

    public void Dispose() => _content.Dispose();

    private string Repo => _content.Root;

    private string Input => _content.Dir;

    [Fact]
    public async Task Summarises_a_new_review_its_recommendations_and_a_new_theme()
    {
        var manchester = File.ReadAllText(Path.Combine(Input, "reviews", "manchester-2024.md"));
        File.WriteAllText(Path.Combine(Input, "reviews", "manchester-2024-second.md"),
            manchester.Replace("id: manchester-2024\n", "id: manchester-2024-second\n", StringComparison.Ordinal));
        File.AppendAllText(Path.Combine(Input, "themes.yml"), """
                  - id: pr-check-theme
                    name: A theme added in a pull request
                    description: Added by the test.

            """);
        var recs = manchester.Split('\n').Count(l => l.StartsWith("  - label: ", StringComparison.Ordinal));

        var r = await DhrProcess.RunAsync(Repo, ["check", "--input", "input", "--base", "HEAD"]);

        Assert.True(r.ExitCode == 0, r.Err + r.Out);
        Assert.Contains("Changes compared with HEAD:\n", r.Out, StringComparison.Ordinal);
        Assert.Contains($"New reviews (1):\n  manchester-2024-second ({recs} recommendations)\n", r.Out, StringComparison.Ordinal);
        Assert.Contains($"New recommendations ({recs}):\n", r.Out, StringComparison.Ordinal);
        Assert.Contains("New themes (1):\n  pr-check-theme\n", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Removed", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_for_a_new_recommendation_the_earlier_one_it_probably_repeats_with_its_score()
    {
        // Recommendation 1 rewords Manchester's recommendation 2 (HARK templates in GP systems) with
        // another addressee and framing; recommendation 2 asks something else.
        File.WriteAllText(Path.Combine(Input, "reviews", "salford-2025.md"), """
            ---
            id: salford-2025
            title: Salford review (2025)
            csp: salford
            published: 2025-06
            year_of_death: 2022
            review_type: dhr
            relationship: intimate-partner
            source:
              url: https://example.org/salford-2025.pdf
              library: Home Office DHR Library
            recommendations:
              - label: "1"
                to: [All agencies]
                themes: [training-and-awareness]
                text: >-
                  All agencies should ensure that GP practices activate the HARK template in EMIS so that GPs
                  are prompted to ask about domestic abuse when patients consult about anxiety and depression.
              - label: "2"
                to: [All agencies]
                themes: [training-and-awareness]
                text: All agencies should train staff to recognise coercive control.
            ---
            Summary.
            """);

        var r = await DhrProcess.RunAsync(Repo, ["check", "--input", "input", "--base", "HEAD"]);

        Assert.True(r.ExitCode == 0, r.Err + r.Out);
        Assert.Matches(@"Likely repeats to confirm \(1\):\n  salford-2025 #r1-all-agencies probably asks the same as manchester-2024 #r2-manchester-community-safety-partnership \(score 0\.\d{3}\); if so, add to it: repeats: \[manchester-2024#r2-manchester-community-safety-partnership\]\n", r.Out);
    }

    [Fact]
    public async Task Confirming_a_repeat_shows_as_a_change_to_the_recommendations()
    {
        var path = Path.Combine(Input, "reviews", "manchester-2024.md");
        var text = File.ReadAllText(path);
        // Manchester's 4 (housing providers' training) confirmed as a repeat of Northampton's housing 1.
        var marker = "      That Manchester Community Safety Partnership obtains assurance that Housing Providers";
        Assert.Contains(marker, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace("    text: >-\n" + marker, "    repeats: [northampton-2023#r1-northampton-partnership-housing]\n    text: >-\n" + marker, StringComparison.Ordinal));

        var r = await DhrProcess.RunAsync(Repo, ["check", "--input", "input", "--base", "HEAD"]);

        Assert.True(r.ExitCode == 0, r.Err + r.Out);
        Assert.Contains("Changed reviews (1):\n  manchester-2024: recommendations\n", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unchanged_content_says_so_and_a_step_summary_is_written_on_github()
    {
        var summary = Path.Combine(Repo, "step-summary.md");

        var r = await DhrProcess.RunAsync(Repo, ["check", "--base", "HEAD"], environment: new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = summary });

        Assert.True(r.ExitCode == 0, r.Err + r.Out);
        Assert.Contains("No change to reviews, recommendations, agencies, themes or CSPs.", r.Out, StringComparison.Ordinal);
        Assert.Contains("### Content changes compared with `HEAD`", File.ReadAllText(summary), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_label_cannot_forge_a_workflow_command_nor_break_out_of_the_summarys_code_block()
    {
        // A new recommendation whose label holds a line break, a workflow command and a code fence.
        const string Hostile = "9\n::error file=README.md,line=1::forged\n```\n![x](https://evil.example/x.png)\n| a | b |";
        var path = Path.Combine(Input, "reviews", "manchester-2024.md");
        var text = File.ReadAllText(path);
        var at = text.IndexOf("  - label: \"1\"", StringComparison.Ordinal);
        var next = text.IndexOf("  - label: ", at + 1, StringComparison.Ordinal);
        var copy = text[at..next].Replace("label: \"1\"", "label: \"" + Hostile.Replace("\n", "\\n", StringComparison.Ordinal) + "\"", StringComparison.Ordinal);
        File.WriteAllText(path, text.Insert(next, copy));
        var summary = Path.Combine(Repo, "step-summary.md");

        var r = await DhrProcess.RunAsync(Repo, ["check", "--base", "HEAD"], environment: new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_STEP_SUMMARY"] = summary,
        });

        Assert.True(r.ExitCode == 0, r.Err + r.Out);
        Assert.Contains(@"(label 9\n::error file=README.md,line=1::forged\n```\n![x](https://evil.example/x.png)\n| a | b |)", r.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(r.Out.Split('\n').Concat(r.Err.Split('\n')), l => l.StartsWith("::", StringComparison.Ordinal));
        // The summary is a heading and one code block holding the whole list, label included.
        var doc = Markdig.Markdown.Parse(File.ReadAllText(summary));
        Assert.Equal(2, doc.Count);
        Assert.IsType<Markdig.Syntax.HeadingBlock>(doc[0]);
        var block = Assert.IsType<Markdig.Syntax.FencedCodeBlock>(doc[1]);
        Assert.Contains("forged\\n```\\n![x]", block.Lines.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_content_error_is_annotated_at_its_file_and_line_on_github_and_the_summary_waits()
    {
        var path = Path.Combine(Input, "reviews", "manchester-2024.md");
        var lines = File.ReadAllLines(path).ToList();
        var at = lines.FindIndex(l => l == "review_type: dhr");
        lines[at] = "review_type: dhx";
        File.WriteAllLines(path, lines);

        var r = await DhrProcess.RunAsync(Repo, ["check", "--input", "input", "--base", "HEAD"], environment: new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true" });

        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"::error file=input/reviews/manchester-2024.md,line={at + 1},col=14,title=DHR104::", r.Out, StringComparison.Ordinal);
        Assert.Contains("not summarised until the errors above are fixed", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ref_that_does_not_exist_is_a_usage_error()
    {
        var r = await DhrProcess.RunAsync(Repo, ["check", "--base", "origin/no-such-branch"]);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'origin/no-such-branch' is not a commit", r.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Content_added_where_the_base_had_none_is_all_new()
    {
        // A base commit without input/: the first pull request of a new portal.
        using var content = new TempInput();
        Git.Run(content.Root, "init", "-q");
        Git.Run(content.Root, "commit", "-q", "--allow-empty", "-m", "empty");

        var r = await DhrProcess.RunAsync(content.Root, ["check", "--base", "HEAD"]);

        Assert.True(r.ExitCode == 0, r.Err + r.Out);
        Assert.Contains("New reviews (4):", r.Out, StringComparison.Ordinal);
        Assert.Contains("New agencies (", r.Out, StringComparison.Ordinal);
    }
}
