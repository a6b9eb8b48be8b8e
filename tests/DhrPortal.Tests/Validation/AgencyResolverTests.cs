using DhrPortal.Content;
using DhrPortal.Diagnostics;
using DhrPortal.Validation;
using Xunit;

namespace DhrPortal.Tests.Validation;

public sealed class AgencyResolverTests
{
    private static Agency Agency(string id, string name, params string[] aliases) => new()
    {
        Id = id, Name = name, Sector = "other", Aliases = aliases, Span = new SourceSpan("agencies.yml", 1, 1),
    };

    private static readonly AgencyResolver Resolver = new(
    [
        Agency("nelft", "North East London NHS Foundation Trust", "NELFT"),
        Agency("havering-council", "London Borough of Havering", "Havering Council"),
        Agency("havering-asc", "London Borough of Havering Adult Social Care"),
        Agency("met-police", "Metropolitan Police Service", "The Met", "MPS"),
        Agency("women-and-girls", "Women and Girls Network"),
        Agency("theatre-trust", "Theatre Trust"),
        Agency("all-agencies", "All agencies"),
        Agency("mind", "Mind", "Havering Mind"),
    ]);

    private static readonly AgencyResolver.Abbreviations None = AgencyResolver.Abbreviations.None;

    [Theory]
    [InlineData("north east london nhs foundation trust", "north east london nhs foundation trust")]
    [InlineData("NORTH  EAST   London NHS Foundation Trust.", "north east london nhs foundation trust")]
    [InlineData("  North-East London (NHS) Foundation Trust ", "north east london nhs foundation trust")]
    [InlineData("Women & Girls Network", "women and girls network")]
    [InlineData("Women&Girls Network", "women and girls network")]
    [InlineData("The Metropolitan Police Service", "metropolitan police service")]
    [InlineData("THE Met", "met")]
    [InlineData("Theatre Trust", "theatre trust")]
    [InlineData("Children's Services", "childrens services")]
    [InlineData("Children\u2019s Services", "childrens services")]
    [InlineData("", "")]
    [InlineData("...", "")]
    public void Normalize_ignores_case_punctuation_spacing_ampersand_and_a_leading_the(string name, string key) =>
        Assert.Equal(key, AgencyResolver.Normalize(name));

    [Fact]
    public void Normalize_removes_only_a_leading_the()
    {
        Assert.Equal("police of the north", AgencyResolver.Normalize("The Police of the North"));
        Assert.Equal("theatre", AgencyResolver.Normalize("Theatre"));
    }

    [Theory]
    [InlineData("nelft", "nelft")]
    [InlineData("NELFT", "nelft")]
    [InlineData("North East London NHS Foundation Trust", "nelft")]
    [InlineData("north-east london nhs foundation trust", "nelft")]
    [InlineData("the Met", "met-police")]
    [InlineData("Metropolitan Police Service.", "met-police")]
    [InlineData("Women & Girls Network", "women-and-girls")]
    [InlineData("women and girls network", "women-and-girls")]
    [InlineData("All Agencies", "all-agencies")]
    [InlineData("havering-council", "havering-council")]
    public void Resolves_ids_names_and_aliases(string asWritten, string id) =>
        Assert.Equal(id, Resolver.Resolve(asWritten, None));

    [Theory]
    [InlineData("Havering Police")]
    [InlineData("NELF")]
    [InlineData("")]
    public void Unknown_names_do_not_resolve(string asWritten) => Assert.Null(Resolver.Resolve(asWritten, None));

    [Fact]
    public void Abbreviations_are_expanded_then_looked_up()
    {
        var abbreviations = AgencyResolver.Abbreviations.Of(new Dictionary<string, string> { ["LA"] = "London Borough of Havering", ["LFT"] = "North East London NHS Foundation Trust" });
        Assert.Equal("havering-council", Resolver.Resolve("LA", abbreviations));
        Assert.Equal("havering-asc", Resolver.Resolve("LA Adult Social Care", abbreviations));
        Assert.Equal("nelft", Resolver.Resolve("LFT", abbreviations));
        Assert.Equal("nelft", Resolver.Resolve("the LFT", abbreviations));
    }

    [Fact]
    public void Abbreviations_are_expanded_as_whole_words_only()
    {
        var abbreviations = AgencyResolver.Abbreviations.Of(new Dictionary<string, string> { ["LA"] = "London Borough of Havering", ["MH"] = "Mental Health" });
        Assert.Equal("London Borough of Havering Adult Social Care", AgencyResolver.Expand("LA Adult Social Care", abbreviations));
        Assert.Equal("LAS", AgencyResolver.Expand("LAS", abbreviations));
        Assert.Equal("Atlas LAB", AgencyResolver.Expand("Atlas LAB", abbreviations));
        Assert.Equal("MH-LA", AgencyResolver.Expand("MH-LA", abbreviations)); // a hyphenated word is one word
        Assert.Equal("LA's", AgencyResolver.Expand("LA's", abbreviations));
        Assert.Equal("Mental Health (London Borough of Havering)", AgencyResolver.Expand("MH (LA)", abbreviations));
        Assert.Null(Resolver.Resolve("LAS", abbreviations));
        Assert.Null(Resolver.Resolve("Atlas", abbreviations));
    }

    [Fact]
    public void An_abbreviation_that_is_already_a_name_resolves_without_expansion()
    {
        var abbreviations = AgencyResolver.Abbreviations.Of(new Dictionary<string, string> { ["MPS"] = "Nowhere" });
        Assert.Equal("met-police", Resolver.Resolve("MPS", abbreviations));
    }

    [Fact]
    public void Suggestions_offer_the_closest_names_first()
    {
        var close = Resolver.Suggestions("North East London NHS Foundation Trusts");
        Assert.Equal("North East London NHS Foundation Trust", close[0]);
        Assert.Equal("Metropolitan Police Service", Resolver.Suggestions("Metropolitan Polce Service")[0]);
        Assert.Contains("London Borough of Havering", Resolver.Suggestions("Borough of Havering"));
    }

    // Issue 13, item 3: with 10,000 agencies, 500 unknown addressees took 25 s (each scanned every name).
    [Fact]
    public void Suggestions_among_ten_thousand_agencies_still_find_the_typo()
    {
        var random = new Random(13);
        string Word() => new([.. Enumerable.Range(0, random.Next(4, 10)).Select(_ => (char)('a' + random.Next(26)))]);
        var names = Enumerable.Range(0, 10_000).Select(i => $"{Word()} {Word()} {Word()}").ToList();
        var resolver = new AgencyResolver(names.Select((n, i) => Agency($"agency-{i}", n)));
        for (var i = 0; i < 500; i++)
        {
            var name = names[i * 20];
            var typo = name.Remove(name.Length / 2, 1);
            Assert.Equal(name, resolver.Suggestions(typo)[0]);
        }
    }

    [Fact]
    public void Suggestions_include_names_equal_to_their_id()
    {
        // "Mind" normalises to the same key as its id "mind": it is still a name worth suggesting.
        Assert.Contains("Mind", Resolver.Suggestions("Mimd"));
    }

    [Fact]
    public void Suggestions_never_show_ids_and_are_empty_for_unrelated_names()
    {
        Assert.Empty(Resolver.Suggestions("Zebra Crossing Wardens of Neptune"));
        Assert.DoesNotContain("met-police", Resolver.Suggestions("met police"));
        Assert.True(Resolver.Suggestions("Police", count: 2).Count <= 2);
    }

    [Fact]
    public void The_first_agency_wins_a_shared_name()
    {
        var resolver = new AgencyResolver([Agency("a", "Shared Name"), Agency("b", "Other", "Shared Name")]);
        Assert.Equal("a", resolver.Resolve("shared name", None));
    }

    [Fact]
    public void Abbreviations_may_be_several_words_and_the_longest_match_wins()
    {
        var abbreviations = AgencyResolver.Abbreviations.Of(new Dictionary<string, string>
        {
            ["Mental Health Services"] = "North East London NHS Foundation Trust",
            ["Mental Health"] = "Havering Mind",
            ["LA"] = "London Borough of Havering",
        });
        Assert.Equal("nelft", Resolver.Resolve("Mental Health Services", abbreviations));
        Assert.Equal("havering-asc", Resolver.Resolve("LA Adult Social Care", abbreviations));
        Assert.Equal("North East London NHS Foundation Trust and LAB", AgencyResolver.Expand("Mental Health Services and LAB", abbreviations));
    }
}
