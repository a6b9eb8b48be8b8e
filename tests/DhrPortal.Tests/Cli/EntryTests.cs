using System.CommandLine;
using DhrPortal.Cli;

namespace DhrPortal.Tests.Cli;

/// <summary>
/// Exit codes: content errors are 1 (the commands' own result); an exception is never a content error.
/// Whatever escapes a command gives a short message and exit 2, not System.CommandLine's stack trace and 1.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class EntryTests
{
    private static RootCommand Throwing(Exception e)
    {
        var command = new Command("boom");
        command.SetAction(new Func<ParseResult, int>(_ => throw e));
        return new RootCommand { command };
    }

    [Fact]
    public void An_exception_out_of_a_command_is_a_two_line_message_and_exit_2()
    {
        var e = new InvalidOperationException("Markdown elements in the input are too deeply nested - depth limit exceeded.\n::error file=a.md::forged");

        var (code, stdout, stderr) = ConsoleCapture.Run(() => Entry.Run(Throwing(e), ["boom"]));

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var lines = stderr.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(@"dhr: internal error: InvalidOperationException: Markdown elements in the input are too deeply nested - depth limit exceeded.\n::error file=a.md::forged", lines[0], StringComparison.Ordinal);
        Assert.Equal("dhr: this is a bug in dhr, not a problem with the content; please report it with the command that was run.", lines[1]);
    }

    [Fact]
    public void A_bug_is_located_at_the_innermost_frame_of_dhrs_own_code()
    {
        var (code, _, stderr) = ConsoleCapture.Run(() => Entry.Run(Throwing(new KeyNotFoundException("x")), ["boom"]));

        Assert.Equal(2, code);
        Assert.Contains("KeyNotFoundException: x (in DhrPortal.Tests.Cli.EntryTests", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_cannot_be_written_is_its_message_and_exit_2()
    {
        var (code, _, stderr) = ConsoleCapture.Run(() => Entry.Run(Throwing(new IOException("Cannot write '/x': disk full")), ["boom"]));

        Assert.Equal(2, code);
        Assert.Equal("dhr: Cannot write '/x': disk full\n", stderr);
    }

    [Fact]
    public void An_unknown_option_is_a_usage_error()
    {
        var (code, _, stderr) = ConsoleCapture.Run(() => Entry.Run(Commands.Root(), ["check", "--no-such-option"]));

        Assert.Equal(2, code);
        Assert.Contains("Run 'dhr --help' for usage.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_into_an_output_that_cannot_be_made_exits_2_with_one_line()
    {
        // As a process, through Program: the real entry, the real commands.
        using var input = new TempInput();

        var run = await DhrProcess.RunAsync(RepoPaths.Root, ["build", "--input", input.Dir, "--output", "/dev/null/site"]);

        Assert.Equal(2, run.ExitCode);
        var last = run.Err.TrimEnd('\n').Split('\n')[^1];
        Assert.StartsWith("dhr: ", last, StringComparison.Ordinal);
        Assert.Contains("/dev/null", last, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
    }
}
