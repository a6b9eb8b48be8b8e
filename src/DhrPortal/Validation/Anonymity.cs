using System.Text.RegularExpressions;

namespace DhrPortal.Validation;

/// <summary>
/// Finds full dates (day, month and year) in the same sentence as words about a death. The Home
/// Office QA Panel asks for dates of death to be removed from published reviews.
/// </summary>
public static partial class Anonymity
{
    /// <summary>A finding: where the date starts in the text, and the date as written.</summary>
    public readonly record struct Finding(int Index, string Date);

    /// <summary>Every full date that shares a sentence with a death word.</summary>
    /// <remarks>
    /// Linear in the text's length: sentence ends and death words are found once, in order, and each
    /// date (also in order) looks them up by moving forward, never by walking its sentence again.
    /// </remarks>
    public static IReadOnlyList<Finding> Scan(string text)
    {
        List<Finding>? found = null;
        var dates = FullDate().Matches(text);
        if (dates.Count == 0) return [];
        var deaths = DeathWord().Matches(text);
        if (deaths.Count == 0) return [];
        var boundaries = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (IsBoundary(text, i)) boundaries.Add(i);
        }
        // b: boundaries before the date's start; e: first boundary at or after its end; d: first death word not before the sentence.
        int b = 0, e = 0, d = 0;
        foreach (Match date in dates)
        {
            while (b < boundaries.Count && boundaries[b] < date.Index) b++;
            var start = b == 0 ? 0 : boundaries[b - 1] + 1;
            var to = date.Index + date.Length;
            while (e < boundaries.Count && boundaries[e] < to) e++;
            var end = e < boundaries.Count ? boundaries[e] : text.Length;
            while (d < deaths.Count && deaths[d].Index < start) d++;
            if (d < deaths.Count && deaths[d].Index + deaths[d].Length <= end)
                (found ??= []).Add(new Finding(date.Index, date.Value));
        }
        return found ?? (IReadOnlyList<Finding>)[];
    }

    // A full stop followed by a space ends a sentence; so does a blank line. "12.03.2019" does not.
    private static bool IsBoundary(string text, int i) =>
        (text[i] is '.' or '!' or '?' && (i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1])))
        || (text[i] == '\n' && i + 1 < text.Length && text[i + 1] == '\n');

    private const string Months =
        "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?";

    [GeneratedRegex(
        @"\b(?:(?:[12]?\d|3[01])(?:st|nd|rd|th)?(?:\s+of)?\s+(?:" + Months + @")\.?,?\s+(?:19|20)\d\d"
        + @"|(?:" + Months + @")\.?\s+(?:[12]?\d|3[01])(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
        + @"|(?:[12]?\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:(?:19|20)\d\d|\d\d)"
        + @"|(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:[012]\d|3[01]))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FullDate();

    [GeneratedRegex(
        @"\b(?:died|dies|dying|death|deaths|dead|deceased|killed|killing|homicide|murder(?:ed)?|manslaughter|fatal(?:ly)?|stabbed|strangled|body was found|passed away|lost (?:her|his|their) life)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DeathWord();
}
