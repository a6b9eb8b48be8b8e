namespace DhrPortal.Generation;

/// <summary>
/// Who reported a synthetic status (<c>source:</c>): most statuses name one, as editors record
/// them from a partnership's action plan updates, an agency's letter or board minutes. Drawn from a
/// hash of the review id and the recommendation's label, not from the review's random stream, so
/// adding sources left every other generated value as it was.
/// </summary>
internal static class StatusSources
{
    private static readonly string[] Kinds =
    [
        "{0} action plan update",
        "{0} annual report",
        "{1}, letter to the partnership",
        "{0} board minutes",
        "{1}, progress report",
    ];

    /// <summary>A source for the status of recommendation <paramref name="label"/>, or null for about one in three.</summary>
    public static string? For(string reviewId, string label, string partnership, string addressee)
    {
        var hash = 2166136261u;
        foreach (var c in reviewId) hash = unchecked((hash ^ c) * 16777619u);
        hash = unchecked((hash ^ '#') * 16777619u);
        foreach (var c in label) hash = unchecked((hash ^ c) * 16777619u);
        if (hash % 3 == 0) return null;
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, Kinds[(hash >> 8) % (uint)Kinds.Length], partnership, addressee);
    }
}
