using System.Diagnostics;
using System.Formats.Tar;

namespace DhrPortal.Cli;

/// <summary>
/// The disk and process edge of <c>dhr check --base</c>: extracts the input folder as it is at a git
/// ref (<c>git archive</c>) into a temporary folder, so that it can be loaded and checked like any input.
/// </summary>
internal sealed class BaseContent : IDisposable
{
    private readonly string _root;

    private BaseContent(string root, string input)
    {
        _root = root;
        InputDirectory = input;
    }

    /// <summary>The extracted input folder; it does not exist when the ref had no such folder.</summary>
    public string InputDirectory { get; }

    /// <summary>Extracts <paramref name="inputDir"/> at <paramref name="gitRef"/>; null with <paramref name="error"/> when git refuses.</summary>
    public static BaseContent? Extract(string inputDir, string gitRef, out string error)
    {
        var full = Path.GetFullPath(inputDir);
        var top = Git(full, out error, "rev-parse", "--show-toplevel");
        if (top is null) return null;
        top = top.Trim();
        var prefix = Path.GetRelativePath(top, full).Replace('\\', '/');
        if (prefix.StartsWith("..", StringComparison.Ordinal))
        {
            error = $"'{inputDir}' is not inside the git repository at '{top}'.";
            return null;
        }
        if (Git(top, out error, "rev-parse", "--verify", "--quiet", gitRef + "^{commit}") is null)
        {
            error = $"'{gitRef}' is not a commit in this repository (on CI, fetch the base branch: actions/checkout with fetch-depth: 0). {error}".TrimEnd();
            return null;
        }
        var root = Path.Combine(Path.GetTempPath(), "dhr-base-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var result = new BaseContent(root, Path.Combine(root, prefix));
        // 'git ls-tree' first: 'git archive' fails when the path does not exist at that ref (a first commit of content).
        var listed = Git(top, out error, "ls-tree", "--name-only", gitRef, "--", prefix);
        if (listed is null)
        {
            result.Dispose();
            return null;
        }
        if (listed.Trim().Length == 0) return result;
        var start = new ProcessStartInfo("git") { WorkingDirectory = top, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "archive", "--format=tar", gitRef, "--", prefix }) start.ArgumentList.Add(a);
        using var git = Process.Start(start) ?? throw new InvalidOperationException("git could not be started.");
        var stderr = git.StandardError.ReadToEndAsync();
        TarFile.ExtractToDirectory(git.StandardOutput.BaseStream, root, overwriteFiles: false);
        git.WaitForExit();
        if (git.ExitCode != 0)
        {
            error = $"git archive {gitRef} failed: {stderr.Result.Trim()}";
            result.Dispose();
            return null;
        }
        return result;
    }

    private static string? Git(string workingDirectory, out string error, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        try
        {
            using var git = Process.Start(start) ?? throw new InvalidOperationException("git could not be started.");
            var stdout = git.StandardOutput.ReadToEndAsync();
            var stderr = git.StandardError.ReadToEnd();
            git.WaitForExit();
            error = stderr.Trim();
            return git.ExitCode == 0 ? stdout.Result : null;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            error = $"git is needed for --base: {e.Message}";
            return null;
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless; the check's result stands.
        }
    }
}
