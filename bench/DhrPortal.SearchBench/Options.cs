using System.Globalization;

namespace DhrPortal.SearchBench;

/// <summary>Command line of the search benchmark.</summary>
internal sealed record Options
{
    public IReadOnlyList<int> Scales { get; init; } = [2000, 20000];
    public IReadOnlyList<string> Queries { get; init; } = SearchBench.Queries.All;
    public int Seed { get; init; } = 1;
    public string? Work { get; init; }
    public string? Dhr { get; init; }
    public bool Speed { get; init; } = true;
    public bool Relevance { get; init; } = true;
    public bool Slow4G { get; init; } = true;
    /// <summary>How many of the queries the Slow 4G condition runs (all when null): it is the slowest by far.</summary>
    public int? SlowQueries { get; init; }
    /// <summary>How many of the queries Pagefind per recommendation runs (all when null): tens of seconds each at 4x.</summary>
    public int? RecQueries { get; init; }
    /// <summary>How many of the queries Pagefind per review runs (all when null): at 20,000 reviews it takes tens of seconds a query.</summary>
    public int? PfQueries { get; init; }
    /// <summary>Measure the site and Pagefind indexes already in the work folder (no dhr build, no stage timings, no Pagefind indexing).</summary>
    public bool ReuseSite { get; init; }
    /// <summary>The conditions Pagefind runs (all when null), e.g. "cold 1x" only: its first-query bytes for the ratios, without hours at 4x.</summary>
    public IReadOnlyList<string>? PfConditions { get; init; }
    public IReadOnlyList<string> Engines { get; init; } = [Runner.Ours, Runner.PagefindReview, Runner.PagefindRec];

    public const string Usage = "usage: DhrPortal.SearchBench [--quick] [--scales 2000,20000] [--queries N] [--engines ours,pagefind-review,pagefind-rec] "
        + "[--no-speed] [--no-relevance] [--no-slow4g] [--slow-queries N] [--rec-queries N] [--pf-queries N] [--pf-conditions LIST] [--reuse-site] [--seed 1] [--work DIR] [--dhr PATH]";

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            o = args[i] switch
            {
                // Quick: the smaller corpus and six queries (a few minutes).
                "--quick" => o with { Scales = [2000], Queries = SearchBench.Queries.Quick },
                "--scales" => o with { Scales = Value().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() },
                "--queries" => o with { Queries = o.Queries.Take(int.Parse(Value(), CultureInfo.InvariantCulture)).ToList() },
                "--engines" => o with { Engines = Value().Split(',') },
                "--no-speed" => o with { Speed = false },
                "--no-relevance" => o with { Relevance = false },
                "--no-slow4g" => o with { Slow4G = false },
                "--slow-queries" => o with { SlowQueries = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--rec-queries" => o with { RecQueries = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--pf-queries" => o with { PfQueries = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--reuse-site" => o with { ReuseSite = true },
                "--pf-conditions" => o with { PfConditions = Value().Split(',') },
                "--seed" => o with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--work" => o with { Work = Value() },
                "--dhr" => o with { Dhr = Value() },
                _ => throw new ArgumentException($"unknown option '{args[i]}'."),
            };
        }
        var unknown = o.Engines.Except([Runner.Ours, Runner.PagefindReview, Runner.PagefindRec]).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"unknown engine '{unknown[0]}'.");
        return o;
    }
}
