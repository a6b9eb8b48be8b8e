using DhrPortal.Content;
using DhrPortal.Generation;
using DhrPortal.Learning;
using DhrPortal.Validation;
using Xunit;

namespace DhrPortal.Tests.Generation;

/// <summary>
/// The synthetic corpus carries realistic implementation statuses, so benches and page tests see the
/// implementation blocks: a share of recommendations with a status, every state, months after
/// publication, some targets, some overdue, most with a source.
/// </summary>
public sealed class GeneratedStatusTests
{
    private static readonly Lazy<ContentModel> Corpus = new(() =>
    {
        var result = ContentChecker.Check(CorpusGenerator.Generate(300, 1), new CheckOptions { Today = CorpusGenerator.LatestDay });
        Assert.True(result.Model is not null, "The generated corpus does not check:\n" + string.Join("\n", result.Diagnostics.Take(20)));
        return result.Model!;
    });

    [Fact]
    public void A_share_of_recommendations_has_a_status_in_every_state_reported_after_publication()
    {
        var recs = Corpus.Value.Reviews.SelectMany(r => r.Recommendations.Select(rec => (Review: r, Rec: rec))).ToList();
        var withStatus = recs.Where(x => x.Rec.Status is not null).ToList();
        var share = (double)withStatus.Count / recs.Count;
        Assert.InRange(share, 0.05, 0.5);
        Assert.Equal(Enum.GetValues<ImplementationState>().Order(), withStatus.Select(x => x.Rec.Status!.State).Distinct().Order());
        Assert.All(withStatus, x => Assert.True(x.Review.Published is { } p && x.Rec.Status!.AsOf > p, $"{x.Review.Id}#{x.Rec.Anchor}: status before publication"));
        Assert.Contains(withStatus, x => x.Rec.Status!.Target is not null);
        Assert.Contains(withStatus, x => x.Rec.Status!.Target is null);
        Assert.Contains(withStatus, x => x.Rec.Status!.Source is not null);
        Assert.Contains(withStatus, x => x.Rec.Status!.Source is null);
    }

    [Fact]
    public void Some_recommendations_are_overdue_including_national_ones()
    {
        var model = Corpus.Value;
        var overview = Implementation.For(model).Overview(model);
        Assert.InRange(overview.All.Overdue, 1, overview.All.WithStatus - 1);
        Assert.True(overview.ByDepartment.Sum(d => d.Tally.WithStatus) > 0, "No national recommendation has a status.");
    }
}
