using DhrPortal.Site.Markdown;
using DhrPortal.Content;
using DhrPortal.Diagnostics;
using DhrPortal.Learning;
using DhrPortal.Site;
using DhrPortal.Tests.Site.Build;
using static DhrPortal.Tests.Site.Data.DataTestModel;

namespace DhrPortal.Tests.Learning;

public class RecurringClustersTests
{
    private static readonly SourceSpan Span = SourceSpan.WholeFile("test");

    // Three wordings of one action (switch on the HARK template in EMIS), and one of the same topic
    // asking something else (train GPs).
    private const string Hark = "The Clinical Commissioning Group should ensure that all GP practices switch on the HARK domestic abuse template in EMIS so that clinicians are prompted to ask about abuse when patients present with anxiety or depression.";
    private const string HarkAgain = "That Exampleton CSP seeks assurance that GP surgeries have activated the HARK domestic abuse prompt template in EMIS, so that GPs are prompted to ask about abuse when patients present with anxiety.";
    private const string HarkThird = "GP practices must activate the HARK template in EMIS, prompting clinicians to ask patients with anxiety or depression about abuse.";
    private const string GpTraining = "GPs and practice nurses should receive training in recognising domestic abuse when patients present with anxiety.";

    private static ContentModel Harks() => Model(
        Review("alpha-2019", new YearMonth(2019, 5), [Rec(1, "1", "r1-ccg", Hark, ["CCG"], ["ccg"], ["mental-health"])]),
        Review("beta-2021", new YearMonth(2021, 3), [Rec(1, "1", "r1-ep", HarkAgain, ["EP"], ["police"], ["training"])]),
        Review("delta-2024", new YearMonth(2024, 2), [Rec(1, "1", "r1-ccg", HarkThird, ["CCG"], ["ccg"], ["mental-health"])]),
        Review("gamma-2023", new YearMonth(2023, 1), [Rec(1, "1", "r1-ccg", GpTraining, ["CCG"], ["ccg"], ["training"])]));

    private static string Ref(ClusterMember m) => $"{m.Review.Id}#{m.Recommendation.Anchor}";

    [Fact]
    public void Detected_repeats_in_three_reviews_make_one_cluster_newest_first_and_a_same_topic_one_stays_out()
    {
        var clusters = SimilarRecommendations.Compute(Harks()).Clusters;

        var cluster = Assert.Single(clusters);
        Assert.Equal(["delta-2024#r1-ccg", "beta-2021#r1-ep", "alpha-2019#r1-ccg"], cluster.Members.Select(Ref));
        Assert.Equal(3, cluster.Reviews);
        Assert.Equal((2019, 2024), (cluster.FirstYear, cluster.LastYear));
        Assert.False(cluster.HasConfirmed);
        Assert.Single(cluster.Members, m => m.Link is null);
    }

    [Fact]
    public void Similar_recommendations_that_are_not_repeats_make_no_cluster()
    {
        var model = Model(
            Review("alpha-2019", new YearMonth(2019, 5), [Rec(1, "1", "r1-ccg", Hark, ["CCG"], ["ccg"], ["training"])]),
            Review("gamma-2023", new YearMonth(2023, 1), [Rec(1, "1", "r1-ccg", GpTraining, ["CCG"], ["ccg"], ["training"])]));

        Assert.Empty(SimilarRecommendations.Compute(model).Clusters);
    }

    // Five unrelated texts, each confirmed by the editors as repeating the one before it: a chain.
    private static readonly string[] Unrelated =
    [
        "The police should review how officers record non-crime domestic incidents on the force system.",
        "Housing providers must publish a policy on emergency transfers for tenants fleeing abuse.",
        "Probation should complete home visits before approving a release address.",
        "Schools should receive Operation Encompass notifications before the next school day.",
        "Commissioners should fund an independent advocate for older victims in care homes.",
    ];

    [Fact]
    public void A_chain_of_repeats_is_cut_into_stars_every_member_a_repeat_of_its_centre()
    {
        var ids = new[] { "a-2015", "b-2016", "c-2017", "d-2018", "e-2019" };
        var reviews = ids.Select((id, i) => Review(id, new YearMonth(2015 + i, 1),
        [
            Rec(1, "1", "r1-ep", Unrelated[i], ["EP"], ["police"], ["training"]) with
            {
                Repeats = i == 0 ? [] : [new RepeatRef(ids[i - 1], "r1-ep", Span)],
            },
        ])).ToArray();

        var clusters = SimilarRecommendations.Compute(Model(reviews)).Clusters;

        // Linked transitively, the five would be one group, though a and e were never linked.
        Assert.Equal([["c-2017", "b-2016", "a-2015"], ["e-2019", "d-2018"]], clusters.Select(c => c.Members.Select(m => m.Review.Id).ToArray()));
        Assert.Equal("b-2016", clusters[0].Centre.Review.Id);
        Assert.All(clusters.SelectMany(c => c.Members), m => Assert.Equal(RepeatKind.Confirmed, m.Link));
        Assert.All(clusters, c => Assert.True(c.HasConfirmed));
    }

    [Fact]
    public void The_index_lists_a_cluster_under_every_theme_and_agency_of_its_members_and_the_page_it_is_on()
    {
        var model = Harks();
        var site = SiteIndex.Create(model, [], SimilarRecommendations.Compute(model), RenderedTexts.Of(model));

        var cluster = Assert.Single(site.Recurring);
        Assert.Same(cluster, Assert.Single(site.RecurringForTheme("training")));
        Assert.Same(cluster, Assert.Single(site.RecurringForTheme("mental-health")));
        Assert.Same(cluster, Assert.Single(site.RecurringForAgency("police")));
        Assert.Same(cluster, Assert.Single(site.RecurringForAgency("ccg")));
        Assert.Empty(site.RecurringForTheme("unused"));
        Assert.Equal(1, site.RecurringPageOf(cluster));
    }

    [Fact]
    public void The_national_page_lists_the_cluster_with_links_newest_first_and_says_what_confirmed_and_detected_mean()
    {
        var model = Harks();
        var centre = SimilarRecommendations.Compute(model).Clusters[0].Centre;
        var site = TestSites.Build(model);

        var page = TestSites.Page(site, UrlScheme.Recurring);
        Assert.Equal("Recurring recommendations", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("confirmed repeat", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("probably asks the same", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"main a[href='{UrlScheme.RepeatsDefinition}']"));
        var cluster = Assert.Single(page.QuerySelectorAll("main li.cluster"));
        Assert.Equal($"cluster-{centre.Review.Id}-{centre.Recommendation.Anchor}", cluster.Id);
        Assert.Equal("Asked in 3 reviews since 2019", cluster.QuerySelector("h2")!.TextContent);
        Assert.Equal(["/reviews/delta-2024/#r1-ccg", "/reviews/beta-2021/#r1-ep", "/reviews/alpha-2019/#r1-ccg"],
            cluster.QuerySelectorAll(".cluster__members a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void Theme_and_agency_pages_show_the_clusters_that_touch_them_and_link_the_national_page()
    {
        var site = TestSites.Build(Harks());

        foreach (var url in new[] { UrlScheme.Theme("training"), UrlScheme.Agency("ccg") })
        {
            var block = TestSites.Page(site, url).QuerySelector("section.recurring")!;
            Assert.Equal("Recurring recommendations", block.QuerySelector("h2")!.TextContent);
            Assert.Equal("Asked in 3 reviews since 2019", block.QuerySelector("li.cluster h3")!.TextContent);
            Assert.Equal(3, block.QuerySelectorAll(".cluster__members a").Length);
        }
        Assert.Null(TestSites.Page(site, UrlScheme.Theme("unused")).QuerySelector("section.recurring"));
    }

    [Fact]
    public void The_home_and_about_pages_link_the_national_page_and_the_definition()
    {
        var site = TestSites.Build(Harks());

        Assert.NotNull(TestSites.Page(site, UrlScheme.Home).QuerySelector($"main a[href='{UrlScheme.Recurring}']"));
        var about = TestSites.Page(site, UrlScheme.About);
        Assert.NotNull(about.GetElementById(UrlScheme.RepeatsAnchor));
        Assert.NotNull(about.QuerySelector($"main a[href='{UrlScheme.Recurring}']"));
    }

    [Fact]
    public void With_no_repeat_the_national_page_says_so()
    {
        var model = Model(Review("alpha-2019", new YearMonth(2019, 5), [Rec(1, "1", "r1-ccg", Hark, ["CCG"], ["ccg"], ["training"])]));
        var page = TestSites.Page(TestSites.Build(model), UrlScheme.Recurring);

        Assert.Contains("No recommendation in the portal has been asked again", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("li.cluster"));
    }
}
