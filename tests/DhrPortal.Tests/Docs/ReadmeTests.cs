using DhrPortal.Diagnostics;

namespace DhrPortal.Tests.Docs;

/// <summary>The README is the editors' reference: it must list every diagnostic code the tool can report.</summary>
public class ReadmeTests
{
    [Fact]
    public void Readme_lists_every_diagnostic_code_with_its_title()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
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
