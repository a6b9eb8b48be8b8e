using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace DhrPortal.SearchBench;

/// <summary>A search engine under test: a server, the page with the search box, and a name for the tables.</summary>
internal sealed record Engine(string Name, GzipServer Server, string PagePath);

/// <summary>How the browser is held back for one measurement.</summary>
internal sealed record Condition(string Name, double CpuRate, bool Slow4G, bool Warm);

/// <summary>One query measured once: keystroke to rendered results, bytes and requests on the wire.</summary>
internal sealed record QueryRun(string Engine, string Condition, string Query, double Ms, long SearchBytes, int SearchRequests, long AllBytes, int OffOrigin, int Shown)
{
    /// <summary>No marker within <see cref="Browser.QueryTimeoutMs"/>: Ms is that limit (counted, pessimistically, in the statistics).</summary>
    public bool TimedOut { get; init; }

    /// <summary>Keystroke to the marker (results and counts in the DOM), before the next frame paints them.</summary>
    public double MarkerMs { get; init; }
}

/// <summary>
/// Drives Debian's Chromium through Playwright (ExecutablePath; never a downloaded browser), with CDP
/// for CPU throttling, network emulation and the encoded (on the wire) size of every response.
/// </summary>
internal sealed class Browser : IAsyncDisposable
{
    /// <summary>
    /// Chrome DevTools' and Lighthouse's "Slow 4G" (the mobile default): 150 ms RTT and 1.6 Mbps down,
    /// 750 kbps up, times DevTools' factors (latency × 3.75, throughput × 0.9): 562.5 ms, 180,000 B/s
    /// down, 84,375 B/s up.
    /// </summary>
    public const double Slow4GLatencyMs = 150 * 3.75, Slow4GDownBytes = 1.6e6 / 8 * 0.9, Slow4GUpBytes = 750e3 / 8 * 0.9;

    // Installed in every page before its scripts: the time of the input event on #q, then of the
    // marker (data-rendered-query equal to the query), then after the next frame (results painted).
    private const string TimingScript = """
        window.__bench = { expect: null, t0: 0, t1: 0, t2: 0, done: false };
        document.addEventListener('input', e => {
          if (e.target && e.target.id === 'q' && window.__bench.expect !== null && window.__bench.t0 === 0) window.__bench.t0 = performance.now();
        }, true);
        new MutationObserver(() => {
          const b = window.__bench, list = document.getElementById('search-results');
          if (b.expect === null || b.t0 === 0 || b.t1 !== 0 || !list) return;
          if (list.getAttribute('data-rendered-query') !== b.expect) return;
          b.t1 = performance.now();
          requestAnimationFrame(() => setTimeout(() => { b.t2 = performance.now(); b.done = true; }, 0));
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-rendered-query'] });
        """;

    /// <summary>How long one query may take before it is recorded as timed out.</summary>
    public const int QueryTimeoutMs = 60_000;

    private static readonly HashSet<string> PageResourceTypes = new(StringComparer.Ordinal) { "Document", "Stylesheet", "Image", "Font", "Media", "Manifest" };

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("DHR_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath)) throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run `bash .ci/install`.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Timeout = 60_000,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic", "--disable-dev-shm-usage"],
        });
        return new Browser(playwright, browser);
    }

    public string Version => _browser.Version;

    /// <summary>
    /// Cold: a fresh context (empty cache), the page loaded and the network idle, then the query typed.
    /// Warm: one page per condition; every query typed once to load what it needs, then each measured
    /// again, each after a different one, so the results and facet counts are rendered anew.
    /// </summary>
    public async Task<List<QueryRun>> MeasureAsync(Engine engine, Condition condition, IReadOnlyList<string> queries)
    {
        var runs = new List<QueryRun>();
        if (!condition.Warm)
        {
            foreach (var q in queries)
            {
                await using var session = await Session.OpenAsync(_browser, engine, condition);
                runs.Add(await session.TypeAsync(q, engine, condition));
            }
            return runs;
        }
        await using (var session = await Session.OpenAsync(_browser, engine, condition))
        {
            foreach (var q in queries) await session.TypeAsync(q, engine, condition);
            if (queries.Count == 1) await session.TypeAsync(queries[0] + " x", engine, condition);
            foreach (var q in queries) runs.Add(await session.TypeAsync(q, engine, condition));
        }
        return runs;
    }

    /// <summary>Opens <c>page?q=</c> and returns the hrefs of the results shown, best first (for relevance).</summary>
    public async Task<List<string>> ResultsAsync(Engine engine, string query)
    {
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = engine.Server.BaseUrl.ToString() });
        var page = await context.NewPageAsync();
        var trimmed = query.Trim();
        await page.GotoAsync(engine.PagePath + "?q=" + Uri.EscapeDataString(query));
        await page.WaitForFunctionAsync("q => document.getElementById('search-results')?.getAttribute('data-rendered-query') === q", trimmed,
            new PageWaitForFunctionOptions { Timeout = 60_000 });
        return (await page.EvalOnSelectorAllAsync<string?[]>("#search-results > li",
                "items => items.map(li => li.querySelector('a[href]')?.getAttribute('href') ?? null)"))
            .Select(h => h ?? "").ToList();
    }

    /// <summary>Whether the page shows results for a query within the time given (used for Pagefind under our CSP).</summary>
    public async Task<(bool Rendered, string Console)> RendersAsync(Engine engine, string query, TimeSpan timeout)
    {
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = engine.Server.BaseUrl.ToString() });
        var page = await context.NewPageAsync();
        var messages = new ConcurrentQueue<string>();
        page.Console += (_, m) => messages.Enqueue(m.Text);
        page.PageError += (_, e) => messages.Enqueue(e);
        await page.GotoAsync(engine.PagePath + "?q=" + Uri.EscapeDataString(query));
        try
        {
            await page.WaitForFunctionAsync("q => document.getElementById('search-results')?.getAttribute('data-rendered-query') === q", query,
                new PageWaitForFunctionOptions { Timeout = (float)timeout.TotalMilliseconds });
            return (true, string.Join(" | ", messages));
        }
        catch (TimeoutException)
        {
            return (false, string.Join(" | ", messages));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }

    /// <summary>One context and page with its CDP session, recording every request's type and encoded size.</summary>
    private sealed class Session : IAsyncDisposable
    {
        private readonly IBrowserContext _context;
        private readonly IPage _page;
        private readonly ICDPSession _cdp;
        private readonly ConcurrentDictionary<string, (string Url, string Type)> _requests = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, long> _finished = new(StringComparer.Ordinal);

        private Session(IBrowserContext context, IPage page, ICDPSession cdp)
        {
            _context = context;
            _page = page;
            _cdp = cdp;
        }

        public static async Task<Session> OpenAsync(IBrowser browser, Engine engine, Condition condition)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = engine.Server.BaseUrl.ToString(),
                ViewportSize = new ViewportSize { Width = 412, Height = 915 },
                Locale = "en-GB",
                ServiceWorkers = ServiceWorkerPolicy.Block,
            });
            context.SetDefaultTimeout(120_000);
            await context.AddInitScriptAsync(TimingScript);
            var page = await context.NewPageAsync();
            // For profiling the client by hand: its console on stderr.
            if (Environment.GetEnvironmentVariable("DHR_BENCH_CONSOLE") == "1") page.Console += (_, m) => Console.Error.WriteLine("console: " + m.Text);
            var cdp = await context.NewCDPSessionAsync(page);
            var session = new Session(context, page, cdp);
            cdp.Event("Network.requestWillBeSent").OnEvent += (_, e) =>
            {
                if (e is not { } j) return;
                session._requests[j.GetProperty("requestId").GetString()!] =
                    (j.GetProperty("request").GetProperty("url").GetString()!, j.TryGetProperty("type", out var t) ? t.GetString() ?? "Other" : "Other");
            };
            cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
            {
                if (e is not { } j) return;
                session._finished[j.GetProperty("requestId").GetString()!] = (long)j.GetProperty("encodedDataLength").GetDouble();
            };
            await cdp.SendAsync("Network.enable");
            await cdp.SendAsync("Network.clearBrowserCache");
            if (condition.CpuRate > 1) await cdp.SendAsync("Emulation.setCPUThrottlingRate", new() { ["rate"] = condition.CpuRate });
            if (condition.Slow4G)
            {
                await cdp.SendAsync("Network.emulateNetworkConditions", new()
                {
                    ["offline"] = false,
                    ["latency"] = Slow4GLatencyMs,
                    ["downloadThroughput"] = Slow4GDownBytes,
                    ["uploadThroughput"] = Slow4GUpBytes,
                });
            }
            await page.GotoAsync(engine.PagePath, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 120_000 });
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 120_000 });
            return session;
        }

        /// <summary>Types the query into #q (one input event, as a paste or the last keystroke) and waits for the marker.</summary>
        public async Task<QueryRun> TypeAsync(string query, Engine engine, Condition condition)
        {
            var before = _requests.Keys.ToHashSet(StringComparer.Ordinal);
            var expect = query.Trim();
            await _page.EvaluateAsync("q => { window.__bench = Object.assign(window.__bench, { expect: q, t0: 0, t1: 0, t2: 0, done: false }); }", expect);
            await _page.FillAsync("#q", query);
            var timedOut = false;
            try
            {
                await _page.WaitForFunctionAsync("() => window.__bench.done", null, new PageWaitForFunctionOptions { Timeout = QueryTimeoutMs, PollingInterval = 10 });
            }
            catch (TimeoutException)
            {
                timedOut = true;
            }
            var ms = timedOut ? QueryTimeoutMs : await _page.EvaluateAsync<double>("() => window.__bench.t2 - window.__bench.t0");
            var markerMs = timedOut ? QueryTimeoutMs : await _page.EvaluateAsync<double>("() => window.__bench.t1 - window.__bench.t0");
            var shown = await _page.EvalOnSelectorAllAsync<int>("#search-results > li", "items => items.length");
            // Requests made before the marker: give their loadingFinished events a moment to arrive.
            var ids = _requests.Keys.ToList();
            for (var i = 0; i < 50 && ids.Any(id => !_finished.ContainsKey(id)); i++) await Task.Delay(20);
            long search = 0, all = 0;
            int requests = 0, offOrigin = 0;
            foreach (var id in ids)
            {
                var (url, type) = _requests[id];
                var bytes = _finished.GetValueOrDefault(id);
                if (!url.StartsWith(engine.Server.BaseUrl.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal)) offOrigin++;
                // Cold: the whole visit (page load and query); warm: only what this query fetched.
                if (condition.Warm && before.Contains(id)) continue;
                all += bytes;
                if (PageResourceTypes.Contains(type)) continue;
                search += bytes;
                requests++;
            }
            return new QueryRun(engine.Name, condition.Name, query, ms, search, requests, all, offOrigin, shown) { TimedOut = timedOut, MarkerMs = markerMs };
        }

        public async ValueTask DisposeAsync()
        {
            await _cdp.DetachAsync();
            await _context.CloseAsync();
        }
    }
}
