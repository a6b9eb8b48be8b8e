using System.Text.RegularExpressions;

namespace DhrPortal.Tests.Cli;

/// <summary><c>dhr new review</c>, run as a process against a copy of the real content.</summary>
public sealed class NewReviewCommandTests
{
    private static Task<(int ExitCode, string Out, string Err)> Dhr(params string[] args) => DhrProcess.RunAsync(RepoPaths.Root, args);

    [Fact]
    public async Task Writes_a_commented_review_that_passes_check_as_written()
    {
        using var input = new TempInput();

        var made = await Dhr("new", "review", "--input", input.Dir, "--csp", "salford", "--published", "2025-03");

        Assert.True(made.ExitCode == 0, made.Err);
        var path = input.Review("salford-2025");
        Assert.Contains(path, made.Out, StringComparison.Ordinal);
        var lines = File.ReadAllLines(path);
        Assert.Equal("---", lines[0]);
        Assert.Equal("# yaml-language-server: $schema=../../schemas/review.schema.json", lines[1]);
        Assert.Contains("id: salford-2025   # the file name without .md; part of public addresses, so never change it once published", lines);
        Assert.Contains("title: Salford review", lines);
        Assert.Contains(lines, l => l.StartsWith("published: 2025-03", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("TODO", StringComparison.Ordinal));

        var check = await Dhr("check", "--input", input.Dir);
        Assert.True(check.ExitCode == 0, check.Err);
        Assert.Contains("checked 5 reviews", check.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_commented_example_recommendation_checks_once_uncommented()
    {
        // The editor's next step, as the file's comments describe it.
        using var input = new TempInput();
        Assert.Equal(0, (await Dhr("new", "review", "--input", input.Dir, "--csp", "manchester", "--published", "2025-01")).ExitCode);
        var path = input.Review("manchester-2025");
        var text = File.ReadAllText(path);
        text = text.Replace("recommendations_status: not-extracted\n", "", StringComparison.Ordinal);
        text = Regex.Replace(text, @"^# (recommendations:|  - label|    to:|    themes:|    text:|      The recommendation)", "$1", RegexOptions.Multiline);
        File.WriteAllText(path, text);

        var check = await Dhr("check", "--input", input.Dir);

        Assert.True(check.ExitCode == 0, check.Err + "\n" + text);
        Assert.Contains("checked 5 reviews and 72 recommendations", check.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Title_and_id_options_are_written_safely()
    {
        using var input = new TempInput();

        var made = await Dhr("new", "review", "--input", input.Dir, "--csp", "havering", "--id", "havering-2019-b", "--title", "Havering: review #2 \"B\"");

        Assert.True(made.ExitCode == 0, made.Err);
        var text = File.ReadAllText(input.Review("havering-2019-b"));
        Assert.Contains("title: \"Havering: review #2 \\\"B\\\"\"", text, StringComparison.Ordinal);
        Assert.Contains("# published: YYYY-MM", text, StringComparison.Ordinal);
        var check = await Dhr("check", "--input", input.Dir);
        Assert.True(check.ExitCode == 0, check.Err);
    }

    private sealed class Answers(params string[] answers) : DhrPortal.Cli.NewCommand.IPrompt
    {
        private readonly Queue<string> _answers = new(answers);

        public List<string> Questions { get; } = [];

        public string? Ask(string question)
        {
            Questions.Add(question);
            return _answers.TryDequeue(out var a) ? a : null;
        }
    }

    [Fact]
    public async Task In_a_terminal_it_asks_only_for_what_was_not_given()
    {
        using var input = new TempInput();
        var person = new Answers("northampton", "2024-11", "");

        var code = DhrPortal.Cli.NewCommand.Run(input.Dir, null, null, null, null, person, new DateOnly(2025, 3, 4));

        Assert.Equal(0, code);
        Assert.Equal(3, person.Questions.Count);
        Assert.StartsWith("CSP id (havering, manchester, northampton, salford)", person.Questions[0], StringComparison.Ordinal);
        Assert.Contains("Enter for 'Northampton review'", person.Questions[2], StringComparison.Ordinal);
        var text = File.ReadAllText(input.Review("northampton-2024"));
        Assert.Contains("title: Northampton review\n", text, StringComparison.Ordinal);
        Assert.Contains("published: 2024-11", text, StringComparison.Ordinal);
        Assert.Contains("\nadded: 2025-03-04 ", text, StringComparison.Ordinal);

        var given = new Answers();
        Assert.Equal(0, DhrPortal.Cli.NewCommand.Run(input.Dir, "salford", "2020-01", "Salford review", null, given, new DateOnly(2025, 3, 4)));
        Assert.Empty(given.Questions);
        Assert.Equal(0, (await Dhr("check", "--input", input.Dir)).ExitCode);
    }

    [Fact]
    public async Task Refuses_to_overwrite_an_existing_review()
    {
        using var input = new TempInput();
        var existing = input.Review("manchester-2024");
        var before = File.ReadAllBytes(existing);

        var made = await Dhr("new", "review", "--input", input.Dir, "--csp", "manchester", "--published", "2024-02");

        Assert.Equal(1, made.ExitCode);
        Assert.Contains("already exists", made.Err, StringComparison.Ordinal);
        Assert.Contains("--id manchester-2024-2", made.Err, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(existing));
    }

    [Fact]
    public async Task Without_a_terminal_it_never_prompts_and_says_what_is_missing()
    {
        using var input = new TempInput();

        var noCsp = await Dhr("new", "review", "--input", input.Dir);
        var unknown = await Dhr("new", "review", "--input", input.Dir, "--csp", "salfrod");
        var badMonth = await Dhr("new", "review", "--input", input.Dir, "--csp", "salford", "--published", "March 2025");

        Assert.Equal(2, noCsp.ExitCode);
        Assert.Contains("--csp", noCsp.Err, StringComparison.Ordinal);
        Assert.Contains("havering, manchester, northampton, salford", noCsp.Err, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Did you mean 'salford'?", unknown.Err, StringComparison.Ordinal);
        Assert.Equal(2, badMonth.ExitCode);
        Assert.Contains("YYYY-MM", badMonth.Err, StringComparison.Ordinal);
        Assert.Equal(4, Directory.GetFiles(Path.Combine(input.Dir, "reviews")).Length);
    }
}
