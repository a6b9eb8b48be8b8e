namespace DhrPortal.Site;

/// <summary>
/// The disk edge of a build. Writes the site into a sibling temporary folder, then swaps it into
/// place, so readers and deploys never see a half-written site and a failed write leaves the
/// previous output untouched.
/// </summary>
public static class SiteWriter
{
    public static void Write(SiteOutput site, string outputDirectory)
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
            var files = site.Files.Values.ToArray();
            foreach (var dir in files.Select(f => Path.GetDirectoryName(Path.Combine(staging, f.Path))!).Distinct(StringComparer.Ordinal))
                Directory.CreateDirectory(dir);
            Parallel.ForEach(files, f => File.WriteAllBytes(Path.Combine(staging, f.Path), f.Bytes));
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
        }
        catch
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            if (!Directory.Exists(target) && Directory.Exists(previous)) Directory.Move(previous, target);
            throw;
        }
    }
}
