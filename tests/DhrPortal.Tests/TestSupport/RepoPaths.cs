using System.Runtime.CompilerServices;

namespace DhrPortal.Tests;

/// <summary>Finds the repository root (the folder holding DhrPortal.sln); tests read nothing outside it.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string Input => Path.Combine(Root, "input");

    public static string Theme => Path.Combine(Root, "theme");

    // Builds may put the binaries outside the checkout (DHR_ARTIFACTS), so the source file's own
    // location is the last resort.
    private static string FindRoot() =>
        Up(AppContext.BaseDirectory) ?? Up(Directory.GetCurrentDirectory()) ?? Up(ThisFile())
        ?? throw new InvalidOperationException("DhrPortal.sln was not found above the test binaries or sources.");

    private static string? Up(string? start)
    {
        for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DhrPortal.sln"))) return dir.FullName;
        }
        return null;
    }

    private static string? ThisFile([CallerFilePath] string path = "") => path.Length == 0 ? null : Path.GetDirectoryName(path);
}
