using DhrPortal.Cli;
using DhrPortal.Diagnostics;

namespace DhrPortal.Tests.Cli;

/// <summary>
/// What dhr prints for diagnostics on GitHub Actions: the compiler-style lines on stderr and one
/// workflow command per diagnostic on stdout, and nothing else that the runner would read as a command.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReporterTests
{
    [Fact]
    public void Content_cannot_forge_or_stop_workflow_commands()
    {
        Diagnostic[] diagnostics =
        [
            new("DHR401", Severity.Error, "Addressee 'A\n::error file=README.md,line=1,title=Forged::boom' is not a known agency.", new SourceSpan("reviews/x.md", 3, 5), "Add it.\n::stop-commands::token"),
            new("DHR306", Severity.Warning, "Previous id 'b\r::warning::w' is taken.", new SourceSpan("reviews/y.md", 4, 1)),
        ];

        var (_, stdout, stderr) = ConsoleCapture.Run(() => { Reporter.Print(diagnostics, "input"); return 0; },
            new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true" });

        var commands = stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(2, commands.Length);
        Assert.StartsWith("::error file=input/reviews/x.md,line=3,col=5,title=DHR401::Addressee 'A%0A::error file=README.md", commands[0], StringComparison.Ordinal);
        Assert.StartsWith("::warning file=input/reviews/y.md,line=4,col=1,title=DHR306::Previous id 'b%0D::warning::w'", commands[1], StringComparison.Ordinal);
        var lines = stderr.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length); // two diagnostics, one help line
        Assert.All(lines, l => Assert.False(l.TrimStart().StartsWith("::", StringComparison.Ordinal), l));
    }
}
