using DhrPortal.Text;

namespace DhrPortal.Cli;

/// <summary>
/// The job summary on GitHub Actions: Markdown appended to the file named by GITHUB_STEP_SUMMARY and
/// shown on the run's page. Values are written as code, escaped so that none can close its code span or
/// block (a fence longer than any run of backticks in it) or start a line of its own, so content
/// cannot add Markdown (links, images, tables, HTML) to the summary. (Pipes are literal in code: the
/// summary has no tables.)
/// </summary>
internal static class JobSummary
{
    /// <summary>Appends <paramref name="markdown"/> when running on GitHub Actions; otherwise does nothing.</summary>
    public static void Append(string markdown)
    {
        if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } file) File.AppendAllText(file, markdown);
    }

    /// <summary>The summary of <c>dhr check --base</c>.</summary>
    public static string ContentChanges(string gitRef, string changes) =>
        $"### Content changes compared with {Code(gitRef)}\n\n{CodeBlock(changes)}";

    /// <summary>An inline code span holding <paramref name="value"/> on one line.</summary>
    public static string Code(string value)
    {
        value = Printable.Escape(value);
        var fence = new string('`', LongestRun(value) + 1);
        // A span that starts or ends with a backtick needs a space between it and the fence (stripped when rendered).
        var pad = value.StartsWith('`') || value.EndsWith('`') ? " " : "";
        return fence + pad + value + pad + fence;
    }

    /// <summary>A fenced code block holding <paramref name="text"/>, whose lines are already escaped.</summary>
    public static string CodeBlock(string text)
    {
        var fence = new string('`', Math.Max(3, LongestRun(text) + 1));
        return $"{fence}\n{text}{(text.EndsWith('\n') ? "" : "\n")}{fence}\n";
    }

    private static int LongestRun(string s)
    {
        int longest = 0, run = 0;
        foreach (var c in s)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }
}
