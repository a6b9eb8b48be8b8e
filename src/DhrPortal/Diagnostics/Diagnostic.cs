namespace DhrPortal.Diagnostics;

/// <summary>How bad a problem is. Errors stop a build; warnings are reported and the build goes on.</summary>
public enum Severity
{
    /// <summary>The content cannot be published as it is.</summary>
    Error,
    /// <summary>Worth fixing, but the site can still be built.</summary>
    Warning,
}

/// <summary>A place in an input file. Line and column are 1-based; 0 means "the whole file".</summary>
public readonly record struct SourceSpan(string Path, int Line, int Column)
{
    /// <summary>A span that points at a file as a whole.</summary>
    public static SourceSpan WholeFile(string path) => new(path, 0, 0);

    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{Path}:{Line}:{Column}" : Path;
}

/// <summary>
/// One problem found in the content, as a value: collected, sorted and reported together,
/// never thrown. <paramref name="Help"/> tells the editor how to fix it, in one line.
/// </summary>
public sealed record Diagnostic(string Code, Severity Severity, string Message, SourceSpan Span, string? Help = null)
{
    /// <summary>Compiler-style rendering: <c>path:line:col: error DHR012: message</c>.</summary>
    public override string ToString()
    {
        var severity = Severity == Severity.Error ? "error" : "warning";
        return $"{Span}: {severity} {Code}: {Message}";
    }

    /// <summary>A stable order for reports: by file, then position, then code.</summary>
    public static int Compare(Diagnostic? a, Diagnostic? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a is null) return -1;
        if (b is null) return 1;
        var c = string.CompareOrdinal(a.Span.Path, b.Span.Path);
        if (c != 0) return c;
        c = a.Span.Line.CompareTo(b.Span.Line);
        if (c != 0) return c;
        c = a.Span.Column.CompareTo(b.Span.Column);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Code, b.Code);
        return c != 0 ? c : string.CompareOrdinal(a.Message, b.Message);
    }
}

/// <summary>Collects diagnostics from one stage. Not thread-safe: give each parallel task its own.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>All diagnostics so far, in the order they were added.</summary>
    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>True when at least one error was reported.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>Adds an error for the given catalogue entry.</summary>
    public void Error(DiagnosticCode code, SourceSpan span, string message, string? help = null) =>
        Add(new Diagnostic(code.Id, Severity.Error, message, span, help ?? code.Help));

    /// <summary>Adds a warning for the given catalogue entry.</summary>
    public void Warning(DiagnosticCode code, SourceSpan span, string message, string? help = null) =>
        Add(new Diagnostic(code.Id, Severity.Warning, message, span, help ?? code.Help));

    /// <summary>Adds a diagnostic made elsewhere.</summary>
    public void Add(Diagnostic diagnostic)
    {
        _items.Add(diagnostic);
        if (diagnostic.Severity == Severity.Error) HasErrors = true;
    }

    /// <summary>Adds every diagnostic of another bag.</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics) Add(d);
    }

    /// <summary>The diagnostics in report order.</summary>
    public IReadOnlyList<Diagnostic> Sorted()
    {
        var copy = _items.ToList();
        copy.Sort(Diagnostic.Compare);
        return copy;
    }
}
