using System.Reflection;

namespace DhrPortal.BrowserTests;

/// <summary>Where the checkout is: the tests read input/, netlify.toml and node_modules/ from it.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root (the folder holding DhrPortal.sln).</summary>
    public static string Root => LazyRoot.Value;

    public static string Input => Path.Combine(Root, "input");
    public static string NetlifyToml => Path.Combine(Root, "netlify.toml");
    public static string VnuJar => Path.Combine(Root, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    private static string FindRoot()
    {
        // 1. An explicit override, 2. the folder the project was built from, 3. upwards from here.
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("DHR_REPO_ROOT"),
            typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "RepoRoot")?.Value,
        };
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            candidates.Add(dir.FullName);
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            candidates.Add(dir.FullName);
        foreach (var c in candidates)
        {
            if (!string.IsNullOrEmpty(c) && File.Exists(Path.Combine(c, "DhrPortal.sln")))
                return Path.GetFullPath(c);
        }
        throw new InvalidOperationException(
            "Cannot find the repository root (a folder with DhrPortal.sln); set DHR_REPO_ROOT.");
    }
}
