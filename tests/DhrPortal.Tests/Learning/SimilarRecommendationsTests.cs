using DhrPortal.Content;
using DhrPortal.Learning;
using DhrPortal.Site;
using DhrPortal.Site.Data;
using DhrPortal.Tests.Site.Build;
using static DhrPortal.Tests.Site.Data.DataTestModel;

namespace DhrPortal.Tests.Learning;

public class SimilarRecommendationsTests
{
    private const string Hark = "The Clinical Commissioning Group should ensure that all GP practices switch on the HARK domestic abuse template in EMIS so that clinicians are prompted to ask about abuse when patients present with anxiety or depression.";
    private const string HarkAgain = "That Exampleton CSP seeks assurance that GP surgeries have activated the HARK domestic abuse prompt template in EMIS, so that GPs are prompted to ask about abuse when patients present with anxiety.";
    private const string GpTraining = "GPs and practice nurses should receive training in recognising domestic abuse when patients present with anxiety.";
    private const string Unrelated = "The police should review how officers record non-crime domestic incidents.";

    // alpha: the original; beta: a reworded repeat and an unrelated one; gamma: a near miss, and a
    // confirmed repeat of alpha's (listed in repeats:).
    private static ContentModel Corpus() => Model(
        Review("alpha-2019", new YearMonth(2019, 5), [Rec(1, "1", "r1-ccg", Hark, ["CCG"], ["ccg"], ["training"])]),
        Review("beta-2021", new YearMonth(2021, 3),
        [
            Rec(1, "1", "r1-csp", HarkAgain, ["EP"], ["police"], ["training"]),
            Rec(2, "2", "r2-ep", Unrelated, ["EP"], ["police"], ["training"]),
        ]),
        Review("gamma-2023", new YearMonth(2023, 1),
        [
            Rec(1, "1", "r1-ccg", GpTraining, ["CCG"], ["ccg"], ["training"]),
            Rec(2, "2", "r2-ep", Unrelated + " Again.", ["EP"], ["police"], ["training"]) with
            {
                Repeats = [new RepeatRef("beta-2021", "r2-ep", Recommendation_span)],
            },
        ]));

    private static readonly DhrPortal.Diagnostics.SourceSpan Recommendation_span = DhrPortal.Diagnostics.SourceSpan.WholeFile("test");

    private static List<(string Id, string Anchor, RepeatKind Kind)> Listed(SimilarRecommendations s, ContentModel m, string review, string anchor)
    {
        var r = m.Reviews.Single(x => x.Id == review);
        return s.For(r, r.Recommendations.Single(x => x.Anchor == anchor)).Select(x => (x.Review.Id, x.Recommendation.Anchor, x.Kind)).ToList();
    }

    [Fact]
    public void A_reworded_request_in_another_review_is_a_repeat_and_a_same_topic_one_is_similar_or_absent()
    {
        var model = Corpus();
        var similar = SimilarRecommendations.Compute(model);

        var listed = Listed(similar, model, "alpha-2019", "r1-ccg");
        Assert.Equal(("beta-2021", "r1-csp", RepeatKind.Repeat), listed[0]);
        Assert.DoesNotContain(listed, l => l.Item3 == RepeatKind.Repeat && l.Item1 == "gamma-2023");
    }

    [Fact]
    public void A_confirmed_repeat_is_listed_under_both_recommendations_first()
    {
        var model = Corpus();
        var similar = SimilarRecommendations.Compute(model);

        Assert.Equal(("beta-2021", "r2-ep", RepeatKind.Confirmed), Listed(similar, model, "gamma-2023", "r2-ep")[0]);
        Assert.Equal(("gamma-2023", "r2-ep", RepeatKind.Confirmed), Listed(similar, model, "beta-2021", "r2-ep")[0]);
    }

    [Fact]
    public void Recommendations_of_the_same_review_are_never_listed()
    {
        var model = Corpus();
        var similar = SimilarRecommendations.Compute(model);

        foreach (var review in model.Reviews)
            foreach (var rec in review.Recommendations)
                Assert.DoesNotContain(similar.For(review, rec), s => s.Review.Id == review.Id);
    }

    [Fact]
    public void Repeats_csv_has_one_row_a_pair_confirmed_ones_with_the_listing_recommendation_as_a()
    {
        var model = Corpus();
        var csv = RepeatsCsv.Write(SimilarRecommendations.Compute(model)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("review_id_a,anchor_a,review_id_b,anchor_b,kind,score", csv[0]);
        Assert.Contains(csv, l => l.StartsWith("alpha-2019,r1-ccg,beta-2021,r1-csp,repeat,", StringComparison.Ordinal));
        Assert.Contains(csv, l => l.StartsWith("gamma-2023,r2-ep,beta-2021,r2-ep,confirmed,", StringComparison.Ordinal));
        Assert.Equal(csv.Length, csv.Distinct().Count());
    }

    [Fact]
    public void The_same_model_gives_the_same_bytes()
    {
        Assert.Equal(RepeatsCsv.Write(SimilarRecommendations.Compute(Corpus())), RepeatsCsv.Write(SimilarRecommendations.Compute(Corpus())));
    }

    [Fact]
    public void The_review_page_shows_them_under_the_recommendation_confirmed_and_detected_told_apart()
    {
        var site = TestSites.Build(Corpus());

        var alpha = TestSites.Html(site, UrlScheme.FileFor(UrlScheme.Review("alpha-2019")));
        var block = alpha.GetElementById("r1-ccg")!.QuerySelector(".rec__similar")!;
        Assert.StartsWith("Similar in ", block.QuerySelector(".rec__similar-title")!.TextContent, StringComparison.Ordinal);
        var first = block.QuerySelector("li")!;
        Assert.Equal("Probably asks the same as Review beta-2021, recommendation 1 (2021, to EP)", first.TextContent);
        Assert.Equal("/reviews/beta-2021/#r1-csp", first.QuerySelector("a")!.GetAttribute("href"));

        var beta = TestSites.Html(site, UrlScheme.FileFor(UrlScheme.Review("beta-2021")));
        var confirmed = beta.GetElementById("r2-ep")!.QuerySelector(".rec__similar li")!;
        Assert.Equal("Confirmed repeat Review gamma-2023, recommendation 2 (2023, to EP)", confirmed.TextContent);
        Assert.NotNull(TestSites.Text(site, UrlScheme.FileFor(UrlScheme.RepeatsCsv)));
    }

    [Fact]
    public void Every_review_page_says_whether_its_recommendations_are_close_to_others()
    {
        var site = TestSites.Build(Model(
            Review("alpha-2019", new YearMonth(2019, 5), [Rec(1, "1", "r1-ccg", Hark, ["CCG"], ["ccg"], ["training"]), Rec(2, "2", "r2-ep", Unrelated, ["EP"], ["police"], ["training"])]),
            Review("beta-2021", new YearMonth(2021, 3), [Rec(1, "1", "r1-csp", HarkAgain, ["EP"], ["police"], ["training"])]),
            Review("lone-2022", new YearMonth(2022, 3), [Rec(1, "1", "r1-ep", "Commissioners should fund a specialist advocate for older victims in care homes.", ["EP"], ["police"], ["training"])])));

        string Intro(string id) => TestSites.Html(site, UrlScheme.FileFor(UrlScheme.Review(id))).GetElementById(UrlScheme.RecommendationsAnchor)!.NextElementSibling!.TextContent;
        Assert.EndsWith("Under each, the closest recommendations of other reviews.", Intro("beta-2021"), StringComparison.Ordinal);
        Assert.EndsWith("Under 1 of them, the closest recommendations of other reviews.", Intro("alpha-2019"), StringComparison.Ordinal);
        Assert.EndsWith("None of them is close to a recommendation of another review in the portal yet.", Intro("lone-2022"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_review_lists_at_most_SimilarPerReviewPage_and_every_recommendation_its_closest_first()
    {
        // 16 recommendations, each confirmed as repeated by four later reviews (and, the texts being
        // alike, similar to others there too: 7 listed each, 112 in all), of which the page lists
        // 30: everyone's closest, then the second closest of the first 14.
        const int Count = 16;
        Recommendation Numbered(int i, string anchor, RepeatRef[] repeats) =>
            Rec(i, $"{i}", anchor, $"Agency {i} should review its procedure number {i} for case {i}.", ["EP"], ["police"], ["training"]) with { Repeats = repeats };
        var first = Review("long-2019", new YearMonth(2019, 5), [.. Enumerable.Range(1, Count).Select(i => Numbered(i, $"r{i}", []))]);
        var later = Enumerable.Range(1, 4).Select(k => Review($"later-202{k}", new YearMonth(2020 + k, 1),
            [.. Enumerable.Range(1, Count).Select(i => Numbered(i, $"r{i}", [new RepeatRef("long-2019", $"r{i}", Recommendation_span)]))]));
        var site = TestSites.Build(Model([first, .. later]));

        var page = TestSites.Html(site, UrlScheme.FileFor(UrlScheme.Review("long-2019")));
        var perRec = Enumerable.Range(1, Count).Select(i => page.GetElementById($"r{i}")!.QuerySelectorAll(".list-similar li").Length).ToList();
        Assert.Equal(SiteIndex.SimilarPerReviewPage, perRec.Sum());
        Assert.Equal([.. Enumerable.Repeat(2, SiteIndex.SimilarPerReviewPage - Count), .. Enumerable.Repeat(1, 2 * Count - SiteIndex.SimilarPerReviewPage)], perRec);
        Assert.Equal("Similar in 4 other reviews (1 of 7 listed here; all in the open data)", page.GetElementById($"r{Count}")!.QuerySelector(".rec__similar-title")!.TextContent);
    }
}
