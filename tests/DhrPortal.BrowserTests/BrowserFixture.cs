using DhrPortal.Cli.Serve;
using Microsoft.Playwright;

namespace DhrPortal.BrowserTests;

/// <summary>
/// One per collection: the built site, served by <see cref="StaticServer"/> with netlify.toml's
/// headers, and one headless Chromium (Debian's, never a downloaded one).
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    /// <summary>A blank page served for every request to another origin, so nothing leaves the machine.</summary>
    public const string BlankPage = "<!doctype html><html lang=\"en\"><title>blank</title></html>";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private StaticServer? _server;

    public BuiltSite Site { get; private set; } = null!;
    public StaticServer Server => _server ?? throw new InvalidOperationException("Not started.");
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");
    internal NetlifyHeaders Headers { get; private set; } = NetlifyHeaders.None;

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("DHR_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        Site = CreateSite();
        Headers = NetlifyHeaders.Load(RepoPaths.NetlifyToml);
        _server = new StaticServer(Site.Directory, Headers);
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run `bash .ci/install` (it installs Debian's chromium).");
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Timeout = 60_000,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync", "--disable-quic", "--disable-dev-shm-usage",
            ],
        });
    }

    /// <summary>The site served: the real input/.</summary>
    protected virtual BuiltSite CreateSite() => BuiltSite.Shared;

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        _server?.Dispose();
    }

    /// <summary>The absolute URL of a site path.</summary>
    public string Url(string path) => Server.Url(path);

    /// <summary>Whether a URL is on the local test server.</summary>
    public bool IsLocal(string url) =>
        url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("blob:" + Server.BaseUrl.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)
        || (Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme == "http" && u.Authority == Server.Authority);

    /// <summary>
    /// A fresh browser context on the local site. Requests to any other origin never reach the network:
    /// they are aborted, or answered with <see cref="BlankPage"/> when <paramref name="answerExternal"/>.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 900, bool javaScript = true, bool answerExternal = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            JavaScriptEnabled = javaScript,
            Locale = "en-GB",
            ServiceWorkers = ServiceWorkerPolicy.Block,
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        await context.RouteAsync("**/*", async route =>
        {
            if (IsLocal(route.Request.Url)) await route.ContinueAsync();
            else if (answerExternal) await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = BlankPage });
            else await route.AbortAsync("blockedbyclient");
        });
        // Records CSP violations as the page sees them (init scripts are not subject to the page's CSP).
        await context.AddInitScriptAsync("""
            window.__dhrCspViolations = [];
            document.addEventListener('securitypolicyviolation', e => {
              window.__dhrCspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
            });
            """);
        return context;
    }

    /// <summary>Opens a page and asserts the status the page type should have.</summary>
    public async Task<IPage> OpenAsync(IBrowserContext context, PageRef page)
    {
        var p = await context.NewPageAsync();
        var response = await p.GotoAsync(page.Url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.True(response is not null, $"{page}: no response");
        Assert.True(response!.Status == page.ExpectedStatus, $"{page}: HTTP {response.Status}, expected {page.ExpectedStatus}");
        return p;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>The generated site of <see cref="BuiltSite.GeneratedReviews"/> reviews, served and browsed like the real one.</summary>
public sealed class GeneratedSiteFixture : BrowserFixture
{
    protected override BuiltSite CreateSite() => BuiltSite.Generated;
}

[CollectionDefinition(Name)]
public sealed class GeneratedSiteCollection : ICollectionFixture<GeneratedSiteFixture>
{
    public const string Name = "Generated site";
}
