namespace DhrPortal.Site;

/// <summary>One generated file: its path in the output folder, bytes, and the input it came from.</summary>
public sealed record OutputFile(string Path, byte[] Bytes, string SourcePath);

/// <summary>
/// A whole generated site, held in memory until every check has passed, so that a failed build
/// never writes anything.
/// </summary>
public sealed class SiteOutput
{
    private readonly SortedDictionary<string, OutputFile> _files = new(StringComparer.Ordinal);

    /// <summary>Files by output path (ordinal order, so writing and hashing are deterministic).</summary>
    public IReadOnlyDictionary<string, OutputFile> Files => _files;

    /// <summary>Adds a file; two stages producing the same path is a bug.</summary>
    public void Add(OutputFile file)
    {
        lock (_files)
        {
            if (!_files.TryAdd(file.Path, file))
                throw new InvalidOperationException($"Two outputs claim '{file.Path}' ({_files[file.Path].SourcePath} and {file.SourcePath}).");
        }
    }

    public void Add(string path, string text, string sourcePath) =>
        Add(new OutputFile(path, System.Text.Encoding.UTF8.GetBytes(text), sourcePath));
}
