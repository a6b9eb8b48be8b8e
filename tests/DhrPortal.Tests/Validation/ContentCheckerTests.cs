using System.Text;
using DhrPortal.Diagnostics;
using DhrPortal.Loading;
using DhrPortal.Tests.TestSupport;
using Xunit;

namespace DhrPortal.Tests.Validation;

/// <summary>What the fixture specification does not show: help texts, the model built for valid inputs, and checker-wide behaviour.</summary>
public sealed class ContentCheckerTests
{
    private static Diagnostic Only(string fixture, string code)
    {
        var result = FixtureSupport.CheckFolder(FixtureSupport.Invalid(fixture));
        return Assert.Single(result.Diagnostics, d => d.Code == code);
    }

    [Fact]
    public void Unknown_addressee_help_suggests_the_closest_name_first()
    {
        var d = Only("unknown-addressee", "DHR401");
        Assert.Contains("'Exampel Police'", d.Message, StringComparison.Ordinal);
        Assert.StartsWith("Closest known: 'Example Police'", d.Help, StringComparison.Ordinal);
        Assert.Contains("aliases:", d.Help, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_addressee_with_nothing_close_says_how_to_add_it()
    {
        var d = Only("unknown-addressee-nothing-close", "DHR401");
        Assert.StartsWith("Add \"Quarry Lane Drop-in\" to the 'aliases:'", d.Help, StringComparison.Ordinal);
        Assert.DoesNotContain("one of those", d.Help, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown-key-in-recommendation", "DHR103", "Did you mean 'themes'?")]
    [InlineData("unknown-key-in-registry", "DHR103", "Did you mean 'aliases'?")]
    [InlineData("unknown-key-in-status", "DHR103", "Did you mean 'as_of'?")]
    [InlineData("invalid-relationship", "DHR104", "Did you mean 'intimate-partner'?")]
    [InlineData("invalid-sector", "DHR104", "Did you mean 'police'?")]
    [InlineData("unknown-csp", "DHR403", "Did you mean 'exampleton'?")]
    [InlineData("unknown-theme", "DHR402", "Did you mean 'use-of-maracs'?")]
    [InlineData("invalid-slug-id", "DHR106", "'exampleton-2022'")]
    [InlineData("yaml-tab-indentation", "DHR004", "indentation")]
    public void Help_points_at_the_fix(string fixture, string code, string help) =>
        Assert.Contains(help, Only(fixture, code).Help ?? "", StringComparison.Ordinal);

    [Fact]
    public void Utf16_is_named_in_the_message() =>
        Assert.Contains("UTF-16", Only("utf16-bom", "DHR001").Message, StringComparison.Ordinal);

    [Fact]
    public void Abbreviations_resolve_addressees_and_keep_them_as_written()
    {
        var result = FixtureSupport.CheckFolder(FixtureSupport.Invalid("addressee-via-abbreviation"));
        Assert.NotNull(result.Model);
        var recs = Assert.Single(result.Model.Reviews).Recommendations;
        Assert.Equal([("EP", "example-police")], recs[0].To.Select(a => (a.AsWritten, a.AgencyId)));
        Assert.Equal([("the EBC", "example-council"), ("EP", "example-police")], recs[1].To.Select(a => (a.AsWritten, a.AgencyId)));
        Assert.Equal("r1-ep", recs[0].Anchor);
    }

    [Fact]
    public void A_bom_and_crlf_file_gives_the_same_review_as_the_plain_one()
    {
        var plain = Assert.Single(FixtureSupport.CheckFolder(FixtureSupport.Valid("minimal")).Model!.Reviews);
        var crlf = Assert.Single(FixtureSupport.CheckFolder(FixtureSupport.Invalid("utf8-bom-crlf")).Model!.Reviews);
        Assert.Equal(plain.Title, crlf.Title);
        Assert.Equal(plain.Summary, crlf.Summary);
        Assert.Equal(plain.SummaryLine, crlf.SummaryLine);
        Assert.Equal(plain.IdSpan, crlf.IdSpan);
        Assert.Equal(plain.Recommendations.Select(r => (r.Anchor, r.Text, r.Span)), crlf.Recommendations.Select(r => (r.Anchor, r.Text, r.Span)));
    }

    [Fact]
    public void A_file_name_mismatch_is_only_a_warning()
    {
        var result = FixtureSupport.CheckFolder(FixtureSupport.Invalid("file-name-mismatch"));
        Assert.False(result.HasErrors);
        Assert.Equal(1, result.WarningCount);
        Assert.Equal("exampleton-2022", Assert.Single(result.Model!.Reviews).Id);
    }

    [Fact]
    public void The_minimal_model_is_linked()
    {
        var model = FixtureSupport.CheckFolder(FixtureSupport.Valid("minimal")).Model!;
        Assert.Equal("https://dhrportal.example.org/", model.Settings.BaseUrl.ToString());
        Assert.Equal(["use-of-maracs", "training"], model.Themes.Select(t => t.Id));
        Assert.Equal("example-unitary", model.Agencies.Single(a => a.Id == "example-council").SuccessorId);
        var review = Assert.Single(model.Reviews);
        Assert.Equal(new DhrPortal.Content.YearMonth(2022, 12), review.Published);
        Assert.Equal(["r1-example-police", "r1-example-borough-council"], review.Recommendations.Select(r => r.Anchor));
        Assert.Equal([1, 2], review.Recommendations.Select(r => r.Order));
        Assert.Equal(23, review.SummaryLine);
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_in_one_run()
    {
        var input = InputReader.Read(FixtureSupport.Valid("minimal"));
        var review = Encoding.UTF8.GetString(input.Reviews[0].Bytes)
            .Replace("csp: exampleton", "csp: nowhere", StringComparison.Ordinal)
            .Replace("published: 2022-12", "published: 2022-13", StringComparison.Ordinal)
            .Replace("themes: [use-of-maracs]", "themes: [no-such-theme]", StringComparison.Ordinal)
            .Replace("to: [Example Police]", "to: [Nobody]", StringComparison.Ordinal)
            .Replace("relationship: intimate-partner", "relationship: friend", StringComparison.Ordinal);
        var result = FixtureSupport.Check(FixtureSupport.WithFile(input, "reviews/exampleton-2022.md", Encoding.UTF8.GetBytes(review)));
        Assert.Equal(["DHR104", "DHR105", "DHR401", "DHR402", "DHR403"], result.Diagnostics.Select(d => d.Code).Order(StringComparer.Ordinal));
        Assert.Null(result.Model);
    }

    [Fact]
    public void Results_do_not_depend_on_the_order_reviews_are_checked_in()
    {
        var input = InputReader.Read(FixtureSupport.Invalid("duplicate-review-id"));
        var many = input with
        {
            Reviews = Enumerable.Range(0, 40)
                .SelectMany(i => input.Reviews.Select(r => r with { Path = $"reviews/{i:D2}/{Path.GetFileName(r.Path)}" }))
                .ToList(),
        };
        var first = FixtureSupport.Check(many).Diagnostics.Select(FixtureSupport.Format).ToList();
        for (var run = 0; run < 5; run++)
            Assert.Equal(first, FixtureSupport.Check(many).Diagnostics.Select(FixtureSupport.Format));
        Assert.Equal(79, first.Count(l => l.EndsWith("DHR301", StringComparison.Ordinal)));
    }

    [Fact]
    public void Missing_registries_are_each_reported_once_and_site_yml_is_optional()
    {
        var result = FixtureSupport.Check(new InputSet { Reviews = [] });
        Assert.Equal(["agencies.yml:0:0: error DHR405", "csps.yml:0:0: error DHR405", "themes.yml:0:0: error DHR405"],
            result.Diagnostics.Select(FixtureSupport.Format));
    }

    [Fact]
    public void Registries_without_reviews_make_an_empty_portal()
    {
        var input = InputReader.Read(FixtureSupport.Valid("minimal")) with { Reviews = [] };
        var result = FixtureSupport.Check(input);
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.Model!.Reviews);
    }
}
