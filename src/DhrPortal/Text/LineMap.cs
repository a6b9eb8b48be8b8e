namespace DhrPortal.Text;

/// <summary>
/// Line and column of an index in a text, by binary search over the line starts: a text with many
/// findings (a date on every line) is located in linear time, not in time proportional to findings x length.
/// </summary>
internal sealed class LineMap
{
    private readonly int[] _starts;

    public LineMap(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = text.IndexOf('\n', StringComparison.Ordinal); i >= 0; i = text.IndexOf('\n', i + 1))
            starts.Add(i + 1);
        _starts = [.. starts];
    }

    /// <summary>0-based line and 0-based offset in that line of <paramref name="index"/>.</summary>
    public (int Line, int Offset) At(int index)
    {
        var line = Array.BinarySearch(_starts, index);
        if (line < 0) line = ~line - 1;
        return (line, index - _starts[line]);
    }
}
