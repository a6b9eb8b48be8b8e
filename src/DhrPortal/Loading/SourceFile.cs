using DhrPortal.Diagnostics;

namespace DhrPortal.Loading;

/// <summary>Raw bytes of one input file; <see cref="Path"/> is relative to the input folder, with '/'.</summary>
public sealed record SourceFile(string Path, byte[] Bytes)
{
    /// <summary>Why the reader did not read the file (its <see cref="Bytes"/> are then empty); reported when it is decoded.</summary>
    public Refusal? Refused { get; init; }
}

/// <summary>A file the reader would not read: the diagnostic to report at it.</summary>
public sealed record Refusal(DiagnosticCode Code, string Message);

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
    /// <summary>Study files (<c>studies/*.md</c>), ordered by path (ordinal).</summary>
    public IReadOnlyList<SourceFile> Studies { get; init; } = [];
}

/// <summary>
/// The disk edge of loading: reads an input folder into an <see cref="InputSet"/>. Everything under
/// it is untrusted (it arrives by pull request), so only regular files are read: a symbolic link or a
/// special file (named pipe, device, socket) is never opened, nor a linked folder entered, and is
/// refused with DHR008 at its path; a file is read no further than the size limit.
/// </summary>
public static class InputReader
{
    /// <summary>File names of the registries, relative to the input folder.</summary>
    public const string SiteFile = "site.yml", ThemesFile = "themes.yml", AgenciesFile = "agencies.yml", CspsFile = "csps.yml", SupportFile = "support.yml", ReviewsFolder = "reviews", StudiesFolder = "studies";

    // Every entry, hidden ones included; an unreadable folder is an I/O error, not a silent gap.
    private static readonly EnumerationOptions OneLevel = new() { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };

    /// <summary>Reads every input file. Throws <see cref="DirectoryNotFoundException"/> for a missing folder.</summary>
    public static InputSet Read(string inputDirectory)
    {
        if (!Directory.Exists(inputDirectory)) throw new DirectoryNotFoundException($"Input folder '{inputDirectory}' does not exist.");
        SourceFile? Optional(string name)
        {
            var full = System.IO.Path.Combine(inputDirectory, name);
            return FileType.Of(full) == FileKind.Missing ? null : ReadFile(full, name);
        }
        return new InputSet
        {
            Site = Optional(SiteFile),
            Themes = Optional(ThemesFile),
            Agencies = Optional(AgenciesFile),
            Csps = Optional(CspsFile),
            Support = Optional(SupportFile),
            Reviews = Folder(inputDirectory, ReviewsFolder, nested: true),
            // A study's file name is its id and address, so studies are not in subfolders, where
            // two files could claim one page.
            Studies = Folder(inputDirectory, StudiesFolder, nested: false),
        };
    }

    /// <summary>
    /// The Markdown files under one folder of the input (absent: none), ordered by path; a subfolder
    /// is walked when <paramref name="nested"/>, and refused otherwise.
    /// </summary>
    private static SourceFile[] Folder(string inputDirectory, string folder, bool nested)
    {
        var found = new List<(string Full, string Relative)>();
        var refused = new List<SourceFile>();
        var dir = System.IO.Path.Combine(inputDirectory, folder);
        switch (FileType.Of(dir))
        {
            case FileKind.Directory: Walk(dir, folder, nested, found, refused); break;
            case FileKind.Missing: break;
            case var kind: refused.Add(NotRegular(folder, kind)); break;
        }
        var files = new SourceFile[found.Count];
        Parallel.For(0, found.Count, i => files[i] = ReadFile(found[i].Full, found[i].Relative));
        var all = files.Concat(refused).ToArray();
        Array.Sort(all, (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return all;
    }

    /// <summary>
    /// The Markdown files under a folder: every <c>*.md</c> entry and every subfolder, without following
    /// links. A link to a folder, or a <c>*.md</c> entry that is not a regular file, is refused.
    /// </summary>
    private static void Walk(string dir, string relative, bool nested, List<(string, string)> found, List<SourceFile> refused)
    {
        foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos("*", OneLevel))
        {
            var rel = relative + "/" + entry.Name;
            // A link to a folder enumerates as a folder: the link itself is what counts.
            if (entry.Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                if (entry is DirectoryInfo || IsMarkdown(entry.Name)) refused.Add(NotRegular(rel, FileKind.SymbolicLink));
                continue;
            }
            if (entry is DirectoryInfo)
            {
                if (nested) Walk(entry.FullName, rel, nested, found, refused);
                else refused.Add(NotRegular(rel, FileKind.Directory));
                continue;
            }
            if (IsMarkdown(entry.Name)) found.Add((entry.FullName, rel));
        }
    }

    private static bool IsMarkdown(string name) => name.EndsWith(".md", StringComparison.Ordinal);

    /// <summary>
    /// Reads one file named by the caller, as input files are read: a regular file only, never a link,
    /// and no more than <see cref="TextDecoder.MaxBytes"/> bytes. A refused file comes back with
    /// <see cref="SourceFile.Refused"/> set and no bytes.
    /// </summary>
    /// <param name="fullPath">Where the file is.</param>
    /// <param name="path">Its name in diagnostics.</param>
    public static SourceFile ReadFile(string fullPath, string path)
    {
        var kind = FileType.Of(fullPath);
        if (kind != FileKind.Regular) return NotRegular(path, kind);
        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var length = stream.Length;
        if (length > TextDecoder.MaxBytes) return TooLarge(path, length);
        // The length is only a hint: a file still being written may grow, so reading stops at the limit.
        var buffer = new byte[(int)length + 1];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total > TextDecoder.MaxBytes) return TooLarge(path, Math.Max(stream.Length, total));
                Array.Resize(ref buffer, (int)Math.Min(2L * buffer.Length, TextDecoder.MaxBytes + 1L));
            }
            var n = stream.Read(buffer, total, buffer.Length - total);
            if (n == 0) break;
            total += n;
        }
        Array.Resize(ref buffer, total);
        return new SourceFile(path, buffer);
    }

    private static SourceFile NotRegular(string path, FileKind kind) =>
        new(path, []) { Refused = new Refusal(DiagnosticCodes.NotRegularFile, $"This is {FileType.Describe(kind)}; only regular files are read (links are never followed).") };

    private static SourceFile TooLarge(string path, long length) =>
        new(path, []) { Refused = new Refusal(DiagnosticCodes.TooLarge, TextDecoder.TooLargeMessage(length)) };
}
