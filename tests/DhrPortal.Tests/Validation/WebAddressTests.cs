using DhrPortal.Text;
using Xunit;

namespace DhrPortal.Tests.Validation;

/// <summary>Every URL field (source.url, base_url) refuses the same tricks.</summary>
public sealed class WebAddressTests
{
    [Theory]
    [InlineData("https://www.gov.uk/government/publications/dhr.pdf", true, false)]
    [InlineData("http://example.org/a?b=c#d", true, false)]
    [InlineData("https://dhrportal.example.org", false, true)]
    [InlineData("https://example.org/portal", false, true)]
    public void Plain_addresses_are_accepted(string value, bool allowHttp, bool siteRoot) =>
        Assert.Null(WebAddress.Problem(value, allowHttp, siteRoot, out _));

    [Theory]
    [InlineData("https://www.gov.uk@evil.example/dhr.pdf", "user name")]
    [InlineData("https://user:pass@example.org/", "user name")]
    [InlineData("https:\\\\evil.example", "backslash")]
    [InlineData("https://example.org/a\\b", "backslash")]
    [InlineData("https://example.org/a b", "space")]
    [InlineData("https://example.org/a\tb", "space")]
    [InlineData(" https://example.org/", "space")]
    [InlineData("javascript:alert(1)", "full")]
    [InlineData("https:/example.org", "full")]
    [InlineData("ftp://example.org/", "https://")]
    [InlineData("example.org", "full")]
    public void Tricks_are_refused_with_a_reason(string value, string reason) =>
        Assert.Contains(reason, WebAddress.Problem(value, allowHttp: true, siteRoot: false, out _), StringComparison.Ordinal);

    [Theory]
    [InlineData("https://example.org?x=1", "query")]
    [InlineData("https://example.org#top", "fragment")]
    [InlineData("https://example.org/", "ends with '/'")]
    [InlineData("http://example.org", "https://")]
    public void A_site_address_is_https_with_no_query_fragment_or_trailing_slash(string value, string reason) =>
        Assert.Contains(reason, WebAddress.Problem(value, allowHttp: false, siteRoot: true, out _), StringComparison.Ordinal);
}
