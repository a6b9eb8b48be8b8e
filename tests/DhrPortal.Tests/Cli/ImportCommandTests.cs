using DhrPortal.Tests.TestSupport;

namespace DhrPortal.Tests.Cli;

/// <summary>
/// <c>dhr import</c> of a folder of varied summary pages (Fixtures/import/pages, invented text), run
/// as a process: the review files match Fixtures/import/expected, and the checker accepts them except
/// for the addressees the import listed as unresolved.
/// </summary>
/// <remarks>
/// The expected files were written by the importer and then read line by line. After an intended
/// change to the importer, regenerate them with DHR_UPDATE_EXPECTED=1 and review the diff.
/// </remarks>
public sealed class ImportCommandTests
{
    private static string Fixtures => Path.Combine(FixtureSupport.Root, "import");

    private static string Pages => Path.Combine(Fixtures, "pages");

    private static string Expected => Path.Combine(Fixtures, "expected");

    private static readonly string[] Ids = ["havering-2024", "manchester-2019", "northampton-2025", "salford-2023"];

    private static Task<(int ExitCode, string Out, string Err)> Dhr(params string[] args) => DhrProcess.RunAsync(RepoPaths.Root, args);

    /// <summary>
    /// The command line dates an import with today (UTC), so the expected files say "(today)" there;
    /// the day written must be today, or yesterday when the run crossed midnight.
    /// </summary>
    private static string WithoutToday(string file)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var line = $"\nadded: {today:yyyy-MM-dd}\n";
        var yesterday = $"\nadded: {today.AddDays(-1):yyyy-MM-dd}\n";
        Assert.True(file.Contains(line, StringComparison.Ordinal) || file.Contains(yesterday, StringComparison.Ordinal), "no 'added:' of today");
        return file.Replace(line, "\nadded: (today)\n", StringComparison.Ordinal).Replace(yesterday, "\nadded: (today)\n", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_of_summary_pages_gives_the_expected_review_files()
    {
        using var input = new TempInput();

        var run = await Dhr("import", "--input", input.Dir, Pages);

        Assert.True(run.ExitCode == 0, run.Err);
        if (Environment.GetEnvironmentVariable("DHR_UPDATE_EXPECTED") == "1")
        {
            var source = Path.Combine(RepoPaths.Root, "tests", "DhrPortal.Tests", "Fixtures", "import", "expected");
            foreach (var id in Ids) File.WriteAllText(Path.Combine(source, id + ".md"), WithoutToday(File.ReadAllText(input.Review(id))));
        }
        foreach (var id in Ids)
            Assert.Equal(File.ReadAllText(Path.Combine(Expected, id + ".md")), WithoutToday(File.ReadAllText(input.Review(id))));
        Assert.Equal(Ids.Length, Directory.GetFiles(Expected, "*.md").Length);
        // A page in the folder that is not a summary page is skipped, and said to be.
        Assert.Contains("skipped", run.Err, StringComparison.Ordinal);
        Assert.Contains("e-not-a-summary-page.txt", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_the_addressees_it_could_not_resolve_and_the_checker_agrees()
    {
        using var input = new TempInput();

        var run = await Dhr("import", "--input", input.Dir, Path.Combine(Pages, "a-salford-dotted-labels.txt"), Path.Combine(Pages, "d-manchester-unresolved.txt"));
        var check = await Dhr("check", "--input", input.Dir);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("  to resolve: addressee 'Greater Manchester Fire and Rescue Service' is not in agencies.yml (recommendations 1, 2)", run.Out, StringComparison.Ordinal);
        Assert.Contains("  to resolve: addressee 'The Borough Housing Trust' is not in agencies.yml (recommendation 1)", run.Out, StringComparison.Ordinal);
        // Resolved through the registry: "Manchester CSP" and "All partner agencies" are aliases, "Home Office" a name.
        Assert.DoesNotContain("Manchester CSP'", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("All partner agencies", run.Out, StringComparison.Ordinal);
        Assert.Equal(1, check.ExitCode);
        var errors = check.Err.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, errors.Count);
        Assert.All(errors, e => Assert.Contains("reviews/manchester-2019.md:", e, StringComparison.Ordinal));
        Assert.All(errors, e => Assert.Contains("error DHR401:", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Imported_reviews_without_unresolved_names_check_and_build_with_html_shown_as_text()
    {
        using var input = new TempInput();
        Assert.Equal(0, (await Dhr("import", "--input", input.Dir, Pages)).ExitCode);
        File.Delete(input.Review("manchester-2019")); // the page with unresolved addressees (above)
        var site = Path.Combine(input.Root, "_site");

        var build = await Dhr("build", "--input", input.Dir, "--output", site);

        Assert.True(build.ExitCode == 0, build.Err);
        var page = File.ReadAllText(Path.Combine(site, "reviews", "havering-2024", "index.html"));
        Assert.Contains("read &lt;script&gt;alert(&quot;not run&quot;)&lt;/script&gt; and a form field written as &lt;b&gt;Risk&lt;/b&gt; &amp; &lt;i&gt;needs&lt;/i&gt;", page, StringComparison.Ordinal);
        Assert.Contains("<p># is how the case file numbered its pages; AT&amp;amp;T and &amp;#60;tag&amp;#62; appear in an email, and *stars* and _underscores_ are kept.</p>", page, StringComparison.Ordinal);
        Assert.Contains("<p>1. This line starts like a numbered list but is a sentence.</p>", page, StringComparison.Ordinal);
        Assert.Contains("should say R&amp;amp;D and &amp;lt;urgent&amp;gt; literally", page, StringComparison.Ordinal);
        Assert.Contains("check that &lt;a href=&quot;https://example.org&quot;&gt;links&lt;/a&gt; in minutes", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);

        var salford = File.ReadAllText(Path.Combine(site, "reviews", "salford-2023", "index.html"));
        Assert.Contains("the review calls this “a pattern nobody joined up”", salford, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_and_named_pipes_are_never_followed_or_opened()
    {
        using var input = new TempInput();
        var downloads = Path.Combine(input.Root, "downloads");
        Directory.CreateDirectory(downloads);
        File.Copy(Path.Combine(Pages, "a-salford-dotted-labels.txt"), Path.Combine(downloads, "a.txt"));
        File.CreateSymbolicLink(Path.Combine(downloads, "b-link.txt"), Path.Combine(Pages, "b-havering-html-like-text.txt"));
        MakeFifo(Path.Combine(downloads, "c-pipe.txt"));
        // A review file that is a link: importing over it with --force would write outside input/.
        var outside = Path.Combine(input.Root, "outside.md");
        File.WriteAllText(outside, "not to be overwritten");
        File.CreateSymbolicLink(input.Review("salford-2023"), outside);

        var folder = await Dhr("import", "--force", "--input", input.Dir, downloads);
        var named = await Dhr("import", "--input", input.Dir, Path.Combine(downloads, "c-pipe.txt"));

        Assert.Equal(2, folder.ExitCode);
        Assert.Contains("skipped '" + Path.Combine(downloads, "b-link.txt") + "': This is a symbolic link", folder.Err, StringComparison.Ordinal);
        Assert.Contains("skipped '" + Path.Combine(downloads, "c-pipe.txt") + "': This is a named pipe (FIFO)", folder.Err, StringComparison.Ordinal);
        Assert.Contains("salford-2023.md' is a symbolic link; it was left as it is.", folder.Err, StringComparison.Ordinal);
        Assert.Equal("not to be overwritten", File.ReadAllText(outside));
        Assert.False(File.Exists(input.Review("havering-2024")));
        Assert.Equal(2, named.ExitCode);
        Assert.Contains("cannot read '" + Path.Combine(downloads, "c-pipe.txt") + "': This is a named pipe (FIFO)", named.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_absurd_count_is_listed_to_resolve()
    {
        using var input = new TempInput();
        var page = Path.Combine(input.Root, "page.txt");
        File.WriteAllText(page, File.ReadAllText(Path.Combine(Pages, "a-salford-dotted-labels.txt"))
            .Replace("\nExtracted: 6 recs\n", "\nExtracted: 99999999999 recs\n", StringComparison.Ordinal));

        var run = await Dhr("import", "--input", input.Dir, page);

        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("  to resolve: the page says it lists 99999999999 recommendations but its table has 6\n", run.Out, StringComparison.Ordinal);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    [Fact]
    public async Task A_file_named_on_the_command_line_that_is_not_a_summary_page_is_an_error()
    {
        using var input = new TempInput();

        var run = await Dhr("import", "--input", input.Dir, Path.Combine(Pages, "e-not-a-summary-page.txt"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not a summary page", run.Err, StringComparison.Ordinal);
    }
}
