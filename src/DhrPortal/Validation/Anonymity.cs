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
    public static IReadOnlyList<Finding> Scan(string text)
    {
        List<Finding>? found = null;
        foreach (Match date in FullDate().Matches(text))
        {
            var (start, end) = Sentence(text, date.Index, date.Index + date.Length);
            if (DeathWord().IsMatch(text.AsSpan(start, end - start)))
                (found ??= []).Add(new Finding(date.Index, date.Value));
        }
        return found ?? (IReadOnlyList<Finding>)[];
    }

    private static (int Start, int End) Sentence(string text, int from, int to)
    {
        var start = from;
        while (start > 0 && !IsBoundary(text, start - 1)) start--;
        var end = to;
        while (end < text.Length && !IsBoundary(text, end)) end++;
        return (start, end);
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
