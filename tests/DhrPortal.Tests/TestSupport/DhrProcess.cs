using System.Diagnostics;
using System.Text;

namespace DhrPortal.Tests;

/// <summary>
/// Runs the built <c>dhr</c> as a separate process, as an editor or CI would: stdin is redirected
/// (so it is never a terminal and nothing can prompt), and every process is killed, with its
/// children, when the test ends or times out, so a failing test cannot leave a server running or hang CI.
/// </summary>
internal sealed class DhrProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();
    private readonly Lock _gate = new();

    /// <summary>dhr.dll, copied next to the tests by the project reference (with its runtimeconfig).</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "dhr.dll");

    private DhrProcess(string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        // Plain output only: on GitHub Actions dhr would add workflow annotations to stdout and write
        // the job summary; a test that wants either asks for it through environment.
        info.Environment.Remove("GITHUB_ACTIONS");
        info.Environment.Remove("GITHUB_STEP_SUMMARY");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) info.Environment[name] = value;
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _out.Append(e.Data).Append('\n'); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _err.Append(e.Data).Append('\n'); };
        _process.Start();
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Out { get { lock (_gate) return _out.ToString(); } }

    public string Err { get { lock (_gate) return _err.ToString(); } }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts dhr and returns at once (for <c>dhr serve</c>).</summary>
    public static DhrProcess Start(string workingDirectory, params string[] args) => new(workingDirectory, args);

    /// <summary>Runs dhr to completion; kills it and fails after <paramref name="timeout"/> (default 2 minutes).</summary>
    public static async Task<(int ExitCode, string Out, string Err)> RunAsync(
        string workingDirectory, string[] args, TimeSpan? timeout = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var p = new DhrProcess(workingDirectory, args, environment);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await p._process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"dhr {string.Join(' ', args)} did not finish.\nstdout:\n{p.Out}\nstderr:\n{p.Err}");
        }
        p._process.WaitForExit(); // drains the output readers
        return (p._process.ExitCode, p.Out, p.Err);
    }

    /// <summary>Waits until stdout has a line matching <paramref name="predicate"/>; fails if dhr exits or time runs out.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var line = Out.Split('\n').FirstOrDefault(predicate);
            if (line is not null) return line;
            if (_process.HasExited)
                throw new InvalidOperationException($"dhr exited with {_process.ExitCode}.\nstdout:\n{Out}\nstderr:\n{Err}");
            await Task.Delay(50);
        }
        throw new TimeoutException($"No matching line from dhr within {timeout}.\nstdout:\n{Out}\nstderr:\n{Err}");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}

/// <summary>A throwaway copy of a content folder (by default the real input/), deleted afterwards.</summary>
internal sealed class TempInput : IDisposable
{
    public TempInput(string? from = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "dhr-test-" + Guid.NewGuid().ToString("N")[..12]);
        Dir = Path.Combine(Root, "input");
        Copy(from ?? RepoPaths.Input, Dir);
    }

    /// <summary>A folder holding only <see cref="Dir"/>, for output next to it.</summary>
    public string Root { get; }

    /// <summary>The copied input folder.</summary>
    public string Dir { get; }

    public string Review(string id) => Path.Combine(Dir, "reviews", id + ".md");

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.EnumerateDirectories(from)) Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A server being killed may still hold a handle for a moment; the temp folder is left behind.
        }
    }
}
