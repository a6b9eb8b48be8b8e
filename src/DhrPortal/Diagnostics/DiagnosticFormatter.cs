using DhrPortal.Text;

namespace DhrPortal.Diagnostics;

/// <summary>Renders diagnostics for people (compiler style) and for GitHub Actions (workflow commands).</summary>
public static class DiagnosticFormatter
{
    /// <summary>
    /// <c>input/reviews/x.md:3:1: error DHR103: message</c>, then an indented help line. Exactly those
    /// lines: the path, message and help may quote content, whose line breaks and control characters
    /// are escaped (<see cref="Printable"/>), so that content can never print a line of its own, such as
    /// a forged workflow command, in a CI log.
    /// </summary>
    public static string Console(Diagnostic d, string pathPrefix = "")
    {
        var severity = d.Severity == Severity.Error ? "error" : "warning";
        var span = d.Span with { Path = Printable.Escape(Join(pathPrefix, d.Span.Path)) };
        var text = $"{span}: {severity} {d.Code}: {Printable.Escape(d.Message)}";
        return d.Help is null ? text : $"{text}\n    help: {Printable.Escape(d.Help)}";
    }

    /// <summary>
    /// A GitHub Actions workflow command, so the problem shows on the pull request's diff: the only
    /// writer of workflow commands. Values are escaped as the runner decodes them (%25, %0D, %0A; and
    /// %3A, %2C in properties), so a value cannot end the command or add a property.
    /// </summary>
    public static string GitHub(Diagnostic d, string pathPrefix = "")
    {
        var kind = d.Severity == Severity.Error ? "error" : "warning";
        var props = $"file={Escape(Join(pathPrefix, d.Span.Path), true)}";
        if (d.Span.Line > 0) props += $",line={d.Span.Line},col={d.Span.Column}";
        props += $",title={Escape(d.Code, true)}";
        var message = d.Help is null ? d.Message : $"{d.Message}\n{d.Help}";
        return $"::{kind} {props}::{Escape(message, false)}";
    }

    private static string Join(string prefix, string path) =>
        prefix.Length == 0 ? path : prefix.TrimEnd('/', '\\') + "/" + path;

    // Escaping rules of GitHub's workflow commands: '%', CR and LF always; ':' and ',' in properties.
    private static string Escape(string s, bool property)
    {
        s = s.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
        return property ? s.Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal) : s;
    }
}
