using DhrPortal.Cli.Serve;
using System.Net;

namespace DhrPortal.BrowserTests;

/// <summary>The test server behaves like the Netlify deploy, so the browser tests see what visitors get.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ServerTests(BrowserFixture fx)
{
    [Fact]
    public async Task Serves_pages_assets_and_404_with_netlify_headers()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fx.Server.BaseUrl };

        using var home = await http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal("text/html", home.Content.Headers.ContentType?.MediaType);
        foreach (var (k, v) in fx.Headers.For("/"))
            Assert.Equal(v, string.Join(", ", home.Headers.TryGetValues(k, out var h) ? h : home.Content.Headers.GetValues(k)));

        using var missing = await http.GetAsync(new Uri("/no/such/page/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(fx.Site.Directory, "404.html")), await missing.Content.ReadAsStringAsync());

        using var noSlash = await http.GetAsync(new Uri(Site.UrlScheme.About.TrimEnd('/'), UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, noSlash.StatusCode);
        Assert.Equal(Site.UrlScheme.About, noSlash.Headers.Location?.OriginalString);

        using var escape = await http.GetAsync(new Uri("/..%2f..%2fetc/passwd", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, escape.StatusCode);

        var asset = fx.Site.Files.FirstOrDefault(f => f.StartsWith("assets/", StringComparison.Ordinal) && f.EndsWith(".css", StringComparison.Ordinal));
        Assert.True(asset is not null, "The build wrote no CSS under assets/.");
        using var css = await http.GetAsync(new Uri("/" + asset, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        foreach (var (k, v) in fx.Headers.For("/" + asset))
            Assert.Equal(v, string.Join(", ", css.Headers.TryGetValues(k, out var h) ? h : css.Content.Headers.GetValues(k)));
    }
}

/// <summary>The netlify.toml reader.</summary>
public sealed class NetlifyHeadersTests
{
    [Fact]
    public void Reads_header_rules_in_every_string_form()
    {
        var toml = """
            [build]
              command = "dotnet run --project src/DhrPortal.Cli -- build"
              publish = "_site"

            # Security headers for everything
            [[headers]]
              for = "/*"
              [headers.values]
                Content-Security-Policy = "default-src 'self'; script-src 'self'"
                X-Frame-Options = 'DENY'
                "Referrer-Policy" = "no-referrer" # trailing comment
                Permissions-Policy = '''
                  geolocation=(),
                  camera=()'''

            [[headers]]
              for = "/assets/*"
              values = { Cache-Control = "public, max-age=31536000, immutable" }

            [[redirects]]
              from = "/old"
              to = "/new"
              status = 301
            """;
        var h = NetlifyHeaders.Parse(toml);

        Assert.Equal(2, h.RuleCount);
        var page = h.For("/reviews/x/");
        Assert.Equal("default-src 'self'; script-src 'self'", page["content-security-policy"]);
        Assert.Equal("DENY", page["X-Frame-Options"]);
        Assert.Equal("no-referrer", page["Referrer-Policy"]);
        Assert.Equal("geolocation=(), camera=()", page["Permissions-Policy"]);
        Assert.False(page.ContainsKey("Cache-Control"));
        var asset = h.For("/assets/site.123.css");
        Assert.Equal("public, max-age=31536000, immutable", asset["Cache-Control"]);
        Assert.Equal("DENY", asset["X-Frame-Options"]);
    }
}
