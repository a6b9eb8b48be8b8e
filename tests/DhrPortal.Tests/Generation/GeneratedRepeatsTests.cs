using DhrPortal.Generation;
using DhrPortal.Learning;
using DhrPortal.Validation;
using Xunit;

namespace DhrPortal.Tests.Generation;

/// <summary>The repeat clusters a generated corpus carries (RepeatPlan), as the repeats stage sees them.</summary>
public class GeneratedRepeatsTests
{
    [Fact]
    public void A_generated_corpus_asks_earlier_actions_again_and_confirms_a_few_and_still_checks()
    {
        var result = ContentChecker.Check(CorpusGenerator.Generate(400, 1), new CheckOptions { Today = CorpusGenerator.LatestDay });
        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
        var model = result.Model!;

        var confirmed = model.Reviews.SelectMany(r => r.Recommendations).Where(r => r.Repeats.Count > 0).ToList();
        Assert.NotEmpty(confirmed);
        var similar = SimilarRecommendations.Compute(model);
        Assert.True(similar.Pairs.Count(p => p.Kind == RepeatKind.Repeat) >= 50, $"{similar.Pairs.Count(p => p.Kind == RepeatKind.Repeat)} detected repeat pairs");
        Assert.True(similar.Clusters.Count >= 5, $"{similar.Clusters.Count} clusters");
        Assert.Contains(similar.Clusters, c => c.Reviews >= 5 && c.LastYear - c.FirstYear >= 3);
        Assert.Contains(similar.Clusters, c => c.HasConfirmed);
    }

    [Fact]
    public void Repeats_are_planned_from_the_seed_alone()
    {
        var a = CorpusGenerator.Generate(150, 7).Reviews.Select(f => f.Bytes).ToList();
        var b = CorpusGenerator.Generate(150, 7).Reviews.Select(f => f.Bytes).ToList();
        Assert.Equal(a, b);
        Assert.Contains(a, bytes => System.Text.Encoding.UTF8.GetString(bytes).Contains("    repeats: [", StringComparison.Ordinal));
    }
}
