using DhrPortal.Diagnostics;
using DhrPortal.Loading;
using Xunit;

namespace DhrPortal.Tests.Validation;

public sealed class SafeYamlTests
{
    private static Diagnostic Refused(string yaml, int lineOffset = 0)
    {
        var bag = new DiagnosticBag();
        Assert.Null(SafeYaml.Parse(yaml, "f.yml", lineOffset, bag));
        return Assert.Single(bag.Items);
    }

    private static string At(Diagnostic d) => $"{d.Code} {d.Span.Line}:{d.Span.Column}";

    [Theory]
    [InlineData("a: 1\nb:\n\tc: 2\n", "DHR004 3:1")]
    [InlineData("a:\n  b: 1\n  c:\n  \t- x\n", "DHR004 4:3")]
    public void A_tab_used_as_indentation_is_reported_at_the_tab(string yaml, string expected) => Assert.Equal(expected, At(Refused(yaml)));

    [Theory]
    [InlineData("a: &x 1\nb: *x\n", "DHR005 1:4")]
    [InlineData("a: *x\n", "DHR005 1:4")]
    [InlineData("- &x [1]\n", "DHR005 1:3")]
    [InlineData("? &k a\n: b\n", "DHR005 1:3")]
    public void Anchors_and_aliases_are_refused_at_the_first_one(string yaml, string expected) => Assert.Equal(expected, At(Refused(yaml)));

    [Fact]
    public void Nesting_is_limited_before_it_costs_stack()
    {
        Assert.Equal("DHR006", Refused(new string('[', 100_000)).Code);
        Assert.Equal("DHR006", Refused(new string('{', 100_000)).Code);
        Assert.Equal("DHR006", Refused(string.Concat(Enumerable.Repeat("- ", 50_000)) + "x").Code);
        Assert.Equal("DHR006", Refused(string.Concat(Enumerable.Range(0, 5_000).Select(i => new string(' ', i) + "k:\n"))).Code);
        var bag = new DiagnosticBag();
        Assert.NotNull(SafeYaml.Parse(new string('[', SafeYaml.MaxDepth) + new string(']', SafeYaml.MaxDepth), "f.yml", 0, bag));
        Assert.Empty(bag.Items);
    }

    [Fact]
    public void Duplicate_keys_are_reported_at_the_second()
    {
        Assert.Equal("DHR007 3:1", At(Refused("a: 1\nb: 2\na: 3\n")));
        Assert.Equal("DHR007 1:12", At(Refused("x: { k: 1, k: 2 }\n")));
    }

    [Fact]
    public void Duplicate_keys_are_found_in_mappings_of_any_size()
    {
        // A 2 MB file holds a flow mapping of 100,000 keys: compared pairwise, that is 5 billion comparisons.
        var keys = string.Join(", ", Enumerable.Range(0, 100_000).Select(i => $"k{i}: 1"));
        Assert.Equal("DHR007 1:" + (keys.Length + 7), At(Refused("x: {" + keys + ", k99999: 2}\n")));
        var bag = new DiagnosticBag();
        Assert.NotNull(SafeYaml.Parse("x: {" + keys + "}\n", "f.yml", 0, bag));
        Assert.Empty(bag.Items);
        // Keys that are collections are compared as YAML does (a mapping's order does not matter).
        var big = "{" + string.Join(", ", Enumerable.Range(0, 50_000).Select(i => $"a{i}: {i}")) + "}";
        var reordered = "{" + string.Join(", ", Enumerable.Range(0, 50_000).Reverse().Select(i => $"a{i}: {i}")) + "}";
        Assert.Equal("DHR007", Refused($"? {big}\n: 1\n? {reordered}\n: 2\n").Code);
        Assert.Equal("DHR007", Refused(string.Concat(Enumerable.Range(0, 40).Select(i => $"? [a, {i}]\n: 1\n")) + "? [a, 7]\n: 2\n").Code);
    }

    [Fact]
    public void Front_matter_line_numbers_are_shifted()
    {
        Assert.Equal("DHR005 3:4", At(Refused("a: 1\nb: &x 2\n", lineOffset: 1)));
    }

    [Theory]
    [InlineData("a: x\u2028y\n", "DHR004 1:5")]
    [InlineData("a: 1\nb: \"x\u2029\"\n", "DHR004 2:6")]
    [InlineData("a: [x\u0085]\n", "DHR004 1:6")]
    public void Unicode_line_separators_are_refused_where_they_are(string yaml, string expected) => Assert.Equal(expected, At(Refused(yaml)));

    [Fact]
    public void Content_after_a_document_end_marker_is_a_syntax_error_not_a_crash() =>
        Assert.Equal("DHR004", Refused("...\nx\n").Code);

    [Fact]
    public void Lone_surrogate_escapes_are_a_syntax_error() => Assert.Equal("DHR004 1:4", At(Refused("a: \"\\ud800\"\n")));

    [Fact]
    public void Two_documents_are_refused() => Assert.Equal("DHR004 3:1", At(Refused("a: 1\n---\nb: 2\n")));

    [Fact]
    public void Only_comments_is_no_document()
    {
        var bag = new DiagnosticBag();
        Assert.Null(SafeYaml.Parse("# nothing\n\n", "f.yml", 0, bag));
        Assert.Empty(bag.Items);
    }
}
