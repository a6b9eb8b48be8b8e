using DhrPortal.Diagnostics;
using DhrPortal.Loading;
using DhrPortal.Validation;

namespace DhrPortal.Tests.TestSupport;

/// <summary>Shared helpers for fixture-driven tests: where fixtures are, a fixed "today", and a stable diagnostic rendering.</summary>
public static class FixtureSupport
{
    /// <summary>The "today" every fixture is checked against, so that "in the future" is reproducible.</summary>
    public static readonly DateOnly Today = new(2026, 11, 23);

    public static CheckOptions Options { get; } = new() { Today = Today };

    /// <summary>The Fixtures folder copied next to the test assembly.</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string Valid(string name) => Path.Combine(Root, "valid", name);

    public static string Invalid(string name) => Path.Combine(Root, "invalid", name);

    public static CheckResult Check(InputSet input) => ContentChecker.Check(input, Options);

    public static CheckResult CheckFolder(string folder) => Check(InputReader.Read(folder));

    /// <summary><c>path:line:col: error DHRnnn</c>: the message is left out so its wording can improve freely.</summary>
    public static string Format(Diagnostic d) =>
        $"{d.Span.Path}:{d.Span.Line}:{d.Span.Column}: {(d.Severity == Severity.Error ? "error" : "warning")} {d.Code}";

    /// <summary>Reads an input folder and replaces one file's bytes (a review or a registry).</summary>
    public static InputSet WithFile(InputSet input, string path, byte[] bytes)
    {
        var file = new SourceFile(path, bytes);
        return path switch
        {
            InputReader.SiteFile => input with { Site = file },
            InputReader.ThemesFile => input with { Themes = file },
            InputReader.AgenciesFile => input with { Agencies = file },
            InputReader.CspsFile => input with { Csps = file },
            InputReader.SupportFile => input with { Support = file },
            _ => input with
            {
                Reviews = input.Reviews.Where(r => r.Path != path).Append(file)
                    .OrderBy(r => r.Path, StringComparer.Ordinal).ToList(),
            },
        };
    }

    /// <summary>The files of an input set, as (path, bytes), registries first.</summary>
    public static IEnumerable<SourceFile> Files(InputSet input)
    {
        foreach (var f in new[] { input.Site, input.Themes, input.Agencies, input.Csps, input.Support })
        {
            if (f is not null) yield return f;
        }
        foreach (var r in input.Reviews) yield return r;
    }
}
