using System.Diagnostics;
using System.Text;
using System.Text.Json;
using DhrPortal.Site;

namespace DhrPortal.BrowserTests;

/// <summary>Every generated HTML file is valid HTML according to the Nu HTML Checker (vnu.jar, from npm).</summary>
[Collection(HtmlCheckerCollection.Name)]
public sealed class HtmlCheckerTests
{
    [Fact]
    public async Task Every_page_is_valid_html()
    {
        var site = BuiltSite.Shared;
        var pages = site.Files.Count(f => f.EndsWith(".html", StringComparison.Ordinal));
        Assert.True(pages > 0, "The build wrote no HTML files.");
        await CheckAsync(site, [site.Directory], pages);
    }

    /// <summary>Paged listings and pages at their largest exist only at national size.</summary>
    [Fact]
    public async Task The_largest_page_of_every_kind_at_2000_generated_reviews_is_valid_html()
    {
        var site = BuiltSite.Generated;
        var pages = site.Pages.LargestOfEachKind();
        Assert.Contains(pages, p => p.Kind == "theme (page 2+)");
        await CheckAsync(site, pages.Select(p => Path.Combine(site.Directory, UrlScheme.FileFor(p.ExpectedStatus == 404 ? UrlScheme.NotFound : p.Url))).ToList(), pages.Count);
    }

    /// <summary>Runs vnu.jar on <paramref name="paths"/> (files or folders of <paramref name="site"/>) and asserts it finds no error.</summary>
    private static async Task CheckAsync(BuiltSite site, IReadOnlyList<string> paths, int pages)
    {
        var jar = RepoPaths.VnuJar;
        Assert.True(File.Exists(jar), $"The Nu HTML Checker is not installed ({jar} is missing): run `bash .ci/install` (it runs `npm ci`).");

        var start = new ProcessStartInfo("java")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in new[] { "-Xss8m", "-jar", jar, "--errors-only", "--format", "json", "--skip-non-html" }.Concat(paths))
            start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"Cannot run java ({e.Message}): run `bash .ci/install` (it installs a Java runtime).");
            return;
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await process.WaitForExitAsync(timeout.Token);
            var (output, errors) = (await stdout, await stderr);

            // vnu writes the JSON report to stderr (stdout with --stdout); take whichever holds it.
            var json = new[] { errors, output }.Select(s => s.Trim()).FirstOrDefault(s => s.StartsWith('{'));
            Assert.True(json is not null, $"vnu.jar gave no JSON report (exit {process.ExitCode}).\nstdout: {output}\nstderr: {errors}");
            var messages = Parse(json!, site.Directory);
            Assert.True(messages.Count == 0,
                $"The Nu HTML Checker found {messages.Count} errors in {pages} pages:\n  " + string.Join("\n  ", messages.Take(100))
                + (messages.Count > 100 ? $"\n  ... and {messages.Count - 100} more" : ""));
            Assert.True(process.ExitCode == 0, $"vnu.jar exited with {process.ExitCode}.\n{errors}");
        }
    }

    private static List<string> Parse(string json, string siteDir)
    {
        using var doc = JsonDocument.Parse(json);
        var list = new List<string>();
        foreach (var m in doc.RootElement.GetProperty("messages").EnumerateArray())
        {
            var type = m.TryGetProperty("type", out var t) ? t.GetString() : "?";
            if (type == "info") continue; // warnings; --errors-only should leave none
            var url = m.TryGetProperty("url", out var u) ? u.GetString() ?? "" : "";
            var file = url.StartsWith("file:", StringComparison.Ordinal) ? Uri.UnescapeDataString("/" + url["file:".Length..].TrimStart('/')) : url;
            if (file.StartsWith(siteDir, StringComparison.Ordinal)) file = Path.GetRelativePath(siteDir, file);
            var line = m.TryGetProperty("lastLine", out var l) ? l.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) : "?";
            var text = m.TryGetProperty("message", out var msg) ? msg.GetString() : "";
            var extract = m.TryGetProperty("extract", out var ex) ? ex.GetString()?.ReplaceLineEndings(" ") : null;
            list.Add($"{file}:{line}: {type}: {text}" + (extract is null ? "" : $"  [{extract.Trim()}]"));
        }
        return list;
    }
}

[CollectionDefinition(Name)]
public sealed class HtmlCheckerCollection
{
    public const string Name = "Nu HTML Checker";
}
