using System.Globalization;
using System.Text;
using DhrPortal.Learning;

namespace DhrPortal.Site.Data;

/// <summary><c>/data/repeats.csv</c>: every pair of recommendations the review pages list under each other (docs/open-data.md).</summary>
public static class RepeatsCsv
{
    /// <summary>The header row, in column order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["review_id_a", "anchor_a", "review_id_b", "anchor_b", "kind", "score"];

    public static string Write(SimilarRecommendations similar)
    {
        var sb = new StringBuilder(64 * 1024);
        OpenData.WriteRow(sb, Columns);
        foreach (var p in similar.Pairs)
            OpenData.WriteRow(sb, [p.ReviewA.Id, p.A.Anchor, p.ReviewB.Id, p.B.Anchor, Kind(p.Kind), p.Score.ToString("0.000", CultureInfo.InvariantCulture)]);
        return sb.ToString();
    }

    /// <summary>The <c>kind</c> column's value.</summary>
    public static string Kind(RepeatKind kind) => kind switch
    {
        RepeatKind.Confirmed => "confirmed",
        RepeatKind.Repeat => "repeat",
        _ => "similar",
    };
}
