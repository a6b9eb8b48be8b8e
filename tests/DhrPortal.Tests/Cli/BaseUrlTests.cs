using DhrPortal.Cli;
using DhrPortal.Tests.TestSupport;

namespace DhrPortal.Tests.Cli;

/// <summary>
/// Where a build's base URL comes from: <c>--base-url</c>, else Netlify's <c>URL</c> (production) or
/// <c>DEPLOY_PRIME_URL</c> (deploy previews, branch deploys) as <c>CONTEXT</c> says, else site.yml.
/// </summary>
public sealed class BaseUrlTests
{
    private static (bool Ok, string? Url, BaseUrlSource Source, string? Error) Resolve(string? option, params (string Name, string Value)[] environment)
    {
        var env = environment.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        var ok = BaseUrlOption.TryResolve(option, name => env.GetValueOrDefault(name), out var url, out var source, out var error);
        return (ok, url?.ToString(), source, error);
    }

    private static readonly (string, string)[] Preview =
    [
        ("CONTEXT", "deploy-preview"),
        ("URL", "https://dhrportal.netlify.app"),
        ("DEPLOY_PRIME_URL", "https://deploy-preview-42--dhrportal.netlify.app"),
    ];

    [Fact]
    public void Without_option_or_Netlify_the_site_yml_address_is_kept()
    {
        Assert.Equal((true, null, BaseUrlSource.SiteYml, null), Resolve(null));
        // 'netlify dev' serves locally: its URL is not the site's address.
        Assert.Equal((true, null, BaseUrlSource.SiteYml, null), Resolve(null, ("CONTEXT", "dev"), ("URL", "http://localhost:8888")));
        // URL alone (no CONTEXT) is not a Netlify build: an unrelated variable of that name is ignored.
        Assert.Equal((true, null, BaseUrlSource.SiteYml, null), Resolve(null, ("URL", "https://elsewhere.example")));
    }

    [Fact]
    public void Netlify_production_uses_URL()
    {
        Assert.Equal((true, "https://dhrportal.netlify.app/", BaseUrlSource.NetlifyUrl, null),
            Resolve(null, ("CONTEXT", "production"), ("URL", "https://dhrportal.netlify.app"), ("DEPLOY_PRIME_URL", "https://main--dhrportal.netlify.app")));
    }

    [Fact]
    public void Netlify_deploy_previews_and_branch_deploys_use_their_own_address()
    {
        Assert.Equal((true, "https://deploy-preview-42--dhrportal.netlify.app/", BaseUrlSource.NetlifyDeployPrimeUrl, null), Resolve(null, Preview));
        Assert.Equal((true, "https://fix--dhrportal.netlify.app/", BaseUrlSource.NetlifyDeployPrimeUrl, null),
            Resolve(null, ("CONTEXT", "branch-deploy"), ("URL", "https://dhrportal.netlify.app"), ("DEPLOY_PRIME_URL", "https://fix--dhrportal.netlify.app")));
    }

    [Fact]
    public void The_option_wins_over_Netlify()
    {
        Assert.Equal((true, "https://portal.example.org/", BaseUrlSource.Option, null), Resolve("https://portal.example.org", Preview));
        Assert.Equal((true, "http://localhost:8080/", BaseUrlSource.Option, null), Resolve("http://localhost:8080/"));
    }

    [Theory]
    [InlineData("portal.example.org")]
    [InlineData("/reviews/")]
    [InlineData("ftp://portal.example.org")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://portal.example.org/?x=1")]
    [InlineData("https://portal.example.org/#top")]
    [InlineData("https://user:secret@portal.example.org")]
    [InlineData("https://portal.example.org/portal")]
    [InlineData("")]
    public void An_option_that_is_not_the_root_of_an_http_site_is_refused(string value)
    {
        var (ok, url, _, error) = Resolve(value);
        Assert.False(ok);
        Assert.Null(url);
        Assert.StartsWith("--base-url '", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_or_missing_Netlify_address_is_refused_naming_the_variable()
    {
        var (ok, _, _, error) = Resolve(null, ("CONTEXT", "production"), ("URL", "https://user@dhrportal.netlify.app"));
        Assert.False(ok);
        Assert.StartsWith("URL 'https://user@dhrportal.netlify.app' is not a base URL", error, StringComparison.Ordinal);

        (ok, _, _, error) = Resolve(null, ("CONTEXT", "deploy-preview"), ("URL", "https://dhrportal.netlify.app"));
        Assert.False(ok);
        Assert.Equal("Netlify's CONTEXT is 'deploy-preview' but DEPLOY_PRIME_URL is not set.", error);
    }

    [Fact]
    public async Task A_deploy_preview_build_links_to_itself_and_the_option_overrides_it()
    {
        using var input = new TempInput();
        var env = Preview.ToDictionary(e => e.Item1, e => (string?)e.Item2, StringComparer.Ordinal);

        var preview = await DhrProcess.RunAsync(RepoPaths.Root, ["build", "--input", input.Dir, "--output", Path.Combine(input.Root, "preview")], environment: env);
        var given = await DhrProcess.RunAsync(RepoPaths.Root,
            ["build", "--input", input.Dir, "--output", Path.Combine(input.Root, "given"), "--base-url", "https://portal.example.org"], environment: env);
        var refused = await DhrProcess.RunAsync(RepoPaths.Root, ["build", "--input", input.Dir, "--output", Path.Combine(input.Root, "refused"), "--base-url", "https://portal.example.org/x?y"]);

        Assert.True(preview.ExitCode == 0, preview.Err);
        Assert.Contains("Base URL https://deploy-preview-42--dhrportal.netlify.app/ (from Netlify's DEPLOY_PRIME_URL", preview.Err, StringComparison.Ordinal);
        var feed = File.ReadAllText(Path.Combine(input.Root, "preview", "feed.xml"));
        Assert.Contains("<id>https://deploy-preview-42--dhrportal.netlify.app/reviews/havering-2022/</id>", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("https://dhrportal.netlify.app", File.ReadAllText(Path.Combine(input.Root, "preview", "sitemap.xml")), StringComparison.Ordinal);

        Assert.True(given.ExitCode == 0, given.Err);
        Assert.Contains("<loc>https://portal.example.org/reviews/havering-2022/</loc>", File.ReadAllText(Path.Combine(input.Root, "given", "sitemap.xml")), StringComparison.Ordinal);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("dhr build: --base-url 'https://portal.example.org/x?y' is not a base URL", refused.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(input.Root, "refused")));
    }
}
