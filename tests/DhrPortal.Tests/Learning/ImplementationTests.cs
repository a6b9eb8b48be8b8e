using System.Text;
using DhrPortal.Content;
using DhrPortal.Learning;
using DhrPortal.Loading;
using DhrPortal.Tests.Site.Build;
using DhrPortal.Tests.TestSupport;
using Xunit;

namespace DhrPortal.Tests.Learning;

/// <summary>
/// What "overdue" means and the month it is judged against: a target month before the reference
/// month, and not fully implemented; the reference month is <c>status_as_of</c> in site.yml, else the
/// latest status month in the content, never the clock.
/// </summary>
public sealed class ImplementationTests
{
    /// <summary>A national department besides the test site's local agencies.</summary>
    internal const string Agencies = TestSites.Agencies + """

          - id: home-office
            name: Home Office
            sector: national-government
            aliases: []
        """;

    /// <summary>Statuses whose latest month is 2025-06; recommendation 1 alone is overdue against it.</summary>
    internal const string Review = """
        ---
        id: havering-2024
        title: Havering review 2024
        csp: havering
        published: 2024-01
        review_type: dhr
        relationship: intimate-partner
        source:
          url: https://example.org/havering-2024.pdf
          library: Home Office DHR Library
        recommendations:
          - label: "1"
            to: [Met Police]
            themes: [police-response]
            text: Target passed, partly met.
            status:
              state: partly-met
              as_of: 2025-03
              target: 2025-01
              source: Havering CSP action plan update
          - label: "2"
            to: [Met Police]
            themes: [training]
            text: Target passed, but fully implemented.
            status: {state: fully-implemented, as_of: 2025-06, target: 2025-01}
          - label: "3"
            to: [Home Office]
            themes: [training]
            text: The target is the reference month itself.
            status: {state: not-met, as_of: 2025-06, target: 2025-06}
          - label: "4"
            to: [Home Office, London Borough of Havering]
            themes: [record-keeping]
            text: No target.
            status: {state: already-happening, as_of: 2025-02}
          - label: "5"
            to: [London Borough of Havering]
            themes: [record-keeping]
            text: No status.
        ---
        A summary.
        """;

    internal static string SiteWith(string statusAsOf) => TestSites.Site + "\nstatus_as_of: " + statusAsOf + "\n";

    internal static ContentModel Model(string? site = null) =>
        TestSites.Model([("reviews/havering-2024.md", Review)], agencies: Agencies, site: site);

    private static List<string> Overdue(ContentModel model)
    {
        var rule = Implementation.For(model);
        return model.Reviews.SelectMany(r => r.Recommendations).Where(rule.IsOverdue).Select(r => r.Label).ToList();
    }

    [Fact]
    public void Without_status_as_of_the_reference_month_is_the_latest_status_month()
    {
        var rule = Implementation.For(Model());
        Assert.Equal(new YearMonth(2025, 6), rule.ReferenceMonth);
        Assert.False(rule.ReferenceIsSet);
    }

    [Fact]
    public void Overdue_is_a_target_before_the_reference_month_and_not_fully_implemented()
    {
        // 2: target passed but fully implemented; 3: target equals the reference month; 4: no target; 5: no status.
        Assert.Equal(["1"], Overdue(Model()));
    }

    [Fact]
    public void Status_as_of_in_site_yml_sets_the_reference_month_later_or_earlier_than_the_statuses()
    {
        var later = Model(SiteWith("2025-07"));
        Assert.Equal(new YearMonth(2025, 7), Implementation.For(later).ReferenceMonth);
        Assert.True(Implementation.For(later).ReferenceIsSet);
        Assert.Equal(["1", "3"], Overdue(later));

        Assert.Empty(Overdue(Model(SiteWith("2024-12"))));
    }

    [Fact]
    public void With_no_status_and_no_status_as_of_there_is_no_reference_month_and_nothing_is_overdue()
    {
        var model = TestSites.Model();
        var bare = model with { Reviews = [.. model.Reviews.Select(r => r with { Recommendations = [.. r.Recommendations.Select(x => x with { Status = null })] })] };
        var rule = Implementation.For(bare);
        Assert.Null(rule.ReferenceMonth);
        Assert.False(rule.IsOverdue(new ImplementationStatus(ImplementationState.NotMet, new YearMonth(2020, 1), new YearMonth(2020, 2))));
    }

    [Fact]
    public void The_source_is_read_with_the_status()
    {
        var recs = Model().Reviews.Single().Recommendations;
        Assert.Equal("Havering CSP action plan update", recs[0].Status!.Source);
        Assert.Null(recs[1].Status!.Source);
    }

    [Theory]
    [InlineData(ImplementationState.FullyImplemented, ImplementationOutcome.Implemented)]
    [InlineData(ImplementationState.AlreadyHappening, ImplementationOutcome.Implemented)]
    [InlineData(ImplementationState.PartlyMet, ImplementationOutcome.PartlyImplemented)]
    [InlineData(ImplementationState.NotMet, ImplementationOutcome.NotImplemented)]
    [InlineData(ImplementationState.Unknown, ImplementationOutcome.NotKnown)]
    public void Each_state_maps_to_one_of_the_Commissioners_categories(ImplementationState state, ImplementationOutcome outcome) =>
        Assert.Equal(outcome, Implementation.OutcomeOf(state));

    [Fact]
    public void The_overview_counts_by_sector_theme_year_and_department_and_lists_national_recommendations()
    {
        var model = Model();
        var overview = Implementation.For(model).Overview(model);

        Assert.Equal(5, overview.All.Total);
        Assert.Equal(4, overview.All.WithStatus);
        Assert.Equal(1, overview.All.Overdue);
        Assert.Equal(2, overview.All[ImplementationOutcome.Implemented]); // fully implemented and already happening

        // Recommendation 4 is addressed to a department and a council: it counts in both sectors.
        Assert.Equal(["police", "local-authority", "national-government"], overview.BySector.Select(r => r.Key));
        var national = overview.BySector.Single(r => r.Key == Implementation.NationalSector).Tally;
        Assert.Equal((2, 1, 1), (national.Total, national[ImplementationOutcome.Implemented], national[ImplementationOutcome.NotImplemented]));
        Assert.Equal(2, overview.BySector.Single(r => r.Key == "local-authority").Tally.Total);

        Assert.Equal(["police-response", "training", "record-keeping"], overview.ByTheme.Select(r => r.Key.Id));
        Assert.Equal([(int?)2024], overview.ByYear.Select(r => r.Key));
        Assert.Equal(["home-office"], overview.ByDepartment.Select(r => r.Key.Id));
        Assert.Equal(["3", "4"], overview.National.Select(n => n.Recommendation.Label));
    }

    private static List<string> CheckSite(string siteYaml)
    {
        var input = FixtureSupport.WithFile(InputReader.Read(FixtureSupport.Valid("minimal")), InputReader.SiteFile,
            Encoding.UTF8.GetBytes("title: DhrPortal\nbase_url: https://dhrportal.example.org\nlicence: Open Government Licence v3.0\n" + siteYaml));
        return FixtureSupport.Check(input).Diagnostics.Select(FixtureSupport.Format).ToList();
    }

    [Theory]
    [InlineData("status_as_of: 2026-11\n", new string[0])]
    [InlineData("status_as_of: 2026-12\n", new[] { "site.yml:4:15: error DHR202" })]
    [InlineData("status_as_of: 2011-03\n", new[] { "site.yml:4:15: error DHR203" })]
    [InlineData("status_as_of: March 2025\n", new[] { "site.yml:4:15: error DHR105" })]
    [InlineData("status_of: 2025-03\n", new[] { "site.yml:4:1: error DHR103" })]
    public void Status_as_of_is_checked_like_the_other_dates(string line, string[] expected) =>
        Assert.Equal(expected, CheckSite(line));
}
