using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using DhrPortal.Loading;
using DhrPortal.Site;
using DhrPortal.Tests.TestSupport;
using DhrPortal.Theme;
using DhrPortal.Validation;
using Xunit;
using Xunit.Abstractions;

namespace DhrPortal.Tests.Fuzz;

/// <summary>
/// The promise to editors: whatever <c>check</c> accepts, <c>build</c> renders, and in proportion to the
/// input. Reviews get Markdown-heavy summaries, recommendation texts and QA points (nesting, links,
/// emphasis, entities, long words, images, runs of one piece repeated hundreds of times), or the valid
/// review mutated with the same pieces anywhere in the file. For each: nothing throws out of the library;
/// when check reports no error, the build succeeds and writes at most <see cref="MaxOutputGrowthPerInputByte"/>
/// bytes more than the unchanged site per byte of review. Time is bounded through that amount of work,
/// not by a clock (bench figures are in the report of issue 13). Deterministic: input i is made from
/// PCG(i, seed); DHR_FUZZ_ITERATIONS and DHR_FUZZ_SEED as in <see cref="AnyBytesTests"/>.
/// </summary>
public sealed class MarkdownBuildTests(ITestOutputHelper output)
{
    private const ulong DefaultSeed = 20261203;
    private const int DefaultIterations = 150;

    /// <summary>
    /// Bound on the output's growth per review byte, about four times the most measured: with the default
    /// seed and 150 inputs of each kind (about 100 of each passing check), at most 15.1 bytes per byte for
    /// Markdown texts and 22.0 for the mutated summary. A text is shown on its review, theme and agency
    /// pages, in the open data and the feed, and its words are indexed; before the word limit, one word
    /// of 100,000 letters made the build use 13.9 GB.
    /// </summary>
    private const double MaxOutputGrowthPerInputByte = 100;

    private static int Iterations =>
        int.TryParse(Environment.GetEnvironmentVariable("DHR_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultIterations;

    private static ulong Seed =>
        ulong.TryParse(Environment.GetEnvironmentVariable("DHR_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;

    private static readonly Lazy<InputSet> Minimal = new(() => InputReader.Read(FixtureSupport.Valid("minimal")));
    private const string ReviewPath = "reviews/exampleton-2022.md";
    private const string Summary = "Adult A died in 2019. The review met on 4 May 2021 to agree its terms of reference.";
    private const string RecText = "text: Example Police should refer high-risk cases to the MARAC.";

    private static readonly string[] Pieces =
    [
        ">", "> ", "- ", "* ", "+ ", "1. ", "a) ", "  ", "    ", "\n", "\n\n", "[", "]", "](", "(", ")", "[a](https://x.org/a)",
        "[b](javascript:alert(1))", "[c](/about/)", "[d][r]", "\n\n[r]: data:text/html,x\n", "![e](data:image/png;base64,AAAA)",
        "![m](https://evil.example/i.png)", "<https://x.org/a>", "<javascript:y>", "<a@b.org>", "www.x.org", "*", "**", "_", "__",
        "~~", "^", "`", "```\n", "&#77;", "&#105;", "&amp;", "&#x3C;", "&nbsp;", "&bogus;", "\\", "# ", "## ", "|", "| a | b |\n|---|---|\n| c | d |\n",
        "---\n", "<b>", "<script>x</script>", "died ", " killed", " on ", " 12", " March ", "2019 ", " 4/5/2019", ". ", "word ", "Adult A ", "\u00e9 ",
        "\U0001F600", "\u2028", "\t",
    ];

    private static readonly Gen<string> Piece = Gen.Int[0, Pieces.Length - 1].Select(i => Pieces[i]);

    /// <summary>Markdown made of pieces, long words and long runs of one piece (to reach every limit from both sides).</summary>
    private static readonly Gen<string> MarkdownText = Gen.Frequency(
        (400, Piece),
        (20, Gen.Int[1, ContentLimits.MaxWordLength].Select(n => new string('w', n) + " ")),
        (1, Gen.Int[ContentLimits.MaxWordLength + 1, ContentLimits.MaxWordLength + 20].Select(n => new string('w', n) + " ")),
        (40, Gen.Select(Piece, Gen.Int[2, 60], (p, n) => string.Concat(Enumerable.Repeat(p, n)))),
        (10, Gen.Select(Piece, Gen.Int[60, 400], (p, n) => string.Concat(Enumerable.Repeat(p, n)))))
        .Array[0, 30].Select(string.Concat);

    private static readonly Gen<(string Summary, string Rec, string Point)> Texts = Gen.Select(MarkdownText, MarkdownText, MarkdownText);

    [Fact]
    public void Markdown_heavy_reviews_that_pass_check_build_in_proportion() =>
        Run("Markdown texts", Texts, t =>
        {
            var review = Encoding.UTF8.GetString(Minimal.Value.Reviews[0].Bytes)
                .Replace(Summary, t.Summary, StringComparison.Ordinal)
                .Replace(RecText, "text: " + JsonSerializer.Serialize(t.Rec.Length == 0 ? "x" : t.Rec), StringComparison.Ordinal)
                .Replace("---\n" + t.Summary, "qa_letter:\n  date: 2021-02-18\n  points: [" + JsonSerializer.Serialize(t.Point.Length == 0 ? "x" : t.Point)
                    + "]\n  text: " + JsonSerializer.Serialize(t.Summary.Length == 0 ? "x" : t.Summary) + "\n---\n" + t.Summary, StringComparison.Ordinal);
            return Encoding.UTF8.GetBytes(review);
        });

    private static readonly Gen<(double At, string Piece)[]> Insertions = Gen.Select(Gen.Double[0, 1], MarkdownText).Array[1, 6];

    // The valid summary with Markdown inserted anywhere in it (AnyBytesTests mutates the YAML).
    [Fact]
    public void Mutated_reviews_that_pass_check_build_in_proportion() =>
        Run("mutated review", Insertions, insertions =>
        {
            var summary = Summary;
            foreach (var (at, piece) in insertions)
            {
                var i = (int)(at * summary.Length);
                summary = summary[..i] + piece + summary[i..];
            }
            return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Minimal.Value.Reviews[0].Bytes).Replace(Summary, summary, StringComparison.Ordinal));
        });

    private void Run<T>(string kind, Gen<T> gen, Func<T, byte[]> make)
    {
        var seed = Seed;
        var baseline = OutputBytes(SiteBuilder.Build(FixtureSupport.Check(Minimal.Value).Model!, new DefaultTheme()).Output!);
        var failures = new ConcurrentBag<(int Iteration, string Report)>();
        var built = 0;
        var codes = new ConcurrentDictionary<string, int>();
        var worst = 0.0;
        var worstLock = new object();
        Parallel.For(0, Iterations, i =>
        {
            var bytes = make(gen.Generate(new PCG((uint)i, seed), null, out _));
            var input = FixtureSupport.WithFile(Minimal.Value, ReviewPath, bytes);
            string Describe() => $"{ReviewPath} = Convert.FromBase64String(\"{Convert.ToBase64String(bytes)}\")";
            try
            {
                var result = FixtureSupport.Check(input);
                if (result.HasErrors != (result.Model is null)) { failures.Add((i, "a model exactly when there is no error\n" + Describe())); return; }
                foreach (var code in result.Diagnostics.Where(d => d.Severity == DhrPortal.Diagnostics.Severity.Error).Select(d => d.Code).Distinct())
                    codes.AddOrUpdate(code, 1, (_, n) => n + 1);
                if (result.Model is null) return;
                var build = SiteBuilder.Build(result.Model, new DefaultTheme());
                if (!build.Succeeded)
                {
                    failures.Add((i, "check passed, build failed: " + string.Join("; ", build.Diagnostics.Select(d => d.ToString())) + "\n" + Describe()));
                    return;
                }
                Interlocked.Increment(ref built);
                var growth = Math.Max(0, OutputBytes(build.Output!) - baseline) / (double)bytes.Length;
                lock (worstLock) worst = Math.Max(worst, growth);
                if (growth > MaxOutputGrowthPerInputByte)
                    failures.Add((i, $"output grew by {growth:F0} bytes per review byte\n" + Describe()));
            }
            catch (Exception e)
            {
                failures.Add((i, $"{e.GetType().Name}: {e.Message}\n{e.StackTrace}\n{Describe()}"));
            }
        });
        output.WriteLine($"{kind}: {Iterations} inputs from seed {seed}, {built} passed check and built; output growth at most {worst:F1} bytes per review byte; "
            + "inputs refused, by code: " + string.Join(", ", codes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}")));
        if (failures.IsEmpty) return;
        Assert.Fail($"{failures.Count} of {Iterations} {kind} inputs failed.\n"
            + string.Join("\n", failures.OrderBy(f => f.Iteration).Take(3).Select(f => $"--- seed {seed}, iteration {f.Iteration}: {f.Report}")));
    }

    private static long OutputBytes(SiteOutput site) => site.Files.Values.Sum(f => (long)f.Bytes.Length);
}
