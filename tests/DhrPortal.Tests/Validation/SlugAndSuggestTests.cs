using DhrPortal.Text;
using Xunit;

namespace DhrPortal.Tests.Validation;

public sealed class SlugTests
{
    [Theory]
    [InlineData("northampton-2023")]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("a-b-c")]
    [InlineData("nhs-manchester-ccg")]
    public void Valid_slugs(string s) => Assert.True(Slug.IsValid(s));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData("a--b")]
    [InlineData("A")]
    [InlineData("Northampton-2023")]
    [InlineData("a_b")]
    [InlineData("a b")]
    [InlineData("café")]
    [InlineData("a/b")]
    public void Invalid_slugs(string? s) => Assert.False(Slug.IsValid(s));

    [Fact]
    public void Slugs_are_at_most_100_characters()
    {
        Assert.True(Slug.IsValid(new string('a', 100)));
        Assert.False(Slug.IsValid(new string('a', 101)));
    }

    [Theory]
    [InlineData("Havering Review 2022!", "havering-review-2022")]
    [InlineData("  --a  b-- ", "a-b")]
    [InlineData("9.1 a", "9-1-a")]
    [InlineData("10.1.1", "10-1-1")]
    [InlineData("LFT", "lft")]
    [InlineData("Women & Girls", "women-girls")]
    [InlineData("!!!", "")]
    [InlineData("", "")]
    public void From_makes_slugs(string text, string slug) => Assert.Equal(slug, Slug.From(text));

    // Welsh place names and agency names carry accents; anchors must keep their letters.
    [Theory]
    [InlineData("Café déjà vu", "cafe-deja-vu")]
    [InlineData("Gwasanaeth Tân", "gwasanaeth-tan")]
    [InlineData("Ŵêlsh Çöuncil", "welsh-council")]
    [InlineData("a\u0301b", "ab")]
    public void From_drops_accents(string text, string slug) => Assert.Equal(slug, Slug.From(text));

    [Fact]
    public void From_truncates()
    {
        Assert.Equal("abc", Slug.From("abcdef", 3));
        Assert.Equal("r1-lft", "r" + Slug.From("1", 20) + "-" + Slug.From("LFT", 40));
    }

    [Theory]
    [InlineData("Havering Review 2022!")]
    [InlineData("Ŵêlsh Çöuncil — Adult Social Care")]
    [InlineData("日本語 text")]
    [InlineData("a\u0301b")]
    public void From_always_gives_a_valid_slug_or_nothing(string text)
    {
        var slug = Slug.From(text);
        Assert.True(slug.Length == 0 || Slug.IsValid(slug), slug);
    }
}

public sealed class SuggestTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("themse", "themes", 1)] // a transposition counts once
    [InlineData("abc", "abc", 0)]
    [InlineData("abc", "ABC", 3)] // case-sensitive; Closest lower-cases first
    public void Distance_is_optimal_string_alignment(string a, string b, int distance)
    {
        Assert.Equal(distance, Suggest.Distance(a, b));
        Assert.Equal(distance, Suggest.Distance(b, a));
    }

    [Fact]
    public void Bounded_distance_is_exact_up_to_its_bound()
    {
        var random = new Random(7);
        string Text() => new([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => (char)('a' + random.Next(4)))]);
        for (var n = 0; n < 5000; n++)
        {
            var (a, b, max) = (Text(), Text(), random.Next(0, 8));
            var exact = Suggest.Distance(a, b);
            var bounded = Suggest.Distance(a, b, max);
            if (exact <= max) Assert.Equal(exact, bounded);
            else Assert.True(bounded > max, $"'{a}' '{b}' max {max}: exact {exact}, bounded {bounded}");
        }
    }

    [Fact]
    public void Closest_orders_by_distance_then_name()
    {
        string[] known = ["relationship", "review_type", "recommendations", "title"];
        Assert.Equal(["relationship"], Suggest.Closest("relatonship", known, 3));
        Assert.Equal(["title"], Suggest.Closest("TITLE", known, 3));
        Assert.Empty(Suggest.Closest("zzz", known, 3));
    }

    [Fact]
    public void Closest_accepts_a_candidate_that_contains_the_input()
    {
        string[] allowed = ["intimate-partner", "familial", "suicide-following-domestic-abuse", "other"];
        Assert.Equal(["intimate-partner"], Suggest.Closest("partner", allowed, 1));
        Assert.Empty(Suggest.Closest("pa", ["intimate-partner"], 1)); // too short to match by containment
    }

    [Fact]
    public void Closest_returns_at_most_count()
    {
        string[] known = ["aa", "ab", "ac", "ad"];
        Assert.Equal(["aa", "ab"], Suggest.Closest("a", known, 2));
    }
}
