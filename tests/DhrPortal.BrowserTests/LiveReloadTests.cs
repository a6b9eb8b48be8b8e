using System.Diagnostics;
using Microsoft.Playwright;

namespace DhrPortal.BrowserTests;

/// <summary>
/// <c>dhr serve</c> in a real browser, under the CSP from netlify.toml: an open page reloads by itself
/// after an edit, shows a content error when a file breaks, and comes back when it is fixed, with no
/// CSP violation (the reload script is external and same-origin; the event stream is connect-src 'self').
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveReloadTests(BrowserFixture fx)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_open_page_follows_edits_and_errors_without_a_manual_reload()
    {
        var temp = Path.Combine(Path.GetTempPath(), "dhr-live-" + Guid.NewGuid().ToString("N")[..12]);
        CopyFolder(RepoPaths.Input, temp);
        using var dhr = new Process
        {
            StartInfo = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = RepoPaths.Root,
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "dhr.dll"), "serve", "--port", "0", "--input", temp },
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        try
        {
            dhr.Start();
            dhr.StandardInput.Close();
            _ = dhr.StandardError.ReadToEndAsync();
            var url = await ServingUrl(dhr);

            await using var context = await fx.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = url, Locale = "en-GB" });
            context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
            await context.RouteAsync("**/*", route =>
                route.Request.Url.StartsWith(url, StringComparison.Ordinal) ? route.ContinueAsync() : route.AbortAsync());
            var page = await context.NewPageAsync();
            var violations = new List<string>();
            page.Console += (_, m) =>
            {
                if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(m.Text);
            };

            var response = await page.GotoAsync("/reviews/manchester-2024/");
            Assert.NotNull(response);
            Assert.Contains("script-src 'self'", (await response.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Manchester review");

            var review = Path.Combine(temp, "reviews", "manchester-2024.md");
            var original = await File.ReadAllTextAsync(review);

            await File.WriteAllTextAsync(review, original.Replace("title: Manchester review", "title: Manchester review (edited)", StringComparison.Ordinal));
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Manchester review (edited)", new() { Timeout = (float)Patience.TotalMilliseconds });

            await File.WriteAllTextAsync(review, original.Replace("csp: manchester", "csp: manchesterr", StringComparison.Ordinal));
            await Assertions.Expect(page.Locator("pre")).ToContainTextAsync("error DHR403: CSP 'manchesterr' is not in csps.yml.", new() { Timeout = (float)Patience.TotalMilliseconds });

            await File.WriteAllTextAsync(review, original);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Manchester review", new() { Timeout = (float)Patience.TotalMilliseconds });

            Assert.False(dhr.HasExited);
            Assert.Empty(violations);
        }
        finally
        {
            if (!dhr.HasExited)
            {
                dhr.Kill(entireProcessTree: true);
                dhr.WaitForExit(10_000);
            }
            try { Directory.Delete(temp, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<string> ServingUrl(Process dhr)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (await dhr.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("Serving ", StringComparison.Ordinal))
            {
                // Keep draining stdout (rebuild lines) so the child never blocks on a full pipe.
                _ = dhr.StandardOutput.ReadToEndAsync();
                return line["Serving ".Length..].Trim();
            }
        }
        throw new InvalidOperationException($"dhr serve exited before serving (exit code {(dhr.HasExited ? dhr.ExitCode : -1)}).");
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.EnumerateDirectories(from)) CopyFolder(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
