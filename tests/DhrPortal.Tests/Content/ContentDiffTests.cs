using DhrPortal.Content;
using DhrPortal.Tests.Site.Build;

namespace DhrPortal.Tests.Content;

/// <summary>What a pull request's content adds or changes compared with its base, on small models written here.</summary>
public sealed class ContentDiffTests
{
    private static readonly (string, string) Cardiff = ("reviews/cardiff-2023.md", TestSites.Cardiff);
    private static readonly (string, string) Havering = ("reviews/havering-2022.md", TestSites.Havering);
    private static readonly (string, string) Manchester = ("reviews/manchester-2024.md", TestSites.Manchester);

    [Fact]
    public void Same_content_has_no_change()
    {
        var diff = ContentDiff.Compare(TestSites.Model(), TestSites.Model());

        Assert.True(diff.IsEmpty);
        Assert.Equal("No change to reviews, recommendations, agencies, themes or CSPs.\n", diff.ToText());
    }

    [Fact]
    public void A_new_review_brings_its_recommendations()
    {
        var before = TestSites.Model([Cardiff, Manchester]);
        var after = TestSites.Model([Cardiff, Havering, Manchester]);

        var diff = ContentDiff.Compare(before, after);

        Assert.Equal(["havering-2022"], diff.AddedReviews);
        Assert.Equal([("havering-2022", "1"), ("havering-2022", "2")], diff.AddedRecommendations.Select(r => (r.ReviewId, r.Label)));
        Assert.Empty(diff.RemovedReviews);
        Assert.Empty(diff.ChangedReviews);
        Assert.Contains("New reviews (1):\n  havering-2022 (2 recommendations)\n", diff.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_review_is_listed()
    {
        var diff = ContentDiff.Compare(TestSites.Model([Cardiff, Havering, Manchester]), TestSites.Model([Cardiff, Manchester]));

        Assert.Equal(["havering-2022"], diff.RemovedReviews);
        Assert.Empty(diff.AddedRecommendations);
    }

    [Fact]
    public void A_changed_title_and_an_added_recommendation_are_listed_on_the_review()
    {
        var edited = TestSites.Havering
            .Replace("title: Havering review", "title: Havering review (Adult B)", StringComparison.Ordinal)
            .Replace("""
                    text: The council should train housing staff.
                """, """
                    text: The council should train housing staff.
                  - label: "3"
                    to: [Met Police]
                    themes: [training]
                    text: The Met should train call handlers.
                """, StringComparison.Ordinal);
        Assert.NotEqual(TestSites.Havering, edited);

        var diff = ContentDiff.Compare(TestSites.Model([Cardiff, Havering, Manchester]), TestSites.Model([Cardiff, ("reviews/havering-2022.md", edited), Manchester]));

        var changed = Assert.Single(diff.ChangedReviews);
        Assert.Equal("havering-2022", changed.ReviewId);
        Assert.Equal(["title"], changed.Parts);
        var added = Assert.Single(diff.AddedRecommendations);
        Assert.Equal(("havering-2022", "3"), (added.ReviewId, added.Label));
        Assert.Empty(diff.AddedReviews);
    }

    [Fact]
    public void A_reworded_recommendation_changes_the_review_and_a_dropped_one_is_listed()
    {
        var edited = TestSites.Havering
            .Replace("The Met should review its response to repeat calls.", "The Met should review how it responds to repeat calls.", StringComparison.Ordinal)
            .Replace("""
                  - label: "2"
                    to: [London Borough of Havering]
                    themes: [training, record-keeping]
                    text: The council should train housing staff.
                """, "", StringComparison.Ordinal);
        Assert.DoesNotContain("label: \"2\"", edited, StringComparison.Ordinal);

        var diff = ContentDiff.Compare(TestSites.Model([Cardiff, Havering, Manchester]), TestSites.Model([Cardiff, ("reviews/havering-2022.md", edited), Manchester]));

        Assert.Equal(["recommendations"], Assert.Single(diff.ChangedReviews).Parts);
        Assert.Equal("2", Assert.Single(diff.RemovedRecommendations).Label);
        Assert.Empty(diff.AddedRecommendations);
    }

    [Fact]
    public void A_renamed_review_is_a_rename_not_a_removal_and_an_addition()
    {
        var renamed = TestSites.Havering
            .Replace("id: havering-2022", "id: havering-2022-adult-b", StringComparison.Ordinal)
            .Replace("relationship: intimate-partner", "relationship: intimate-partner\nprevious_ids: [havering-2022]", StringComparison.Ordinal);

        var diff = ContentDiff.Compare(TestSites.Model([Cardiff, Havering, Manchester]), TestSites.Model([Cardiff, ("reviews/havering-2022-adult-b.md", renamed), Manchester]));

        Assert.Equal([new RenamedReview("havering-2022", "havering-2022-adult-b")], diff.RenamedReviews);
        Assert.Empty(diff.AddedReviews);
        Assert.Empty(diff.RemovedReviews);
        Assert.Empty(diff.AddedRecommendations);
        Assert.Equal(["previous_ids"], Assert.Single(diff.ChangedReviews).Parts);
    }

    [Fact]
    public void New_agencies_and_themes_are_listed()
    {
        var themes = TestSites.Themes.Replace("""
                      - id: record-keeping
                """, """
                      - id: information-sharing
                        name: Information sharing
                        description: Whether agencies shared what they knew.
                      - id: record-keeping
                """, StringComparison.Ordinal);
        var agencies = TestSites.Agencies + "\n  - id: example-refuge\n    name: Example Refuge\n    sector: voluntary\n";
        Assert.NotEqual(TestSites.Themes, themes);

        var diff = ContentDiff.Compare(TestSites.Model(), TestSites.Model(themes: themes, agencies: agencies));

        Assert.Equal(["information-sharing"], diff.AddedThemes);
        Assert.Equal(["example-refuge"], diff.AddedAgencies);
        Assert.Empty(diff.RemovedThemes);
        Assert.Empty(diff.AddedReviews);
        Assert.Contains("New themes (1):\n  information-sharing\n", diff.ToText(), StringComparison.Ordinal);
        Assert.Contains("New agencies (1):\n  example-refuge\n", diff.ToText(), StringComparison.Ordinal);
    }
}
