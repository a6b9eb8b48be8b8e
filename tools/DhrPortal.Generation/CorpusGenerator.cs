using System.Text;
using DhrPortal.Content;
using DhrPortal.Loading;

namespace DhrPortal.Generation;

/// <summary>
/// Generates a synthetic, valid corpus of reviews in the documented content format, for benchmarks
/// and load tests. Everything is invented (places are made of syllables, people are "Adult A"), and
/// the same seed always gives byte-identical files.
/// </summary>
public static class CorpusGenerator
{
    /// <summary>No date in the corpus is later than this month, so it checks cleanly on any later "today".</summary>
    public static YearMonth LatestMonth { get; } = new(2026, 10);

    /// <summary>
    /// The last day of <see cref="LatestMonth"/>: no review is added later, so it is the earliest
    /// "today" on which the corpus checks cleanly.
    /// </summary>
    public static DateOnly LatestDay { get; } = new DateOnly(LatestMonth.Year, LatestMonth.Month, 1).AddMonths(1).AddDays(-1);

    /// <summary>Generates registries and <paramref name="reviews"/> review files in memory, as UTF-8 bytes.</summary>
    public static InputSet Generate(int reviews, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(reviews);
        var rng = new Random(seed);
        var registry = new SyntheticRegistry(rng);

        // Choosing partnerships, months and ids is sequential (ids must be unique); the rest of each
        // review depends only on its own seed, so it is written in parallel.
        var plans = PlanReviews(reviews, registry, rng);
        var repeats = RepeatPlan.Create(plans, new Random(MixSeed(seed, -1)));
        var files = new SourceFile[plans.Length];
        var placed = new Dictionary<int, string>[plans.Length];
        Parallel.For(0, plans.Length, i =>
        {
            var writer = new ReviewWriter(plans[i], registry, new Random(MixSeed(seed, i))) { PlannedRepeats = repeats.For(i) };
            files[i] = new SourceFile($"{InputReader.ReviewsFolder}/{plans[i].Id}.md", writer.Write());
            placed[i] = writer.Placed;
        });
        // A confirmed repeat cites the anchor of an earlier review's recommendation, known only once
        // that review is written: the few reviews that confirm one are written again, from the same
        // random stream, now with their references.
        var at = placed.SelectMany(p => p).ToDictionary(p => p.Key, p => p.Value);
        var confirming = repeats.All.Where(p => p.Confirms is { } c && at.ContainsKey(c) && at.ContainsKey(p.Id)).GroupBy(p => p.Review).ToList();
        Parallel.ForEach(confirming, group =>
        {
            var i = group.Key;
            var writer = new ReviewWriter(plans[i], registry, new Random(MixSeed(seed, i)))
            {
                PlannedRepeats = repeats.For(i),
                Citations = group.ToDictionary(p => p.Confirms!.Value, p => at[p.Confirms!.Value]),
            };
            files[i] = new SourceFile(files[i].Path, writer.Write());
        });
        Array.Sort(files, (a, b) => string.CompareOrdinal(a.Path, b.Path));

        return new InputSet
        {
            Site = Utf8(InputReader.SiteFile, SyntheticRegistry.SiteYaml()),
            Themes = Utf8(InputReader.ThemesFile, SyntheticRegistry.ThemesYaml()),
            Agencies = Utf8(InputReader.AgenciesFile, registry.AgenciesYaml()),
            Csps = Utf8(InputReader.CspsFile, registry.CspsYaml()),
            Support = Utf8(InputReader.SupportFile, SyntheticRegistry.SupportYaml()),
            Reviews = files,
            Studies = [Utf8($"{InputReader.StudiesFolder}/west-midlands-2015.md", SyntheticRegistry.StudyMarkdown())],
        };
    }

    /// <summary>Writes an input set under <paramref name="directory"/> (created if needed), file by file.</summary>
    public static void WriteTo(InputSet set, string directory)
    {
        ArgumentNullException.ThrowIfNull(set);
        Directory.CreateDirectory(directory);
        var all = new[] { set.Site, set.Themes, set.Agencies, set.Csps, set.Support }.OfType<SourceFile>().Concat(set.Reviews).Concat(set.Studies).ToArray();
        foreach (var dir in all.Select(f => Path.GetDirectoryName(Path.Combine(directory, f.Path))!).Distinct(StringComparer.Ordinal))
            Directory.CreateDirectory(dir);
        Parallel.ForEach(all, f => File.WriteAllBytes(Path.Combine(directory, f.Path.Replace('/', Path.DirectorySeparatorChar)), f.Bytes));
    }

    private static SourceFile Utf8(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));

    /// <summary>A well-mixed, platform-independent seed for review <paramref name="index"/> (SplitMix64).</summary>
    private static int MixSeed(int seed, int index)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFFFFFF);
        }
    }

    private static ReviewPlan[] PlanReviews(int count, SyntheticRegistry registry, Random rng)
    {
        var csps = registry.Csps;
        var totalWeight = csps.Sum(c => c.Weight);
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        var plans = new ReviewPlan[count];
        for (var i = 0; i < count; i++)
        {
            var pick = rng.Next(totalWeight);
            var csp = csps[0];
            foreach (var c in csps)
            {
                if (pick < c.Weight) { csp = c; break; }
                pick -= c.Weight;
            }
            YearMonth? published = null;
            if (rng.NextDouble() >= 0.01)
            {
                // More reviews are published in later years; none after the latest month.
                var year = 2012 + (int)(15 * Math.Sqrt(rng.NextDouble()));
                var month = 1 + rng.Next(year == LatestMonth.Year ? LatestMonth.Month : 12);
                published = new YearMonth(year, month);
            }
            var stem = $"{csp.Id}-{(published is { } p ? p.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) : "undated")}";
            var n = used.TryGetValue(stem, out var k) ? k + 1 : 1;
            used[stem] = n;
            plans[i] = new ReviewPlan(n == 1 ? stem : $"{stem}-{n}", csp, published);
        }
        return plans;
    }
}

internal sealed record ReviewPlan(string Id, GenCsp Csp, YearMonth? Published);
