namespace DhrPortal.Loading;

/// <summary>Raw bytes of one input file; <see cref="Path"/> is relative to the input folder, with '/'.</summary>
public sealed record SourceFile(string Path, byte[] Bytes);

/// <summary>Everything read from an input folder, before any parsing.</summary>
public sealed record InputSet
{
    public SourceFile? Site { get; init; }
    public SourceFile? Themes { get; init; }
    public SourceFile? Agencies { get; init; }
    public SourceFile? Csps { get; init; }
    public SourceFile? Support { get; init; }
    /// <summary>Review files, ordered by path (ordinal).</summary>
    public required IReadOnlyList<SourceFile> Reviews { get; init; }
}

/// <summary>The disk edge of loading: reads an input folder into an <see cref="InputSet"/>.</summary>
public static class InputReader
{
    /// <summary>File names of the registries, relative to the input folder.</summary>
    public const string SiteFile = "site.yml", ThemesFile = "themes.yml", AgenciesFile = "agencies.yml", CspsFile = "csps.yml", SupportFile = "support.yml", ReviewsFolder = "reviews";

    /// <summary>Reads every input file. Throws <see cref="DirectoryNotFoundException"/> for a missing folder.</summary>
    public static InputSet Read(string inputDirectory)
    {
        if (!Directory.Exists(inputDirectory)) throw new DirectoryNotFoundException($"Input folder '{inputDirectory}' does not exist.");
        SourceFile? Optional(string name)
        {
            var full = System.IO.Path.Combine(inputDirectory, name);
            return File.Exists(full) ? new SourceFile(name, File.ReadAllBytes(full)) : null;
        }
        var reviewsDir = System.IO.Path.Combine(inputDirectory, ReviewsFolder);
        var reviewPaths = Directory.Exists(reviewsDir)
            ? Directory.EnumerateFiles(reviewsDir, "*.md", SearchOption.AllDirectories).ToArray()
            : [];
        var reviews = new SourceFile[reviewPaths.Length];
        Parallel.For(0, reviewPaths.Length, i =>
        {
            var rel = System.IO.Path.GetRelativePath(inputDirectory, reviewPaths[i]).Replace('\\', '/');
            reviews[i] = new SourceFile(rel, File.ReadAllBytes(reviewPaths[i]));
        });
        Array.Sort(reviews, (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new InputSet
        {
            Site = Optional(SiteFile),
            Themes = Optional(ThemesFile),
            Agencies = Optional(AgenciesFile),
            Csps = Optional(CspsFile),
            Support = Optional(SupportFile),
            Reviews = reviews,
        };
    }
}
