using DhrPortal.Loading;
using Xunit;

namespace DhrPortal.Tests.Validation;

public sealed class FrontMatterTests
{
    [Theory]
    [InlineData("---\na: 1\n---\nBody\n", "a: 1\n", "Body\n", 4)]
    [InlineData("---\na: 1\n---", "a: 1\n", "", 4)]
    [InlineData("---\n---\nBody", "", "Body", 3)]
    [InlineData("---  \na: 1\n---\t\nBody", "a: 1\n", "Body", 4)] // trailing spaces on either fence line
    [InlineData("---\na: |\n  ---x\n---\n\nBody", "a: |\n  ---x\n", "\nBody", 5)]
    public void Splits_yaml_from_the_body(string text, string yaml, string body, int bodyLine)
    {
        Assert.True(FrontMatter.TrySplit(text, out var y, out var b, out var line));
        Assert.Equal((yaml, body, bodyLine), (y, b, line));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("---", true)]
    [InlineData("---\na: 1\n", true)]
    [InlineData("----\na: 1\n----\n", false)]
    [InlineData("Body\n---\na\n---\n", false)]
    [InlineData(" ---\na\n---\n", false)]
    public void Refuses_missing_or_unclosed_front_matter(string text, bool opens)
    {
        Assert.False(FrontMatter.TrySplit(text, out _, out _, out _));
        Assert.Equal(opens, FrontMatter.Opens(text));
    }
}
