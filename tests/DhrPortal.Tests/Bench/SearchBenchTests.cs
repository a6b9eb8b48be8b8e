using DhrPortal.SearchBench;

namespace DhrPortal.Tests.Bench;

/// <summary>The search benchmark's arithmetic: percentiles, ratios and the relevance metrics it prints.</summary>
public class SearchBenchTests
{
    [Fact]
    public void Percentiles_interpolate_between_closest_ranks()
    {
        double[] sample = [40, 10, 30, 20];
        Assert.Equal(25, Stats.Median(sample));
        Assert.Equal(10, Stats.Percentile(sample, 0));
        Assert.Equal(40, Stats.Percentile(sample, 100));
        Assert.Equal(38.5, Stats.P95(sample), 6);
        Assert.Equal(7, Stats.Median([7]));
        Assert.True(double.IsNaN(Stats.Median([])));
    }

    [Fact]
    public void A_ratio_to_nothing_is_not_a_number_and_prints_as_na()
    {
        Assert.Equal(0.5, Stats.Ratio(50, 100));
        Assert.True(double.IsNaN(Stats.Ratio(1, 0)));
        Assert.Equal("n/a", Stats.Show(Stats.Ratio(1, 0), "F2"));
        Assert.Equal("0.50", Stats.Show(0.5, "F2"));
    }

    [Fact]
    public void The_labelled_set_reads_block_and_flow_lists_and_counts_first_as_relevant()
    {
        var set = Relevance.Parse("""
            # a comment
            - query: marac
              first: manchester-2024#r1
              relevant: [manchester-2024#r1, havering-2022#r3]
            - query: "gp registration"
              first: salford-2021#r2
              relevant:
                - salford-2021#r5
            """);
        Assert.Equal(2, set.Count);
        Assert.Equal("marac", set[0].Query);
        Assert.Equal(["manchester-2024#r1", "havering-2022#r3"], set[0].Relevant);
        Assert.Equal(["salford-2021#r2", "salford-2021#r5"], set[1].Relevant);
    }

    [Fact]
    public void An_item_without_a_query_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => Relevance.Parse("- first: a#b\n"));
    }

    [Theory]
    [InlineData("/reviews/manchester-2024/#r1-police", "manchester-2024#r1-police")]
    [InlineData("http://127.0.0.1:5000/reviews/manchester-2024/#r1", "manchester-2024#r1")]
    [InlineData("/reviews/manchester-2024/", "manchester-2024")]
    [InlineData("/rec/manchester-2024/r1-police/", "manchester-2024#r1-police")]
    [InlineData("/themes/training/", null)]
    public void Result_links_become_review_and_anchor_keys(string href, string? key) =>
        Assert.Equal(key, Relevance.KeyOf(href));

    [Fact]
    public void Mrr_recall_and_zero_results_follow_their_definitions()
    {
        var set = new[]
        {
            new LabelledQuery("a", "x#1", ["x#1", "y#2"]),
            new LabelledQuery("b", "z#1", ["z#1"]),
            new LabelledQuery("c", "w#1", ["w#1", "w#2"]),
        };
        IReadOnlyList<IReadOnlyList<string?>> results =
        [
            ["x#1", "q#9", "y#2"],            // first relevant at rank 1, both found
            ["q#1", "q#2", "z#1"],            // rank 3, found
            [],                               // nothing
        ];
        var score = Relevance.Score(set, results);
        Assert.Equal((1 + 1.0 / 3 + 0) / 3, score.Mrr, 9);
        Assert.Equal((1 + 1 + 0) / 3.0, score.Recall, 9);
        Assert.Equal(1 / 3.0, score.ZeroResultRate, 9);
        Assert.Equal(1, score.FirstAtTop);
    }

    [Fact]
    public void Only_the_top_ten_count()
    {
        var set = new[] { new LabelledQuery("a", "x#1", ["x#1"]) };
        var eleven = Enumerable.Range(0, 10).Select(i => (string?)$"q#{i}").Append("x#1").ToList();
        var score = Relevance.Score(set, [eleven]);
        Assert.Equal(0, score.Mrr);
        Assert.Equal(0, score.Recall);
        Assert.Equal(0, score.ZeroResultRate);
    }
}
