using DhrPortal.Diagnostics;

namespace DhrPortal.Cli;

/// <summary>Prints diagnostics: compiler style on stderr, plus workflow annotations on GitHub Actions.</summary>
internal static class Reporter
{
    public static void Print(IReadOnlyList<Diagnostic> diagnostics, string inputPrefix)
    {
        var github = Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true";
        foreach (var d in diagnostics)
        {
            Console.Error.WriteLine(DiagnosticFormatter.Console(d, inputPrefix));
            if (github) Console.Out.WriteLine(DiagnosticFormatter.GitHub(d, inputPrefix));
        }
    }

    public static string Plural(int n, string word) => n == 1 ? $"{n} {word}" : $"{n} {word}s";
}
