namespace DhrPortal.Tests.Cli;

/// <summary>
/// <c>dhr check --base &lt;ref&gt;</c> end to end, as a process, in a temporary git repository holding a
/// copy of input/: after the check, a summary of what the working tree adds or changes compared with the ref.
/// </summary>
public sealed class CheckBaseTests : IDisposable
{
    private readonly string _repo = Path.Combine(Path.GetTempPath(), "dhr-check-base-" + Guid.NewGuid().ToString("N"));

    public CheckBaseTests()
    {
        Copy(RepoPaths.Input, Path.Combine(_repo, "input"));
        DhrProcess.Git(_repo, "init", "-q");
        DhrProcess.Git(_repo, "add", "-A");
        DhrProcess.Git(_repo, "commit", "-q", "-m", "base content");
    }

    public void Dispose() => Directory.Delete(_repo, recursive: true);

    private string Input => Path.Combine(_repo, "input");

    [Fact]
    public void Summarises_a_new_review_its_recommendations_and_a_new_theme()
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

        var r = DhrProcess.Run(_repo, null, "check", "--input", "input", "--base", "HEAD");

        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.Contains("Changes compared with HEAD:\n", r.Stdout, StringComparison.Ordinal);
        Assert.Contains($"New reviews (1):\n  manchester-2024-second ({recs} recommendations)\n", r.Stdout, StringComparison.Ordinal);
        Assert.Contains($"New recommendations ({recs}):\n", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("New themes (1):\n  pr-check-theme\n", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Removed", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Unchanged_content_says_so_and_a_step_summary_is_written_on_github()
    {
        var summary = Path.Combine(_repo, "step-summary.md");

        var r = DhrProcess.Run(_repo, new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = summary }, "check", "--base", "HEAD");

        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        Assert.Contains("No change to reviews, recommendations, agencies, themes or CSPs.", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("### Content changes compared with `HEAD`", File.ReadAllText(summary), StringComparison.Ordinal);
    }

    [Fact]
    public void A_content_error_is_annotated_at_its_file_and_line_on_github_and_the_summary_waits()
    {
        var path = Path.Combine(Input, "reviews", "manchester-2024.md");
        var lines = File.ReadAllLines(path).ToList();
        var at = lines.FindIndex(l => l == "review_type: dhr");
        lines[at] = "review_type: dhx";
        File.WriteAllLines(path, lines);

        var r = DhrProcess.Run(_repo, new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true" }, "check", "--input", "input", "--base", "HEAD");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"::error file=input/reviews/manchester-2024.md,line={at + 1},col=14,title=DHR104::", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("not summarised until the errors above are fixed", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ref_that_does_not_exist_is_a_usage_error()
    {
        var r = DhrProcess.Run(_repo, null, "check", "--base", "origin/no-such-branch");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'origin/no-such-branch' is not a commit", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_added_where_the_base_had_none_is_all_new()
    {
        // A base commit without input/: the first pull request of a new portal.
        var empty = Path.Combine(Path.GetTempPath(), "dhr-check-base-empty-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(empty);
            DhrProcess.Git(empty, "init", "-q");
            DhrProcess.Git(empty, "commit", "-q", "--allow-empty", "-m", "empty");
            Copy(RepoPaths.Input, Path.Combine(empty, "input"));

            var r = DhrProcess.Run(empty, null, "check", "--base", "HEAD");

            Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
            Assert.Contains("New reviews (4):", r.Stdout, StringComparison.Ordinal);
            Assert.Contains("New agencies (", r.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    private static void Copy(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
