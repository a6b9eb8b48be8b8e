using System.Globalization;
using DhrPortal.Content;

namespace DhrPortal.Theme.Pages;

/// <summary>
/// How numbers and labels read on every page: thousands separators in the invariant culture
/// ("1,914"), a unit on every count ("12 recommendations"), and a recommendation named as on its
/// review page (label and first addressee), so two "Recommendation 7" under one review are told apart.
/// </summary>
public static class Format
{
    public static string Number(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Count(int n, string one, string many) => $"{Number(n)} {(n == 1 ? one : many)}";

    public static string Recommendations(int n) => Count(n, "recommendation", "recommendations");

    public static string Reviews(int n) => Count(n, "review", "reviews");

    /// <summary>"2019–2024", "2024", or null when no year is known.</summary>
    public static string? YearSpan(int? first, int? last) => (first, last) switch
    {
        ({ } f, { } l) when f == l => f.ToString(CultureInfo.InvariantCulture),
        ({ } f, { } l) => $"{f.ToString(CultureInfo.InvariantCulture)}–{l.ToString(CultureInfo.InvariantCulture)}",
        _ => null,
    };

    /// <summary>"Recommendation 7 – Greater Manchester Police", as the review page heads it.</summary>
    public static string Heading(Recommendation rec) =>
        rec.To.Count > 0 ? $"Recommendation {rec.Label} – {rec.To[0].AsWritten}" : $"Recommendation {rec.Label}";

    /// <summary>"page 2 of 39" for the title of a page after the first; empty on the first.</summary>
    public static string PageSuffix(int page, int count) => page <= 1 ? "" : $" (page {Number(page)} of {Number(count)})";
}
