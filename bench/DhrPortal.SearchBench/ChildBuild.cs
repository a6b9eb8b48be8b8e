using System.Text.Json;
using DhrPortal.Loading;
using DhrPortal.Site;
using DhrPortal.Validation;

namespace DhrPortal.SearchBench;

/// <summary>
/// Runs in a fresh process: load, check and SiteBuilder.Build (no write), and prints the builder's
/// stage timings as one JSON line, so the search index stage can be compared with the whole build.
/// </summary>
internal static class ChildBuild
{
    public static int Run(string dir)
    {
        var input = InputReader.Read(dir);
        var check = ContentChecker.Check(input, new CheckOptions { Today = DateOnly.FromDateTime(DateTime.UtcNow) });
        if (check.Model is null) throw new InvalidOperationException($"the corpus has {check.ErrorCount} errors.");
        var built = SiteBuilder.Build(check.Model, new DhrPortal.Theme.DefaultTheme());
        var timings = built.Timings.Select(t => new BuildStage(t.Stage, t.Elapsed.TotalSeconds)).ToList();
        Console.Out.WriteLine(JsonSerializer.Serialize(timings));
        return built.Succeeded ? 0 : 1;
    }
}

internal sealed record BuildStage(string Name, double Seconds);
