using System.Text;
using DhrPortal.Loading;
using DhrPortal.Tests.TestSupport;
using Xunit;

namespace DhrPortal.Tests.Fuzz;

/// <summary>Inputs that once made <see cref="DhrPortal.Validation.ContentChecker"/> throw, found by <see cref="AnyBytesTests"/>.</summary>
public sealed class RegressionTests
{
    private static readonly InputSet Minimal = InputReader.Read(FixtureSupport.Valid("minimal"));

    private static List<string> Check(string path, string content) =>
        Check(path, Encoding.UTF8.GetBytes(content));

    private static List<string> Check(string path, byte[] bytes)
    {
        var result = FixtureSupport.Check(FixtureSupport.WithFile(Minimal, path, bytes));
        Assert.Null(result.Model);
        return result.Diagnostics.Select(FixtureSupport.Format).ToList();
    }

    // YamlDotNet threw InvalidOperationException from its scanner on a line separator inside a plain scalar.
    [Fact]
    public void Line_separator_in_a_flow_sequence() =>
        Assert.Equal(["themes.yml:9:23: error DHR004"],
            Check(InputReader.ThemesFile, Encoding.UTF8.GetString(Minimal.Themes!.Bytes).Replace("[MARAC,", "[MAR\u2028AC,", StringComparison.Ordinal)));

    [Fact]
    public void Line_separator_in_the_front_matter() =>
        Assert.Equal(["reviews/exampleton-2022.md:3:18: error DHR004"],
            Check("reviews/exampleton-2022.md",
                Encoding.UTF8.GetString(Minimal.Reviews[0].Bytes).Replace("Exampleton review", "Exampleton\u0085review", StringComparison.Ordinal)));

    [Fact]
    public void Line_separator_in_the_summary_is_fine()
    {
        var review = Encoding.UTF8.GetString(Minimal.Reviews[0].Bytes).Replace("Adult A died", "Adult A\u2028died", StringComparison.Ordinal);
        var result = FixtureSupport.Check(FixtureSupport.WithFile(Minimal, "reviews/exampleton-2022.md", Encoding.UTF8.GetBytes(review)));
        Assert.Empty(result.Diagnostics);
    }

    // YamlDotNet threw InvalidOperationException ("The scanner should contain no more tokens") for content after '...'.
    [Fact]
    public void Content_after_a_document_end_marker() =>
        Assert.Equal(["agencies.yml:1:1: error DHR004"], Check(InputReader.AgenciesFile, "...\ndhr* "));

    [Fact]
    public void Content_after_a_document_end_marker_in_front_matter() =>
        Assert.Equal("DHR004", Assert.Single(Check("reviews/exampleton-2022.md", "---\n  \n\n...\nname \n   \n---\nSummary.\n"))[^6..]);

    // Found by the mutation fuzzer: a flow mapping opened inside a flow sequence, with CR LF inserted.
    [Fact]
    public void Mutated_review_with_a_brace_and_crlf() =>
        Assert.NotEmpty(Check("reviews/exampleton-2022.md", Convert.FromBase64String(
            "LS0tCmlkOiBleGFtcGxldG9uLTIwMjIKdGl0bGU6IEV4YW1wbGV0b24gcmV2aWV3CmNzcDogZXhhbXBsZXRvbgpwdWJsaXNoZWQ6IDIwMjItMTIKeWVhcl9vZl9kZWF0aDogMjAxOQpyZXZpZXdfdHlwZTogZGhyCnJlbGF0aW9uc2hpcDogaW50aW1hdGUtcGFydG5lcgpzb3VyY2U6CiAgdXJ8OiBodHRwczovL2V4YW1wbGUub3JnL2V4YW1wbGV0b27vu78tZGhyLnBkZgogIGxpYnJhcnk6IEhvbWUgT2ZmaWNlIERIUiBMaWJyYXJ5CnJlY29tbWVuZGF0aW9uczoKICAtIGxhYmVsOiAiMSIKICAgIHRvOiBbRXhhbXBsZSBQb2xpY2VdCiAgICB0aGVtZXM6IFt1c2Utb2YtbWFyYWNzXQogICAgdGV4dDogRXhhbXBsZSBQb2xpY2Ugc2hvdWxkIHJlZmVyIGhpZ2gtcmlzayBjYXNlcyB0byB0aGUgTUFSQUMuCiAgLSBsYWJlbDogIjEiCiAgICB0bzogW0V4YW1wbGUgQm9yb3VnaHsgQ1xvdW5jaWxdCiAgICB0aGVtZXM6IFt0cmFpbmluZywgdXNlLW9mLW1hcmFjc10KICAgIHRleHQ6ID4tCiAgICAgIFRoZSBjb3VuY2lsIHNob3VsZCB0cmFpbiBpdHMgaG91c2luZyBzdGFmZi4KLS0tCkFkdWx0IEEgZGllZCBpbiAyMDE5LiBUaGUgcmV2aWV3IG1ldCBvbiA0IE1heSAyMDIxIHRvIGFncmVlIGl0cyB0ZXJtcyBvZiByZWZlcmVuY2UuCg==")));

    // A lone surrogate escape would make Slug.From (anchors) throw: YamlDotNet refuses it first.
    [Fact]
    public void Lone_surrogate_escape_in_a_label() =>
        Assert.Equal(["reviews/exampleton-2022.md:13:12: error DHR004"],
            Check("reviews/exampleton-2022.md",
                Encoding.UTF8.GetString(Minimal.Reviews[0].Bytes).Replace("label: \"1\"\n    to: [Example Police]", "label: \"\\ud800\"\n    to: [Example Police]", StringComparison.Ordinal)));
}
