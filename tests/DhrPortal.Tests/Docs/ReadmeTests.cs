using DhrPortal.Diagnostics;

namespace DhrPortal.Tests.Docs;

/// <summary>The README is the editors' reference: it must list every diagnostic code the tool can report.</summary>
public class ReadmeTests
{
    [Fact]
    public void Readme_lists_every_diagnostic_code_with_its_title()
    {
        var readme = File.ReadAllText(Path.Combine(RepoRoot.Path, "README.md"));
        var missing = DiagnosticCodes.All.Where(c => !readme.Contains($"| {c.Id} | {c.Title} |", StringComparison.Ordinal)).Select(c => c.Id).ToList();
        Assert.True(missing.Count == 0, "README.md does not list: " + string.Join(", ", missing));
    }

    [Fact]
    public void Diagnostic_codes_are_unique()
    {
        var dupes = DiagnosticCodes.All.GroupBy(c => c.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(dupes);
    }
}

/// <summary>Finds the repository root (the folder holding DhrPortal.sln) from the test's output folder.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var stamped = typeof(RepoRoot).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (stamped is not null && File.Exists(System.IO.Path.Combine(stamped, "DhrPortal.sln"))) return stamped.TrimEnd('/');
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "DhrPortal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("DhrPortal.sln not found above " + AppContext.BaseDirectory);
    }
}
