namespace DhrPortal.Diagnostics;

/// <summary>Renders diagnostics for people (compiler style) and for GitHub Actions (workflow commands).</summary>
public static class DiagnosticFormatter
{
    /// <summary><c>input/reviews/x.md:3:1: error DHR103: message</c>, then an indented help line.</summary>
    public static string Console(Diagnostic d, string pathPrefix = "")
    {
        var severity = d.Severity == Severity.Error ? "error" : "warning";
        var span = d.Span with { Path = Join(pathPrefix, d.Span.Path) };
        var text = $"{span}: {severity} {d.Code}: {d.Message}";
        return d.Help is null ? text : $"{text}\n    help: {d.Help}";
    }

    /// <summary>A GitHub Actions workflow command, so the problem shows on the pull request's diff.</summary>
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
