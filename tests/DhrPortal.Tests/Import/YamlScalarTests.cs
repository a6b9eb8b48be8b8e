using System.Text;
using CsCheck;
using DhrPortal.Diagnostics;
using DhrPortal.Loading;
using Xunit;
using DhrPortal.Text;

namespace DhrPortal.Tests.Import;

/// <summary>Whatever the text, what the importer writes reads back as exactly that text.</summary>
public class YamlScalarTests
{
    // Characters YAML treats specially, spaces and line breaks, plus anything at all.
    private static readonly Gen<string> Texts = Gen.OneOf(
        Gen.String,
        Gen.String[" \t\n\r:#-?&*!|>'\"%@`,[]{}\\aZ9.\u0085\u2028\u00A0\uFEFF"],
        Gen.String["ab :#-'\" "]);

    private static string Expected(string s)
    {
        // A lone surrogate cannot be written as UTF-8; the importer writes U+FFFD instead.
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) sb.Append(s[i]).Append(s[++i]);
            else sb.Append(char.IsSurrogate(s[i]) ? '\uFFFD' : s[i]);
        }
        return sb.ToString();
    }

    private static string Read(string yaml)
    {
        var bag = new DiagnosticBag();
        var root = SafeYaml.Parse(yaml, "t.yml", 0, bag);
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items) + "\n" + yaml);
        var map = Assert.IsType<YamlMapping>(root);
        var value = map.Get("v");
        if (value is YamlSequence seq) value = Assert.Single(seq.Children);
        return Assert.IsType<YamlScalar>(value).Value;
    }

    [Fact]
    public void Folded_texts_round_trip() =>
        Texts.Sample(s => Assert.Equal(Expected(s), Read("v: " + Yaml.Block(s, indent: 2, width: 12) + "\n")));

    [Fact]
    public void Block_scalars_round_trip() =>
        Texts.Sample(s => Assert.Equal(Expected(s), Read("v: " + Yaml.Scalar(s, flow: false) + "\n")));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    // Found by the property above (seed fRdP824zDbf2): .NET's '$' also matches before a final line
    // break, so "a\n" was written plain and read back as "a".
    public void A_value_ending_in_a_line_break_is_quoted(bool flow) =>
        Assert.Equal("\"a\\n\"", Yaml.Scalar("a\n", flow));

    [Fact]
    public void Flow_scalars_round_trip() =>
        Texts.Sample(s => Assert.Equal(Expected(s), Read("v: [" + Yaml.Scalar(s, flow: true) + "]\n")));

    [Theory]
    [InlineData("Manchester Community Safety Partnership", "Manchester Community Safety Partnership")]
    [InlineData("NHS England", "NHS England")]
    [InlineData("true", "\"true\"")]
    [InlineData("1", "\"1\"")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("Agency: x", "\"Agency: x\"")]
    public void Flow_scalars_are_plain_only_when_unambiguous(string value, string written) =>
        Assert.Equal(written, Yaml.Scalar(value, flow: true));

    [Fact]
    public void Long_texts_are_folded_over_several_lines()
    {
        var text = string.Join(' ', Enumerable.Repeat("word: #x", 40));

        var written = Yaml.Block(text, indent: 6, width: 96);

        Assert.StartsWith(">-\n      word: #x", written, StringComparison.Ordinal);
        Assert.All(written.Split('\n').Skip(1), l => Assert.True(l.Length <= 6 + 96));
        Assert.Equal(text, Read("v: " + written + "\n"));
    }
}
