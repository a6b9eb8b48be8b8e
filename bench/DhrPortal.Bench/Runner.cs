using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace DhrPortal.Bench;

/// <summary>The orchestrating side: prepares corpora, runs one child process per measurement, prints tables.</summary>
internal static class Runner
{
    private const double LoadCheckTargetSeconds = 10, PeakTargetBytes = 1.5e9, BuildTargetSeconds = 5;

    public static int Run(Options options)
    {
        Console.WriteLine($"DhrPortal benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores; "
            + $"{RuntimeInformation.FrameworkDescription}; {RuntimeInformation.OSDescription}; load average at start: {LoadAverage()}");
        Console.WriteLine($"Seed {options.Seed}; corpora under {options.Work}. One run: each row is one fresh child process."
            + (options.Env.Count > 0 ? $" Child environment: {string.Join(' ', options.Env)}." : ""));
        Console.WriteLine();
        var verdicts = new List<string>();
        var failed = false;

        if (options.Reviews.Count > 0)
        {
            var rows = new List<(CorpusInfo Corpus, ChildReport Baseline, ChildReport Check)>();
            foreach (var n in options.Reviews)
            {
                var corpus = Prepare(n, options);
                rows.Add((corpus, Spawn("baseline", corpus.Directory, options), Spawn("load-check", corpus.Directory, options)));
            }
            PrintLoadCheck(rows);
            foreach (var (corpus, _, check) in rows)
            {
                failed |= check.Errors + check.Warnings > 0;
                if (corpus.Reviews < 20000) continue;
                var total = Stage.Sum("load+check", check.Stages[0], check.Stages[1]);
                verdicts.Add($"{corpus.Reviews:N0} reviews, load+check: {total.WallSeconds:F2} s (target < {LoadCheckTargetSeconds} s: {Verdict(total.WallSeconds < LoadCheckTargetSeconds)}); "
                    + $"peak {Mb(total.PeakBytes)} MB (target < 1.5 GB: {Verdict(total.PeakBytes < PeakTargetBytes)}); cpu/wall {total.CpuPerWall:F2} on {Environment.ProcessorCount} cores.");
            }
        }

        if (options.Build is { } b)
        {
            var corpus = Prepare(b, options);
            var report = Spawn("build", corpus.Directory, options);
            PrintBuild(corpus, report);
            failed |= report.Errors + report.Warnings > 0 || report.Stages.Count < 4;
            var total = report.Stages.Sum(s => s.WallSeconds);
            verdicts.Add($"{b:N0}-review full build (load+check+build+write): {total:F2} s (target < {BuildTargetSeconds} s: {Verdict(total < BuildTargetSeconds)}).");
        }

        if (options.Rebuild is { } folder)
        {
            var dir = Path.GetFullPath(folder);
            var baseline = Spawn("baseline", dir, options);
            var report = Spawn("rebuild", dir, options);
            failed |= report.Errors + report.Warnings > 0;
            var warm = report.Stages.Skip(1).Select(s => s.WallSeconds).Order().ToList();
            var median = warm[warm.Count / 2];
            var floor = baseline.Stages[0].WallSeconds;
            Console.WriteLine($"Rebuild of {dir} as `dhr serve` does after a change (read, check, build in memory; {report.Reviews} reviews, {report.Recommendations} recommendations), "
                + $"one process, {warm.Count} warm runs after a first (cold) one");
            Console.WriteLine();
            Console.WriteLine("| run | wall ms |");
            Console.WriteLine("|---|--:|");
            Console.WriteLine($"| baseline (read and decode the files) | {floor * 1000:F0} |");
            Console.WriteLine($"| first (cold: JIT) | {report.Stages[0].WallSeconds * 1000:F0} |");
            Console.WriteLine($"| warm median | {median * 1000:F0} (x{median / Math.Max(floor, 1e-6):F0} the baseline) |");
            Console.WriteLine($"| warm max | {warm[^1] * 1000:F0} |");
            Console.WriteLine();
            verdicts.Add($"dhr serve rebuild after a change ({report.Reviews} reviews): warm median {median * 1000:F0} ms, max {warm[^1] * 1000:F0} ms (target <= 1000 ms: {Verdict(warm[^1] <= 1.0)}).");
        }

        foreach (var n in options.Pages ?? [])
        {
            var corpus = Prepare(n, options);
            var report = Spawn("pages", corpus.Directory, options);
            Console.WriteLine($"Largest page of each kind, {report.Reviews:N0} reviews ({report.Recommendations:N0} recommendations, {report.OutputFiles:N0} HTML pages); "
                + $"budget {PageBudget.MaxGzipBytes / 1024} KB gzip and {PageBudget.MaxNodes:N0} DOM nodes a page");
            Console.WriteLine();
            Console.WriteLine("| kind | pages | largest | gzip bytes | elements | DOM nodes |");
            Console.WriteLine("|---|--:|---|--:|--:|--:|");
            foreach (var page in report.Pages)
                Console.WriteLine($"| {page.Kind} | {page.Pages:N0} | {page.Path} | {page.GzipBytes:N0} | {page.Elements:N0} | {page.Nodes:N0} |");
            Console.WriteLine();
            var over = report.Pages.Where(x => x.GzipBytes > PageBudget.MaxGzipBytes || x.Nodes > PageBudget.MaxNodes).ToList();
            failed |= over.Count > 0;
            verdicts.Add($"{report.Reviews:N0} reviews, every page <= {PageBudget.MaxGzipBytes / 1024} KB gzip and <= {PageBudget.MaxNodes:N0} DOM nodes: "
                + (over.Count == 0 ? Verdict(true) : $"{Verdict(false)} ({string.Join(", ", over.Select(x => x.Path))})"));
        }

        if (options.Profile is { } p)
        {
            var corpus = Prepare(p, options);
            PrintProfile(corpus, Spawn("profile", corpus.Directory, options));
        }

        if (verdicts.Count > 0)
        {
            Console.WriteLine("Targets:");
            foreach (var v in verdicts) Console.WriteLine("  " + v);
        }
        Console.WriteLine($"Load average at end: {LoadAverage()}");
        return failed ? 1 : 0;
    }

    private static CorpusInfo Prepare(int reviews, Options options)
    {
        var corpus = Corpus.Prepare(reviews, options.Seed, options.Work);
        Console.Error.WriteLine($"corpus {reviews:N0}: generated in memory in {corpus.GenerateSeconds:F1} s (not measured); "
            + (corpus.Reused ? "files on disk reused" : "written") + $" at {corpus.Directory}");
        return corpus;
    }

    /// <summary>Runs this executable again with --child, in a fresh process, and reads its JSON line.</summary>
    private static ChildReport Spawn(string mode, string dir, Options options)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find the bench executable.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var a in new[] { "--child", mode, dir }) start.ArgumentList.Add(a);
        foreach (var pair in options.Env)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            start.Environment[pair[..eq]] = pair[(eq + 1)..];
        }
        using var child = Process.Start(start) ?? throw new InvalidOperationException("cannot start the child process.");
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'));
        if (child.ExitCode != 0 || line is null)
            throw new InvalidOperationException($"child '{mode}' failed (exit code {child.ExitCode}).");
        return JsonSerializer.Deserialize<ChildReport>(line)!;
    }

    private static void PrintLoadCheck(List<(CorpusInfo Corpus, ChildReport Baseline, ChildReport Check)> rows)
    {
        Console.WriteLine("Load and check (x baseline = wall time / baseline wall time; peak = the child process's peak working set so far)");
        Console.WriteLine();
        Console.WriteLine("| reviews | recommendations | input MB | stage | wall s | cpu s | cpu/wall | peak MB | alloc MB | GCs (0/1/2) | x baseline |");
        Console.WriteLine("|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var (corpus, baseline, check) in rows)
        {
            var b = baseline.Stages[0];
            var stages = new List<Stage> { b, check.Stages[0], check.Stages[1], Stage.Sum("load+check", check.Stages[0], check.Stages[1]) };
            var first = true;
            foreach (var s in stages)
            {
                var head = first ? $"| {corpus.Reviews:N0} | {check.Recommendations:N0} | {corpus.Bytes / 1e6:F1} |" : "| | | |";
                Console.WriteLine($"{head} {s.Name} | {s.WallSeconds:F2} | {s.CpuSeconds:F2} | {s.CpuPerWall:F2} | {Mb(s.PeakBytes)} | {Mb(s.AllocatedBytes)} | "
                    + $"{s.Gen0}/{s.Gen1}/{s.Gen2} | {s.WallSeconds / b.WallSeconds:F1} |");
                first = false;
            }
            if (check.Errors + check.Warnings > 0) Console.WriteLine($"| | | | **{check.Errors} errors, {check.Warnings} warnings** | | | | | | | |");
        }
        Console.WriteLine();
    }

    private static void PrintBuild(CorpusInfo corpus, ChildReport report)
    {
        Console.WriteLine($"Full build of {corpus.Reviews:N0} reviews ({report.Recommendations:N0} recommendations, {corpus.Bytes / 1e6:F1} MB of input) "
            + $"into {report.OutputFiles:N0} files ({report.OutputBytes / 1e6:F1} MB)");
        Console.WriteLine();
        Console.WriteLine("| stage | wall s | cpu s | cpu/wall | peak MB | alloc MB | GCs (0/1/2) |");
        Console.WriteLine("|---|--:|--:|--:|--:|--:|--:|");
        foreach (var s in report.Stages)
        {
            Console.WriteLine($"| {s.Name} | {s.WallSeconds:F2} | {s.CpuSeconds:F2} | {s.CpuPerWall:F2} | {Mb(s.PeakBytes)} | {Mb(s.AllocatedBytes)} | {s.Gen0}/{s.Gen1}/{s.Gen2} |");
            if (s.Name == "build")
            {
                foreach (var t in report.BuildTimings) Console.WriteLine($"| &nbsp;&nbsp;build: {t.Name} | {t.WallSeconds:F2} | | | | | |");
            }
        }
        var total = report.Stages.Aggregate((a, b) => Stage.Sum("total", a, b));
        Console.WriteLine($"| **total** | {total.WallSeconds:F2} | {total.CpuSeconds:F2} | {total.CpuPerWall:F2} | {Mb(total.PeakBytes)} | {Mb(total.AllocatedBytes)} | {total.Gen0}/{total.Gen1}/{total.Gen2} |");
        foreach (var n in report.Notes) Console.WriteLine($"Note: {n}");
        if (report.Errors + report.Warnings > 0) Console.WriteLine($"**{report.Errors} errors, {report.Warnings} warnings**");
        Console.WriteLine();
    }

    private static void PrintProfile(CorpusInfo corpus, ChildReport report)
    {
        Console.WriteLine($"Profile of the check, {corpus.Reviews:N0} reviews: the check on all cores, then its parts one thread at a time (JIT already warm)");
        Console.WriteLine();
        Console.WriteLine("| part | wall s | cpu s | alloc MB | GCs (0/1/2) |");
        Console.WriteLine("|---|--:|--:|--:|--:|");
        foreach (var s in report.Stages)
            Console.WriteLine($"| {s.Name} | {s.WallSeconds:F2} | {s.CpuSeconds:F2} | {Mb(s.AllocatedBytes)} | {s.Gen0}/{s.Gen1}/{s.Gen2} |");
        foreach (var n in report.Notes) Console.WriteLine($"Note: {n}");
        Console.WriteLine();
    }

    private static string Mb(long bytes) => (bytes / 1e6).ToString("N0", CultureInfo.InvariantCulture);

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }
}
