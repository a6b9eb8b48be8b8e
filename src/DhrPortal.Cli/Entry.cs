using System.CommandLine;
using System.Diagnostics;
using DhrPortal.Text;

namespace DhrPortal.Cli;

/// <summary>
/// Parses the command line, runs the command and turns whatever escapes it into an exit code. Content
/// errors are data and give exit 1 from the command itself; an exception is never a content error:
/// a file that cannot be read or written gives its message, anything else is a bug in dhr, and both
/// give a short message and exit 2 (System.CommandLine's own handler would print the whole stack trace
/// and exit 1, which reads as "your content is wrong").
/// </summary>
internal static class Entry
{
    public static int Run(RootCommand root, string[] args)
    {
        try
        {
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                foreach (var e in parse.Errors) Console.Error.WriteLine($"dhr: {e.Message}");
                Console.Error.WriteLine("Run 'dhr --help' for usage.");
                return ExitCodes.Usage;
            }
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(Describe(e));
            return ExitCodes.Internal;
        }
    }

    /// <summary>One or two lines: what failed, and for a bug where, so that it can be reported.</summary>
    internal static string Describe(Exception e)
    {
        if (e is IOException or UnauthorizedAccessException) return $"dhr: {Printable.Escape(e.Message)}";
        var inner = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerException! : e;
        // The innermost frame of dhr's own code: enough to find the bug, without a page of stack trace.
        var frame = new StackTrace(inner).GetFrames().FirstOrDefault(f => f.GetMethod()?.DeclaringType?.FullName?.StartsWith("DhrPortal", StringComparison.Ordinal) == true);
        var where = frame?.GetMethod() is { DeclaringType: { } type } method ? $" (in {type.FullName}.{method.Name})" : "";
        return $"dhr: internal error: {inner.GetType().Name}: {Printable.Escape(inner.Message)}{where}\n"
            + "dhr: this is a bug in dhr, not a problem with the content; please report it with the command that was run.";
    }
}
