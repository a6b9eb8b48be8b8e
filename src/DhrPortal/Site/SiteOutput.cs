using System.Collections.Concurrent;

namespace DhrPortal.Site;

/// <summary>One generated file: its path in the output folder, bytes, and the input it came from.</summary>
public sealed record OutputFile(string Path, byte[] Bytes, string SourcePath);

/// <summary>
/// Where a build puts the files it generates. In memory (<c>dhr serve</c>, tests) every file is kept;
/// streamed (<c>dhr build</c>, through <see cref="SiteWriter"/>) each file is written to a staging folder
/// as soon as it is added and its bytes are dropped, so a large site is never held whole. Thread-safe: pages may be added in parallel.
/// </summary>
public sealed class SiteOutput
{
    private readonly ConcurrentDictionary<string, string> _sources = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, OutputFile>? _files;
    private readonly string? _folder;
    private readonly ConcurrentDictionary<string, Lazy<DirectoryInfo>> _folders = new(StringComparer.Ordinal);

    /// <summary>A site kept in memory.</summary>
    public SiteOutput() => _files = new(StringComparer.Ordinal);

    private SiteOutput(string folder) => _folder = folder;

    /// <summary>A site written into <paramref name="folder"/> (which must exist) file by file as it is added.</summary>
    internal static SiteOutput StreamedTo(string folder) => new(folder);

    /// <summary>Files by output path, in ordinal order; only a site kept in memory has them.</summary>
    public IReadOnlyDictionary<string, OutputFile> Files =>
        _files ?? throw new InvalidOperationException("A streamed site keeps no bytes: read its output folder.");

    /// <summary>Every output path, in ordinal order.</summary>
    public IReadOnlyList<string> Paths => _sources.Keys.Order(StringComparer.Ordinal).ToList();

    public int Count => _sources.Count;

    /// <summary>Adds a file; two stages producing the same path is a bug.</summary>
    public void Add(OutputFile file) => Add(file.Path, file.Bytes, file.SourcePath, file);

    /// <summary>
    /// Adds a file from a buffer the caller reuses (a page rendered into a per-thread buffer): a
    /// streamed site writes it out without copying it, a site kept in memory copies it.
    /// </summary>
    public void Add(string path, ReadOnlySpan<byte> bytes, string sourcePath) => Add(path, bytes, sourcePath, null);

    public void Add(string path, string text, string sourcePath) =>
        Add(new OutputFile(path, System.Text.Encoding.UTF8.GetBytes(text), sourcePath));

    private void Add(string path, ReadOnlySpan<byte> bytes, string sourcePath, OutputFile? file)
    {
        if (!_sources.TryAdd(path, sourcePath))
            throw new InvalidOperationException($"Two outputs claim '{path}' ({_sources[path]} and {sourcePath}).");
        if (_files is not null)
        {
            file ??= new OutputFile(path, bytes.ToArray(), sourcePath);
            lock (_files) _files.Add(path, file);
            return;
        }
        var full = Path.Combine(_folder!, path);
        var folder = Path.GetDirectoryName(full)!;
        // Lazy: a page added in parallel waits until its folder exists, and each folder is created once.
        _ = _folders.GetOrAdd(folder, f => new Lazy<DirectoryInfo>(() => Directory.CreateDirectory(f))).Value;
        File.WriteAllBytes(full, bytes);
    }
}
