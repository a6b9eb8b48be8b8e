using System.Diagnostics;
using System.Globalization;
using DhrPortal.Diagnostics;
using DhrPortal.Loading;
using DhrPortal.Site;
using DhrPortal.Validation;

namespace DhrPortal.Cli.Serve;

/// <summary>One build as served: the last site that built, and the errors of the latest attempt.</summary>
/// <param name="Version">Changes on every rebuild (and across restarts), so an open page knows to reload.</param>
/// <param name="Files">The last site that built without errors, by output path; null until one has.</param>
/// <param name="Errors">The latest attempt's errors, formatted as <c>dhr check</c> prints them; empty when it built.</param>
/// <param name="Redirects">The rules of that site's <c>_redirects</c> file.</param>
internal sealed record Snapshot(string Version, IReadOnlyDictionary<string, OutputFile>? Files, IReadOnlyList<string> Errors, NetlifyRedirects Redirects)
{
    public bool HasErrors => Errors.Count > 0;
}

/// <summary>
/// The site of <c>dhr serve</c>, held in memory: rebuilt from the input folder on demand, one build
/// at a time. A failed build keeps the last good files (assets still load) and records its errors,
/// which the server shows instead of every page until a later build passes.
/// </summary>
/// <param name="inputDir">The content folder.</param>
/// <param name="baseUrl">Replaces site.yml's base URL (from --base-url); null keeps it.</param>
internal sealed class LiveSite(string inputDir, Uri? baseUrl)
{
    // Per process, so a page opened before a restart (dotnet watch) reloads even when the counter repeats.
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly Lock _gate = new();
    private int _builds;
    private Snapshot _current = new("0", null, ["The site has not been built yet."], NetlifyRedirects.None);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Snapshot Current => Volatile.Read(ref _current);

    /// <summary>Completes at the next rebuild after <paramref name="seen"/>.</summary>
    public Task ChangedSince(Snapshot seen)
    {
        lock (_gate) return ReferenceEquals(_current, seen) ? _changed.Task : Task.CompletedTask;
    }

    /// <summary>Reads, checks and builds; prints the diagnostics and the time taken. Not reentrant: one caller at a time.</summary>
    public Snapshot Rebuild()
    {
        var clock = Stopwatch.StartNew();
        var errors = new List<string>();
        IReadOnlyDictionary<string, OutputFile>? files = null;
        var fileCount = 0;
        try
        {
            var input = InputReader.Read(inputDir);
            var check = ContentChecker.Check(input, new CheckOptions { Today = DateOnly.FromDateTime(DateTime.UtcNow) });
            Reporter.Print(check.Diagnostics, inputDir);
            errors.AddRange(check.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => DiagnosticFormatter.Console(d, inputDir)));
            if (!check.HasErrors && check.Model is not null)
            {
                var build = SiteBuilder.Build(BaseUrlOption.Apply(check.Model, baseUrl), new DhrPortal.Theme.DefaultTheme());
                Reporter.Print(build.Diagnostics, inputDir);
                errors.AddRange(build.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => DiagnosticFormatter.Console(d, inputDir)));
                if (build.Output is not null && errors.Count == 0)
                {
                    files = build.Output.Files;
                    fileCount = files.Count;
                }
            }
        }
        catch (Exception e)
        {
            // An I/O error: a file half-written by an editor, or a folder being renamed; the next change
            // event retries. Anything else is a bug in dhr, which the content still must not turn into a
            // stopped server: shown like a content error, until a later build passes.
            errors.Add(Entry.Describe(e));
            Console.Error.WriteLine(errors[^1]);
        }
        var elapsed = clock.Elapsed.TotalMilliseconds;

        Snapshot next;
        lock (_gate)
        {
            _builds++;
            var version = $"{_run}-{_builds.ToString(CultureInfo.InvariantCulture)}";
            next = files is null
                ? _current with { Version = version, Errors = errors }
                : new Snapshot(version, files, errors, files.TryGetValue(NetlifyRedirects.FileName, out var rules)
                    ? NetlifyRedirects.Parse(System.Text.Encoding.UTF8.GetString(rules.Bytes))
                    : NetlifyRedirects.None);
            _current = next;
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.SetResult();
        }
        Console.Out.WriteLine(errors.Count == 0
            ? $"rebuilt in {elapsed:F0} ms: {Reporter.Plural(fileCount, "file")}"
            : $"rebuild failed in {elapsed:F0} ms: {Reporter.Plural(errors.Count, "error")}; every page shows them until they are fixed");
        return next;
    }
}
