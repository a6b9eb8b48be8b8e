using DhrPortal.Content;
using DhrPortal.Diagnostics;
using DhrPortal.Generation;
using DhrPortal.Loading;
using DhrPortal.Site;
using DhrPortal.Validation;

namespace DhrPortal.BrowserTests;

/// <summary>
/// A site built once per test run with the library (read or generate, check, build, write), into a
/// temporary folder that is deleted when the test process exits: the real input/, and a generated
/// corpus of national size.
/// </summary>
public sealed class BuiltSite
{
    /// <summary>The size of <see cref="Generated"/>: the "2,000 generated reviews" (issue 10).</summary>
    public const int GeneratedReviews = 2000;

    private static readonly Lazy<BuiltSite> LazyShared = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<BuiltSite> LazyGenerated = new(BuildGenerated, LazyThreadSafetyMode.ExecutionAndPublication);

    private BuiltSite(string directory, ContentModel model, IReadOnlyList<string> files, TimeSpan took)
    {
        Directory = directory;
        Model = model;
        Files = files;
        BuildTime = took;
        Pages = new PageCatalog(this);
    }

    /// <summary>The one build of this test run (every collection shares it).</summary>
    public static BuiltSite Shared => LazyShared.Value;

    /// <summary>
    /// <see cref="GeneratedReviews"/> generated reviews (seed 1), built once per test run when a test
    /// first asks: the listings span many pages, and each kind of page is at its largest.
    /// </summary>
    public static BuiltSite Generated => LazyGenerated.Value;

    /// <summary>The output folder.</summary>
    public string Directory { get; }

    /// <summary>The checked content the site was built from.</summary>
    public ContentModel Model { get; }

    /// <summary>Output files, relative to <see cref="Directory"/>, with '/'.</summary>
    public IReadOnlyList<string> Files { get; }

    public TimeSpan BuildTime { get; }

    public PageCatalog Pages { get; }

    public bool HasFile(string relativePath) => Files.Contains(relativePath, StringComparer.Ordinal);

    private static BuiltSite Build()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // DHR_TEST_INPUT (another content folder) and DHR_TEST_SITE (a prebuilt site folder) are for
        // developing these tests; CI uses neither.
        var inputDir = Environment.GetEnvironmentVariable("DHR_TEST_INPUT") is { Length: > 0 } custom ? custom : RepoPaths.Input;
        var input = InputReader.Read(inputDir);
        var check = ContentChecker.Check(input, new CheckOptions { Today = DateOnly.FromDateTime(DateTime.UtcNow) });
        if (check.HasErrors || check.Model is null)
            throw new InvalidOperationException($"The content in {inputDir} does not pass the checks:\n" + Describe(check.Diagnostics));

        // For developing the tests: serve an already built (possibly hand-edited) site instead.
        var prebuilt = Environment.GetEnvironmentVariable("DHR_TEST_SITE") is { Length: > 0 } dir ? Path.GetFullPath(dir) : null;
        return Write(check.Model, prebuilt, clock);
    }

    private static BuiltSite BuildGenerated()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var check = ContentChecker.Check(CorpusGenerator.Generate(GeneratedReviews, 1), new CheckOptions { Today = CorpusGenerator.LatestDay });
        if (check.HasErrors || check.Model is null)
            throw new InvalidOperationException($"The generated corpus of {GeneratedReviews} reviews does not pass the checks:\n" + Describe(check.Diagnostics));
        return Write(check.Model, null, clock);
    }

    private static BuiltSite Write(ContentModel model, string? prebuilt, System.Diagnostics.Stopwatch clock)
    {
        var siteDir = prebuilt;
        if (siteDir is null)
        {
            var root = Path.Combine(Path.GetTempPath(), $"dhr-browsertests-{Environment.ProcessId}-{Guid.NewGuid():N}");
            siteDir = Path.Combine(root, "site");
            var build = SiteWriter.Build(model, new DhrPortal.Theme.DefaultTheme(), siteDir);
            if (build.Output is null || build.Diagnostics.Any(d => d.Severity == Severity.Error))
                throw new InvalidOperationException("The site build failed:\n" + Describe(build.Diagnostics));
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try { System.IO.Directory.Delete(root, recursive: true); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            };
        }
        var files = System.IO.Directory.EnumerateFiles(siteDir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(siteDir, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();
        return new BuiltSite(siteDir, model, files, clock.Elapsed);
    }

    private static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join('\n', diagnostics.Where(d => d.Severity == Severity.Error).Take(50).Select(d => "  " + d));
}
