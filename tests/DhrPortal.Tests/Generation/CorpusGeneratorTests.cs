using System.Text;
using System.Text.RegularExpressions;
using DhrPortal.Content;
using DhrPortal.Generation;
using DhrPortal.Loading;
using DhrPortal.Validation;
using Xunit;

namespace DhrPortal.Tests.Generation;

public class CorpusGeneratorTests
{
    /// <summary>The last day of the generator's latest month: the earliest "today" on which the corpus is valid.</summary>
    private static readonly CheckOptions Options = new()
    {
        Today = CorpusGenerator.LatestDay,
    };

    private static readonly Lazy<(InputSet Input, CheckResult Result)> Corpus200 = new(() =>
    {
        var input = CorpusGenerator.Generate(200, 1);
        return (input, ContentChecker.Check(input, Options));
    });

    private static IEnumerable<SourceFile> AllFiles(InputSet set) =>
        new[] { set.Site, set.Themes, set.Agencies, set.Csps, set.Support }.OfType<SourceFile>().Concat(set.Reviews).Concat(set.Studies);

    [Fact]
    public void Same_seed_gives_byte_identical_files()
    {
        var a = AllFiles(CorpusGenerator.Generate(120, 42)).ToList();
        var b = AllFiles(CorpusGenerator.Generate(120, 42)).ToList();
        Assert.Equal(a.Select(f => f.Path), b.Select(f => f.Path));
        for (var i = 0; i < a.Count; i++) Assert.True(a[i].Bytes.AsSpan().SequenceEqual(b[i].Bytes), $"{a[i].Path} differs between two runs");
    }

    [Fact]
    public void Another_seed_gives_another_corpus()
    {
        var a = CorpusGenerator.Generate(20, 1).Reviews;
        var b = CorpusGenerator.Generate(20, 2).Reviews;
        Assert.NotEqual(a.Select(f => f.Path), b.Select(f => f.Path));
    }

    [Fact]
    public void A_larger_corpus_starts_with_the_same_registries()
    {
        var small = CorpusGenerator.Generate(10, 7);
        var large = CorpusGenerator.Generate(300, 7);
        Assert.Equal(small.Agencies!.Bytes, large.Agencies!.Bytes);
        Assert.Equal(small.Csps!.Bytes, large.Csps!.Bytes);
    }

    [Fact]
    public void Two_hundred_reviews_check_without_a_single_diagnostic()
    {
        var (input, result) = Corpus200.Value;
        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
        Assert.NotNull(result.Model);
        Assert.Equal(200, input.Reviews.Count);
        Assert.Equal(200, result.Model!.Reviews.Count);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(150, 2)]
    [InlineData(150, 3)]
    public void Other_seeds_and_sizes_are_valid_too(int reviews, int seed)
    {
        var result = ContentChecker.Check(CorpusGenerator.Generate(reviews, seed), Options);
        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(reviews, result.Model!.Reviews.Count);
    }

    [Fact]
    public void Registries_have_the_documented_sizes()
    {
        var model = Corpus200.Value.Result.Model!;
        Assert.InRange(model.Agencies.Count, 350, 500);
        Assert.InRange(model.Csps.Count, 250, 350);
        Assert.InRange(model.Themes.Count(), 35, 45);
        Assert.InRange(model.Areas.Count, 7, 9);
        Assert.Contains(model.Csps, c => c.Nation == "wales");
        Assert.True(model.Csps.Select(c => c.Region).Distinct().Count() >= 10);
        Assert.Contains(model.Agencies, a => a.Id.EndsWith("-ccg", StringComparison.Ordinal) && a.SuccessorId is { } s && s.EndsWith("-icb", StringComparison.Ordinal));
        Assert.True(model.Agencies.Count(a => a.Aliases.Count > 0) > model.Agencies.Count / 2);
    }

    [Fact]
    public void Reviews_have_a_realistic_shape()
    {
        var model = Corpus200.Value.Result.Model!;
        var extracted = model.Reviews.Where(r => r.RecommendationsStatus == RecommendationsStatus.Extracted).ToList();
        Assert.All(extracted, r => Assert.InRange(r.Recommendations.Count, 3, 45));
        Assert.InRange(extracted.Average(r => r.Recommendations.Count), 15, 25);
        Assert.Contains(extracted, r => r.Recommendations.Count >= 35);
        Assert.Contains(extracted, r => r.Recommendations.Count <= 6);

        var recs = extracted.SelectMany(r => r.Recommendations).ToList();
        Assert.All(recs, r => Assert.InRange(r.Themes.Count, 1, 3));
        Assert.InRange(recs.Average(r => r.To.Count), 1.3, 2.5);
        Assert.Contains(recs, r => Regex.IsMatch(r.Label, @"^\d+\.\d+\.\d+$"));   // "10.1.1"
        Assert.Contains(recs, r => Regex.IsMatch(r.Label, @"^\d+\.\d+ [a-z]$"));  // "9.1 a"
        Assert.Contains(recs, r => r.Status is not null);
        // Labels repeat within a review, addressed to different agencies.
        Assert.Contains(extracted, r => r.Recommendations.GroupBy(x => x.Label).Any(g => g.Count() > 1));

        // Addressees are written in varied ways: the review's own abbreviations, with departments, names and ids.
        var written = extracted.SelectMany(r => r.Recommendations.SelectMany(x => x.To).Select(a => (Review: r, a.AsWritten))).ToList();
        Assert.Contains(written, w => w.Review.Abbreviations.ContainsKey(w.AsWritten));
        Assert.Contains(written, w => w.AsWritten.Contains(' ', StringComparison.Ordinal) && w.Review.Abbreviations.ContainsKey(w.AsWritten.Split(' ')[0]));
        Assert.Contains(written, w => w.AsWritten == "All agencies");
        Assert.True(written.Select(w => w.AsWritten).Distinct().Count() > 300);

        Assert.Contains(model.Reviews, r => r.RecommendationsStatus == RecommendationsStatus.NotExtracted);
        Assert.Contains(model.Reviews, r => r.QaLetter is not null);
        Assert.Contains(model.Reviews, r => r.Type == ReviewType.Dard);
        Assert.All(model.Reviews.Where(r => r.Published is not null && r.YearOfDeath is not null), r => Assert.True(r.YearOfDeath < r.Published!.Value.Year));
        Assert.All(model.Reviews.Where(r => r.Published is not null), r => Assert.InRange(r.Published!.Value.Year, 2012, 2026));
    }

    [Fact]
    public void Summaries_are_several_paragraphs_and_obviously_synthetic()
    {
        var model = Corpus200.Value.Result.Model!;
        Assert.All(model.Reviews, r =>
        {
            Assert.Contains("synthetic", r.Summary, StringComparison.Ordinal);
            Assert.True(r.Summary.Split("\n\n").Length >= 4);
        });
        // Full dates appear, but never in a sentence about the death (the check above found none).
        Assert.Contains(model.Reviews, r => Regex.IsMatch(r.Summary, @"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b"));
    }

    [Fact]
    public void Files_are_written_as_editors_save_them()
    {
        var reviews = Corpus200.Value.Input.Reviews;
        Assert.All(reviews, f => Assert.Equal($"reviews/{Path.GetFileNameWithoutExtension(f.Path)}.md", f.Path));
        Assert.Contains(reviews, f => f.Bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]));
        Assert.Contains(reviews, f => f.Bytes.AsSpan().IndexOf("\r\n"u8) >= 0);
        Assert.True(reviews.Count(f => f.Bytes.AsSpan().IndexOf("\r\n"u8) < 0) > 180);
        var text = Encoding.UTF8.GetString(reviews[0].Bytes);
        Assert.StartsWith("---", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTo_writes_what_InputReader_reads_back()
    {
        var set = CorpusGenerator.Generate(30, 9);
        var dir = Path.Combine(Path.GetTempPath(), $"dhr-gen-test-{Guid.NewGuid():N}");
        try
        {
            CorpusGenerator.WriteTo(set, dir);
            var back = InputReader.Read(dir);
            var expected = AllFiles(set).ToList();
            var actual = AllFiles(back).ToList();
            Assert.Equal(expected.Select(f => f.Path), actual.Select(f => f.Path));
            for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i].Bytes, actual[i].Bytes);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
