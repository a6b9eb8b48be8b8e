using DhrPortal.Diagnostics;
using DhrPortal.Loading;
using DhrPortal.Text;

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

    /// <summary>
    /// Reads the content folder; a folder that is missing or unreadable is the caller's usage error,
    /// reported once as "<paramref name="command"/>: message", and gives null.
    /// </summary>
    public static InputSet? ReadInput(string dir, string command)
    {
        try
        {
            return InputReader.Read(dir);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            // The message may name a file under input/, whose name is content.
            Console.Error.WriteLine($"{command}: {Printable.Escape(e.Message)}");
            return null;
        }
    }

    public static string Plural(int n, string word) => n == 1 ? $"{n} {word}" : $"{n} {word}s";
}
