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
            if (Directory.Exists(target))
            {
                Directory.Move(target, previous);
                Directory.Move(staging, target);
                Directory.Delete(previous, recursive: true);
            }
            else
            {
                Directory.Move(staging, target);
            }
            return result;
        }
        catch
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            if (!Directory.Exists(target) && Directory.Exists(previous)) Directory.Move(previous, target);
            throw;
        }
    }
}
