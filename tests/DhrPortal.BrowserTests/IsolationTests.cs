using Microsoft.Playwright;

namespace DhrPortal.BrowserTests;

/// <summary>
/// Visiting the portal tells no third party: every request stays on the local origin, and pages run
/// cleanly under the strict Content-Security-Policy (no console errors, no CSP violations).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IsolationTests(BrowserFixture fx)
{
    [Theory]
    [MemberData(nameof(PageCatalog.AllKinds), MemberType = typeof(PageCatalog))]
    public async Task Page_makes_only_local_requests_and_runs_cleanly_under_the_CSP(string kind)
    {
        var page = fx.Site.Pages.Get(kind);
        await using var context = await fx.NewContextAsync();
        var p = await context.NewPageAsync();
        var requests = new List<string>();
        var console = new List<string>();
        var errors = new List<string>();
        p.Request += (_, r) => { lock (requests) requests.Add(r.Url); };
        p.Console += (_, m) =>
        {
            var text = $"[{m.Type}] {m.Text} ({m.Location})";
            lock (console) console.Add(text);
        };
        p.PageError += (_, e) => { lock (errors) errors.Add(e); };

        var response = await p.GotoAsync(page.Url);
        Assert.Equal(page.ExpectedStatus, response!.Status);
        await p.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var violations = await p.EvaluateAsync<string[]>("() => window.__dhrCspViolations || []");

        var problems = new List<string>();
        problems.AddRange(requests.Where(u => !fx.IsLocal(u)).Distinct().Select(u => "request to another origin: " + u));
        problems.AddRange(console.Where(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)).Select(m => "CSP: " + m));
        problems.AddRange(violations.Select(v => "CSP violation: " + v));
        // The 404 page is served with status 404, which Chromium logs as a failed resource; nothing else may be.
        problems.AddRange(console.Where(m => m.StartsWith("[error]", StringComparison.Ordinal)
                                             && !m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                                             && !(page.ExpectedStatus == 404 && m.Contains("status of 404", StringComparison.Ordinal) && m.Contains(page.Url, StringComparison.Ordinal)))
            .Select(m => "console error: " + m));
        problems.AddRange(errors.Select(e => "uncaught exception: " + e));
        Assert.NotEmpty(requests);
        Assert.True(problems.Count == 0, $"{page}:\n  " + string.Join("\n  ", problems.Distinct()));
    }

    [Fact]
    public void Strict_content_security_policy_is_served()
    {
        var headers = fx.Headers.For("/");
        Assert.True(File.Exists(RepoPaths.NetlifyToml), $"{RepoPaths.NetlifyToml} is missing: the CSP and other headers come from it.");
        Assert.True(headers.TryGetValue("Content-Security-Policy", out var csp), "netlify.toml sends no Content-Security-Policy for /*.");
        var directives = csp!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToDictionary(d => d.Split(' ')[0].ToLowerInvariant(), d => d, StringComparer.Ordinal);
        Assert.True(directives.ContainsKey("default-src"), $"The CSP has no default-src: {csp}");
        foreach (var bad in new[] { "'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:", "data:" })
        {
            foreach (var d in new[] { "default-src", "script-src", "style-src" })
            {
                if (directives.TryGetValue(d, out var value))
                    Assert.False(value.Split(' ').Skip(1).Contains(bad, StringComparer.Ordinal), $"The CSP allows {bad} in {d}: {csp}");
            }
        }
    }
}
