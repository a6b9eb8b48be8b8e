using System.Diagnostics;

namespace DhrPortal.Tests;

/// <summary>Runs git in a throwaway repository with a fixed identity, for tests of <c>--base</c>.</summary>
internal static class Git
{
    /// <summary>Runs git in <paramref name="repo"/>; fails the test when git fails.</summary>
    public static string Run(string repo, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", "user.name=DhrPortal tests", "-c", "user.email=tests@example.invalid", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main" }.Concat(args))
            start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"git {string.Join(' ', args)} failed: {stderr}");
        return stdout.Result;
    }
}
