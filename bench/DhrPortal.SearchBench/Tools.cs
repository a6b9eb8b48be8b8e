using System.Diagnostics;
using System.Globalization;

namespace DhrPortal.SearchBench;

/// <summary>A finished child process: wall time, peak resident memory (from GNU time), exit code, standard error.</summary>
internal sealed record TimedRun(double WallSeconds, double PeakMb, int ExitCode, string Stderr);

/// <summary>The external tools the benchmark runs: the Release <c>dhr</c>, Pagefind's binary, GNU time.</summary>
internal static class Tools
{
    public const string GnuTime = "/usr/bin/time";

    /// <summary>Runs a program under <c>/usr/bin/time</c> (peak RSS) when it exists, else with a Stopwatch alone.</summary>
    public static TimedRun Run(string exe, params string[] args)
    {
        var timeFile = Path.GetTempFileName();
        try
        {
            var useTime = File.Exists(GnuTime);
            var start = new ProcessStartInfo(useTime ? GnuTime : exe) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            if (useTime)
            {
                foreach (var a in new[] { "-f", "%e %M", "-o", timeFile, exe }) start.ArgumentList.Add(a);
            }
            foreach (var a in args) start.ArgumentList.Add(a);
            var clock = Stopwatch.StartNew();
            using var p = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {exe}");
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            _ = stdout.Result;
            var wall = clock.Elapsed.TotalSeconds;
            var peak = double.NaN;
            if (useTime && File.ReadAllText(timeFile).Trim().Split('\n')[^1].Split(' ') is [var e, var m])
            {
                wall = double.Parse(e, CultureInfo.InvariantCulture);
                peak = double.Parse(m, CultureInfo.InvariantCulture) * 1024 / 1e6;
            }
            return new TimedRun(wall, peak, p.ExitCode, stderr);
        }
        finally
        {
            File.Delete(timeFile);
        }
    }

    /// <summary>The repository root: the nearest folder up from here with DhrPortal.sln.</summary>
    public static string RepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "DhrPortal.sln"))) return d.FullName;
            }
        }
        throw new InvalidOperationException("cannot find the repository (DhrPortal.sln) above the current folder.");
    }

    /// <summary>The Release dhr: next to this benchmark's own artifacts folder, or the default bin folder.</summary>
    public static string FindDhr(string root)
    {
        var candidates = new[]
        {
            Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "DhrPortal.Cli", "release", "dhr")),
            Path.Combine(root, "src", "DhrPortal.Cli", "bin", "Release", "net10.0", "dhr"),
        };
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new ArgumentException($"no Release dhr found (looked at {string.Join(", ", candidates)}): run `dotnet build src/DhrPortal.Cli -c Release` or pass --dhr.");
    }

    /// <summary>Pagefind's binary from the npm package's platform dependency (never downloaded by a postinstall).</summary>
    public static string FindPagefind(string root)
    {
        var folder = Path.Combine(root, "node_modules", "@pagefind");
        var found = Directory.Exists(folder)
            ? Directory.EnumerateDirectories(folder).SelectMany(d => new[] { Path.Combine(d, "bin", "pagefind_extended"), Path.Combine(d, "bin", "pagefind") }).FirstOrDefault(File.Exists)
            : null;
        return found ?? throw new ArgumentException($"no Pagefind binary under {folder}: run `npm ci --ignore-scripts` (package.json pins pagefind).");
    }

    /// <summary>Files and bytes under a folder (0, 0 when it does not exist).</summary>
    public static (int Files, long Bytes) Size(string folder)
    {
        if (!Directory.Exists(folder)) return (0, 0);
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => new FileInfo(f).Length).ToList();
        return (files.Count, files.Sum());
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
