using DhrPortal.Content;

namespace DhrPortal.Site;

/// <summary>
/// The disk edge of a build. Streams the site into a sibling temporary folder as it is rendered, then
/// swaps it into place only when the build passed every check, so readers and deploys never see a
/// half-written site, and a failed build or write leaves the previous output untouched.
/// </summary>
public static class SiteWriter
{
    /// <summary>Builds <paramref name="model"/> into <paramref name="outputDirectory"/>; on errors the folder is left as it was.</summary>
    public static BuildResult Build(ContentModel model, ITheme theme, string outputDirectory) =>
        Write(outputDirectory, output => SiteBuilder.Build(model, theme, output));

    /// <summary>Runs <paramref name="build"/> into a staging folder and swaps it in when it succeeded.</summary>
    private static BuildResult Write(string outputDirectory, Func<SiteOutput, BuildResult> build)
    {
        var target = Path.GetFullPath(outputDirectory).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException("Output folder has no parent.", nameof(outputDirectory));
        Directory.CreateDirectory(parent);
        var name = Path.GetFileName(target);
        var staging = Path.Combine(parent, $".{name}.tmp-{Environment.ProcessId}");
        var previous = Path.Combine(parent, $".{name}.old-{Environment.ProcessId}");
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        try
        {
            Directory.CreateDirectory(staging);
            var result = build(SiteOutput.StreamedTo(staging));
            if (!result.Succeeded)
            {
                Directory.Delete(staging, recursive: true);
                return result;
            }
            var clock = System.Diagnostics.Stopwatch.StartNew();
            if (Directory.Exists(target))
            {
                Directory.Move(target, previous);
                Directory.Move(staging, target);
                DeleteTree(previous);
            }
            else
            {
                Directory.Move(staging, target);
            }
            return result with { Timings = [.. result.Timings, ("swap", clock.Elapsed)] };
        }
        catch
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            if (!Directory.Exists(target) && Directory.Exists(previous)) Directory.Move(previous, target);
            throw;
        }
    }

    /// <summary>
    /// Deletes the previous site, many files at a time. Deleting is mostly waiting for the file
    /// system (on the bench machine's ext4, `rm -rf` of a 2,000-review site took 8.2 s of wall time
    /// for under 1 s of CPU, and 3.5 s eight at a time), so it runs on more threads than cores.
    /// </summary>
    private static void DeleteTree(string folder)
    {
        const int Width = 8;
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToArray();
        var workers = Enumerable.Range(0, Width).Select(w => Task.Factory.StartNew(() =>
        {
            for (var i = w; i < files.Length; i += Width) File.Delete(files[i]);
        }, TaskCreationOptions.LongRunning)).ToArray();
        Task.WaitAll(workers);
        Directory.Delete(folder, recursive: true);
    }
}
