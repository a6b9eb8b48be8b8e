using System.Text;
using System.Text.Json;
using DhrPortal.Content;
using DhrPortal.Loading;
using DhrPortal.Site;
using DhrPortal.Validation;
using YamlDotNet.Core;

namespace DhrPortal.Bench;

/// <summary>The measuring side: runs in a fresh process per measurement and prints one JSON line.</summary>
internal static class Child
{
    public static int Run(string[] args)
    {
        if (args.Length != 2) throw new ArgumentException("--child needs a mode and a folder.");
        var (mode, dir) = (args[0], args[1]);
        var report = mode switch
        {
            "baseline" => Baseline(dir),
            "load-check" => LoadCheck(dir, build: false),
            "build" => LoadCheck(dir, build: true),
            "profile" => Profile(dir),
            "rebuild" => Rebuild(dir),
            "pages" => Pages(dir),
            _ => throw new ArgumentException($"unknown child mode '{mode}'."),
        };
        Console.Out.WriteLine(JsonSerializer.Serialize(report));
        return 0;
    }

    private static CheckOptions Options => new() { Today = DateOnly.FromDateTime(DateTime.UtcNow) };

    /// <summary>The files InputReader reads: the four registries and reviews/**/*.md.</summary>
    private static string[] InputFiles(string dir)
    {
        var registries = new[] { InputReader.SiteFile, InputReader.ThemesFile, InputReader.AgenciesFile, InputReader.CspsFile }
            .Select(f => Path.Combine(dir, f)).Where(File.Exists);
        return registries.Concat(Directory.EnumerateFiles(Path.Combine(dir, InputReader.ReviewsFolder), "*.md", SearchOption.AllDirectories)).ToArray();
    }

    /// <summary>
    /// The floor for any loader: find the same files, read them, decode them to strings and count
    /// their lines, on every core, keeping nothing.
    /// </summary>
    private static ChildReport Baseline(string dir)
    {
        long bytes = 0, lines = 0;
        var files = 0;
        var stage = Stage.Measure("baseline", () =>
        {
            var paths = InputFiles(dir);
            files = paths.Length;
            Parallel.For(0, paths.Length, () => (Bytes: 0L, Lines: 0L), (i, _, acc) =>
            {
                var data = File.ReadAllBytes(paths[i]);
                var text = Encoding.UTF8.GetString(data);
                return (acc.Bytes + data.Length, acc.Lines + text.AsSpan().Count('\n'));
            }, acc =>
            {
                Interlocked.Add(ref bytes, acc.Bytes);
                Interlocked.Add(ref lines, acc.Lines);
            });
        });
        return new ChildReport { Mode = "baseline", Files = files, Bytes = bytes, Lines = lines, Stages = [stage] };
    }

    /// <summary>What `dhr check` does (read, then check), and for a build what `dhr build` does after it.</summary>
    private static ChildReport LoadCheck(string dir, bool build)
    {
        InputSet input = null!;
        CheckResult result = null!;
        var stages = new List<Stage>
        {
            Stage.Measure("load", () => input = InputReader.Read(dir)),
            Stage.Measure("check", () => result = ContentChecker.Check(input, Options)),
        };
        var report = new ChildReport
        {
            Mode = build ? "build" : "load-check",
            Files = input.Reviews.Count + 4,
            Bytes = input.Reviews.Sum(r => (long)r.Bytes.Length),
            Reviews = result.Model?.Reviews.Count ?? 0,
            Recommendations = result.Model?.Reviews.Sum(r => r.Recommendations.Count) ?? 0,
            Errors = result.ErrorCount,
            Warnings = result.WarningCount,
            Stages = stages,
        };
        if (!build || result.Model is not { } model) return report;

        input = null!; // `dhr build` keeps only the model from here on
        BuildResult built = null!;
        // As dhr build: pages are written to the staging folder as they are rendered, then swapped in.
        var target = Path.Combine(Path.GetTempPath(), $"dhr-bench-site-{Environment.ProcessId}");
        var files = 0;
        long bytes = 0;
        try
        {
            stages.Add(Stage.Measure("build", () => built = SiteWriter.Build(model, new DhrPortal.Theme.DefaultTheme(), target)));
            if (Directory.Exists(target))
            {
                foreach (var f in new DirectoryInfo(target).EnumerateFiles("*", SearchOption.AllDirectories))
                {
                    files++;
                    bytes += f.Length;
                }
            }
        }
        finally
        {
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        }
        var timings = built.Timings.Select(t => new Stage(t.Stage, t.Elapsed.TotalSeconds, 0, 0, 0, 0, 0, 0)).ToList();
        if (!built.Succeeded)
        {
            report.Notes.Add($"build failed with {built.Diagnostics.Count} diagnostics; first: {(built.Diagnostics.Count > 0 ? built.Diagnostics[0] : null)}");
            return report with { BuildTimings = timings };
        }
        return report with
        {
            BuildTimings = timings,
            OutputFiles = files,
            OutputBytes = bytes,
            Errors = report.Errors + built.Diagnostics.Count(d => d.Severity == Diagnostics.Severity.Error),
        };
    }

    /// <summary>Builds the site in memory and measures every HTML page: the largest of each kind.</summary>
    private static ChildReport Pages(string dir)
    {
        var result = ContentChecker.Check(InputReader.Read(dir), Options);
        var model = result.Model ?? throw new InvalidOperationException($"the corpus has {result.ErrorCount} errors.");
        var site = SiteBuilder.Build(model, new DhrPortal.Theme.DefaultTheme()).Output
            ?? throw new InvalidOperationException("the build failed.");
        var pages = site.Files.Values.Where(f => f.Path.EndsWith(".html", StringComparison.Ordinal)).Select(f => (f.Path, f.Bytes)).ToList();
        return new ChildReport
        {
            Mode = "pages",
            Reviews = model.Reviews.Count,
            Recommendations = model.Reviews.Sum(r => r.Recommendations.Count),
            OutputFiles = pages.Count,
            Pages = PageBudget.Largest(pages),
        };
    }

    /// <summary>
    /// What <c>dhr serve</c> does after each change: read, check and build in memory, in one long-lived
    /// process; the first run pays for JIT, the later ones are what an editor waits for.
    /// </summary>
    private static ChildReport Rebuild(string dir)
    {
        const int Runs = 11;
        var stages = new List<Stage>();
        CheckResult result = null!;
        var errors = 0;
        for (var i = 0; i < Runs; i++)
        {
            stages.Add(Stage.Measure(i == 0 ? "cold" : "warm", () =>
            {
                result = ContentChecker.Check(InputReader.Read(dir), Options);
                if (result.Model is { } model)
                    errors = SiteBuilder.Build(model, new DhrPortal.Theme.DefaultTheme()).Diagnostics.Count(d => d.Severity == Diagnostics.Severity.Error);
            }));
        }
        return new ChildReport
        {
            Mode = "rebuild",
            Reviews = result.Model?.Reviews.Count ?? 0,
            Recommendations = result.Model?.Reviews.Sum(r => r.Recommendations.Count) ?? 0,
            Errors = result.ErrorCount + errors,
            Warnings = result.WarningCount,
            Stages = stages,
        };
    }

    /// <summary>
    /// Where the check's time goes, from outside the library: the same corpus through the pieces a
    /// check is made of, each on one thread, so their CPU seconds can be compared with the check's.
    /// </summary>
    private static ChildReport Profile(string dir)
    {
        var input = InputReader.Read(dir);
        var reviews = input.Reviews;
        var texts = new string[reviews.Count];
        var yamls = new string[reviews.Count];
        var stages = new List<Stage>();
        CheckResult result = null!;

        stages.Add(Stage.Measure("check (ContentChecker, all cores)", () => result = ContentChecker.Check(input, Options)));
        var model = result.Model ?? throw new InvalidOperationException($"the corpus has {result.ErrorCount} errors.");
        stages.Add(Stage.Measure("decode UTF-8", () =>
        {
            for (var i = 0; i < reviews.Count; i++) texts[i] = Encoding.UTF8.GetString(reviews[i].Bytes);
        }));
        stages.Add(Stage.Measure("split front matter", () =>
        {
            for (var i = 0; i < texts.Length; i++)
            {
                var t = texts[i];
                var start = t.IndexOf("---", StringComparison.Ordinal) + 4;
                var end = t.IndexOf("\n---", start, StringComparison.Ordinal);
                yamls[i] = t[start..end].Replace("\r\n", "\n", StringComparison.Ordinal);
            }
        }));
        var events = 0L;
        stages.Add(Stage.Measure("YAML events (YamlDotNet Parser)", () =>
        {
            foreach (var y in yamls)
            {
                var parser = new Parser(new StringReader(y));
                while (parser.MoveNext()) events++;
            }
        }));
        stages.Add(Stage.Measure("YAML tree (SafeYaml.Parse: events, guard, YamlTree)", () =>
        {
            var bag = new Diagnostics.DiagnosticBag();
            foreach (var y in yamls) SafeYaml.Parse(y, "profile.md", 1, bag);
        }));
        var findings = 0;
        stages.Add(Stage.Measure("anonymity scan (Anonymity.Scan)", () =>
        {
            foreach (var r in model.Reviews)
            {
                findings += Anonymity.Scan(r.Summary).Count;
                foreach (var rec in r.Recommendations) findings += Anonymity.Scan(rec.Text).Count;
                if (r.QaLetter is { } l) findings += Anonymity.Scan(l.Text).Count + l.Points.Sum(p => Anonymity.Scan(p).Count);
            }
        }));
        var unresolved = 0;
        stages.Add(Stage.Measure("resolve addressees (AgencyResolver)", () =>
        {
            var resolver = new AgencyResolver(model.Agencies);
            foreach (var r in model.Reviews)
            {
                // As the check does: a review's abbreviations are read once for all its addressees.
                var abbreviations = AgencyResolver.Abbreviations.Of(r.Abbreviations);
                foreach (var rec in r.Recommendations)
                {
                    foreach (var a in rec.To)
                    {
                        if (resolver.Resolve(a.AsWritten, abbreviations) is null) unresolved++;
                    }
                }
            }
        }));
        return new ChildReport
        {
            Mode = "profile",
            Files = reviews.Count + 4,
            Bytes = reviews.Sum(r => (long)r.Bytes.Length),
            Reviews = model.Reviews.Count,
            Recommendations = model.Reviews.Sum(r => r.Recommendations.Count),
            Errors = result.ErrorCount,
            Warnings = result.WarningCount,
            Stages = stages,
            Notes = [$"{events:N0} YAML events; {findings} anonymity findings; {unresolved} unresolved addressees"],
        };
    }
}
