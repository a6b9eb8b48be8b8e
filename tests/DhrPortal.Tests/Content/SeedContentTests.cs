using DhrPortal.Content;
using DhrPortal.Loading;
using DhrPortal.Validation;
using Xunit;

namespace DhrPortal.Tests.Content;

/// <summary>The real content under input/: the three extracted reviews, the Salford QA letter and the registries.</summary>
public class SeedContentTests
{
    private static readonly Lazy<CheckResult> Result = new(() =>
        ContentChecker.Check(InputReader.Read(RepoPaths.Input), new CheckOptions { Today = new DateOnly(2026, 11, 23) }));

    private static ContentModel Model
    {
        get
        {
            Assert.False(Result.Value.HasErrors, string.Join("\n", Result.Value.Diagnostics));
            return Result.Value.Model!;
        }
    }

    private static IEnumerable<Recommendation> AllRecommendations => Model.Reviews.SelectMany(r => r.Recommendations);

    [Fact]
    public void Input_checks_without_errors()
    {
        Assert.False(Result.Value.HasErrors, string.Join("\n", Result.Value.Diagnostics));
        Assert.NotNull(Result.Value.Model);
    }

    [Fact]
    public void Has_four_reviews_and_71_recommendations()
    {
        Assert.Equal(["havering-2022", "manchester-2024", "northampton-2023", "salford-2021"], Model.Reviews.Select(r => r.Id));
        Assert.Equal(71, AllRecommendations.Count());
        Assert.Equal(10, Review("manchester-2024").Recommendations.Count);
        Assert.Equal(26, Review("havering-2022").Recommendations.Count);
        Assert.Equal(35, Review("northampton-2023").Recommendations.Count);
    }

    [Fact]
    public void Every_addressee_resolves_to_an_agency()
    {
        var unresolved = AllRecommendations.SelectMany(r => r.To).Where(a => a.AgencyId is null).Select(a => a.AsWritten).ToList();
        Assert.Empty(unresolved);
    }

    [Fact]
    public void Every_recommendation_has_a_theme()
    {
        Assert.All(AllRecommendations, r => Assert.NotEmpty(r.Themes));
    }

    [Fact]
    public void Northampton_Partnership_Housing_and_Homes_are_one_agency()
    {
        var to = Review("northampton-2023").Recommendations.SelectMany(r => r.To).ToList();
        var housing = to.Where(a => a.AsWritten == "Northampton Partnership Housing").Select(a => a.AgencyId).Distinct().Single();
        var homes = to.Where(a => a.AsWritten == "Northampton Partnership Homes").Select(a => a.AgencyId).Distinct().Single();

        Assert.NotNull(housing);
        Assert.Equal(housing, homes);
        Assert.Equal(13, to.Count(a => a.AgencyId == housing));
    }

    [Fact]
    public void All_agencies_is_a_real_addressee()
    {
        var all = AllRecommendations.SelectMany(r => r.To).Where(a => a.AsWritten == "All agencies").ToList();

        Assert.NotEmpty(all);
        var id = all.Select(a => a.AgencyId).Distinct().Single();
        Assert.Equal("multi-agency", Model.Agencies.Single(a => a.Id == id).Sector);
    }

    [Fact]
    public void Commissioning_groups_have_integrated_care_board_successors()
    {
        string Successor(string name) => Model.Agencies.Single(a => a.Name == name).SuccessorId!;

        Assert.Equal("nhs-greater-manchester-icb", Successor("NHS Manchester Clinical Commissioning Group"));
        Assert.Equal("nhs-greater-manchester-icb", Successor("Manchester Health and Care Commissioning"));
        Assert.Equal("nhs-north-east-london-icb", Successor("NHS Havering Clinical Commissioning Group"));
        Assert.Equal("nhs-northamptonshire-icb", Successor("NHS Northamptonshire Clinical Commissioning Group"));
    }

    [Fact]
    public void Salford_is_known_from_its_qa_letter_only()
    {
        var salford = Review("salford-2021");

        Assert.Equal(RecommendationsStatus.NotExtracted, salford.RecommendationsStatus);
        Assert.Empty(salford.Recommendations);
        Assert.Null(salford.Published);
        Assert.Null(salford.YearOfDeath);
        var letter = Assert.IsType<QaLetter>(salford.QaLetter);
        Assert.Equal(new DateOnly(2021, 2, 18), letter.Date);
        Assert.Equal(8, letter.Points.Count);
        Assert.StartsWith("To improve anonymity", letter.Points[0], StringComparison.Ordinal);
        Assert.Contains("Chair of the Home Office DHR Quality Assurance Panel", letter.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Taxonomy_has_the_six_West_Midlands_areas()
    {
        var areas = Model.Areas.Select(a => a.Name).ToList();

        Assert.Subset(areas.ToHashSet(), new HashSet<string> { "Process and policy", "Tools", "Caring issues", "Health issues", "Services", "Systemic issues" });
        Assert.Equal(21, Model.Themes.Count(t => t.Source?.StartsWith("West Midlands thematic study 3.", StringComparison.Ordinal) == true));
    }

    private static Review Review(string id) => Model.Reviews.Single(r => r.Id == id);
}
