using System.Globalization;

namespace DhrPortal.SearchBench;

/// <summary>Order statistics of a sample of timings or sizes (pure; tested in DhrPortal.Tests).</summary>
internal static class Stats
{
    /// <summary>
    /// The p-th percentile (0–100) by linear interpolation between closest ranks (the method of
    /// numpy's default and Excel's PERCENTILE.INC); NaN for an empty sample.
    /// </summary>
    public static double Percentile(IReadOnlyCollection<double> sample, double p)
    {
        if (p is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(p), "percentile must be 0–100.");
        if (sample.Count == 0) return double.NaN;
        var sorted = sample.Order().ToArray();
        var rank = p / 100 * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    public static double Median(IReadOnlyCollection<double> sample) => Percentile(sample, 50);

    public static double P95(IReadOnlyCollection<double> sample) => Percentile(sample, 95);

    /// <summary>a / b, or NaN when b is zero or either is NaN (printed as "n/a").</summary>
    public static double Ratio(double a, double b) => b == 0 || double.IsNaN(a) || double.IsNaN(b) ? double.NaN : a / b;

    /// <summary>A number for the tables: "n/a" for NaN, else the invariant format.</summary>
    public static string Show(double value, string format) =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);
}
