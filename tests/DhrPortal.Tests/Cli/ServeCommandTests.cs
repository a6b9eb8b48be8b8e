using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace DhrPortal.Tests.Cli;

/// <summary>
/// <c>dhr serve</c>, run as a process on a copy of the real content: it answers on a loopback port
/// with the deploy's headers, rebuilds after a file changes (and tells open pages to reload), shows a
/// content error on the page while it keeps running, and recovers when the file is fixed.
/// </summary>
public sealed partial class ServeCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Serves_rebuilds_on_change_survives_a_broken_file_and_recovers()
    {
        using var input = new TempInput();
        using var dhr = DhrProcess.Start(RepoPaths.Root, "serve", "--port", "0", "--input", input.Dir);
        var serving = await dhr.WaitForLineAsync(l => l.StartsWith("Serving http://127.0.0.1:", StringComparison.Ordinal), Patience);
        var baseUrl = new Uri(serving["Serving ".Length..].Trim());
        Assert.NotEqual(0, baseUrl.Port);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        const string Page = "/reviews/manchester-2024/";

        // 1. A page, with netlify.toml's CSP and the live-reload script (external, same origin).
        string stylesheet;
        using (var home = await http.GetAsync(new Uri(Page, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Equal(NetlifyCsp(), string.Join(", ", home.Headers.GetValues("Content-Security-Policy")));
            var html = await home.Content.ReadAsStringAsync();
            Assert.Contains("<h1 class=\"heading-xl\">Manchester review</h1>", html, StringComparison.Ordinal);
            Assert.Matches(@"<script src=""/_dhr/live-reload\.js\?v=[0-9a-f]+-1"" defer></script>\n</head>", html);
            stylesheet = Regex.Match(html, @"href=""(/assets/[^""]+\.css)""").Groups[1].Value;
        }
        using (var script = await http.GetAsync(new Uri("/_dhr/live-reload.js", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
            Assert.Contains("new EventSource(\"/_dhr/events\")", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // An open page's event stream: the current version first, a new one after each rebuild.
        using var events = await http.GetAsync(new Uri("/_dhr/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
        using var stream = new StreamReader(await events.Content.ReadAsStreamAsync());
        var first = await NextEvent(stream);

        // 2. An edit is served after a rebuild, and the open page is told to reload.
        var review = input.Review("manchester-2024");
        var original = File.ReadAllText(review);
        var clock = Stopwatch.StartNew();
        File.WriteAllText(review, original.Replace("title: Manchester review", "title: Manchester review (edited)", StringComparison.Ordinal));
        await Until(async () => (await Get(http, Page)).Body.Contains("Manchester review (edited)</h1>", StringComparison.Ordinal), "the edited title to be served");
        var served = clock.Elapsed;
        Assert.NotEqual(first, await NextEvent(stream));
        var rebuilds = RebuildTimes(dhr.Out);
        Assert.True(rebuilds.Count >= 2, dhr.Out);
        // How fast the rebuild is (the promise is within a second) is measured by the benchmark, not
        // asserted here: a timed test fails on a busy CI machine for reasons that are not the code's.
        Console.WriteLine($"dhr serve: edit served after {served.TotalMilliseconds:F0} ms; rebuilds (ms): {string.Join(", ", rebuilds)}");

        // 3. A content error: shown on every page (and in the terminal, as 'dhr check' prints it); the server lives on.
        File.WriteAllText(review, original.Replace("csp: manchester", "csp: manchesterr", StringComparison.Ordinal));
        await Until(async () => (await Get(http, Page)).Status == HttpStatusCode.InternalServerError, "the error page");
        var broken = await Get(http, Page);
        Assert.Contains("error DHR403: CSP &#39;manchesterr&#39; is not in csps.yml.", broken.Body, StringComparison.Ordinal);
        Assert.Contains("reviews/manchester-2024.md:", broken.Body, StringComparison.Ordinal);
        Assert.Contains("/_dhr/live-reload.js?v=", broken.Body, StringComparison.Ordinal);
        Assert.False(dhr.HasExited);
        await Until(() => Task.FromResult(dhr.Err.Contains("reviews/manchester-2024.md:6:6: error DHR403:", StringComparison.Ordinal)), "the error in the terminal");
        // Pages show the error; the assets of the last good build are still served.
        Assert.Equal(HttpStatusCode.InternalServerError, (await Get(http, "/about/")).Status);
        Assert.StartsWith("/assets/", stylesheet, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Get(http, stylesheet)).Status);

        // 4. Fixed: the site is back.
        File.WriteAllText(review, original);
        await Until(async () => (await Get(http, Page)).Status == HttpStatusCode.OK, "recovery after the fix");
        Assert.Contains("<h1 class=\"heading-xl\">Manchester review</h1>", (await Get(http, Page)).Body, StringComparison.Ordinal);
        Assert.False(dhr.HasExited);
    }

    [Fact]
    public async Task Serves_the_404_page_redirects_folders_and_refuses_other_methods()
    {
        using var input = new TempInput();
        using var dhr = DhrProcess.Start(RepoPaths.Root, "serve", "--port", "0", "--input", input.Dir);
        var serving = await dhr.WaitForLineAsync(l => l.StartsWith("Serving http://127.0.0.1:", StringComparison.Ordinal), Patience);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(serving["Serving ".Length..].Trim()) };

        var missing = await Get(http, "/no/such/page/");
        using var folder = await http.GetAsync(new Uri("/about", UriKind.Relative));
        using var post = await http.PostAsync(new Uri("/", UriKind.Relative), new StringContent("x"));
        using var feed = await http.GetAsync(new Uri("/feed.xml", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Contains("/_dhr/live-reload.js", missing.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MovedPermanently, folder.StatusCode);
        Assert.Equal("/about/", folder.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal("application/atom+xml", feed.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("_dhr", await feed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starts_with_broken_content_and_serves_the_site_once_it_is_fixed()
    {
        using var input = new TempInput();
        var review = input.Review("salford-2021");
        var original = File.ReadAllText(review);
        File.WriteAllText(review, original.Replace("relationship:", "relationshp:", StringComparison.Ordinal));
        using var dhr = DhrProcess.Start(RepoPaths.Root, "serve", "--port", "0", "--input", input.Dir);
        var serving = await dhr.WaitForLineAsync(l => l.StartsWith("Serving http://127.0.0.1:", StringComparison.Ordinal), Patience);
        using var http = new HttpClient { BaseAddress = new Uri(serving["Serving ".Length..].Trim()) };

        var broken = await Get(http, "/");
        Assert.Equal(HttpStatusCode.InternalServerError, broken.Status);
        Assert.Contains("reviews/salford-2021.md:", broken.Body, StringComparison.Ordinal);

        File.WriteAllText(review, original);
        await Until(async () => (await Get(http, "/")).Status == HttpStatusCode.OK, "the site after the fix");
        Assert.False(dhr.HasExited);
    }

    [Fact]
    public async Task Answers_only_its_loopback_names_and_lets_no_other_site_read_the_drafts()
    {
        using var input = new TempInput();
        using var dhr = DhrProcess.Start(RepoPaths.Root, "serve", "--port", "0", "--input", input.Dir);
        var baseUrl = new Uri((await dhr.WaitForLineAsync(l => l.StartsWith("Serving http://127.0.0.1:", StringComparison.Ordinal), Patience))["Serving ".Length..].Trim());
        using var http = new HttpClient { BaseAddress = baseUrl };
        async Task<HttpStatusCode> WithHost(string host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
            request.Headers.Host = host;
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }
        var port = baseUrl.Port.ToString(CultureInfo.InvariantCulture);

        // DNS rebinding: another site's name resolving to 127.0.0.1 reaches this port with its own Host.
        Assert.Equal(HttpStatusCode.MisdirectedRequest, await WithHost("evil.example:" + port));
        Assert.Equal(HttpStatusCode.MisdirectedRequest, await WithHost("evil.example"));
        Assert.Equal(HttpStatusCode.MisdirectedRequest, await WithHost("127.0.0.1:1"));
        Assert.Equal(HttpStatusCode.MisdirectedRequest, await WithHost("127.0.0.2:" + port));
        Assert.Equal(HttpStatusCode.OK, await WithHost("127.0.0.1:" + port));
        Assert.Equal(HttpStatusCode.OK, await WithHost("LocalHost:" + port));
        Assert.Equal(HttpStatusCode.OK, await WithHost("[::1]:" + port));
        // The open data the deploy shares with every site (Access-Control-Allow-Origin: *) stays on this origin here.
        using var data = await http.GetAsync(new Uri("/data/reviews.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        Assert.DoesNotContain(data.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("same-origin", Assert.Single(data.Headers.GetValues("Cross-Origin-Resource-Policy")));
    }

    [Fact]
    public async Task Applies_redirects_like_netlify_and_never_redirects_to_another_host()
    {
        using var input = new TempInput();
        var review = input.Review("salford-2021");
        File.WriteAllText(review, File.ReadAllText(review).Replace("\nid: salford-2021\n", "\nid: salford-2021\nprevious_ids: [salford-old]\n", StringComparison.Ordinal));
        using var dhr = DhrProcess.Start(RepoPaths.Root, "serve", "--port", "0", "--input", input.Dir);
        var baseUrl = new Uri((await dhr.WaitForLineAsync(l => l.StartsWith("Serving http://127.0.0.1:", StringComparison.Ordinal), Patience))["Serving ".Length..].Trim());
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseUrl };
        async Task<(HttpStatusCode Status, string? Location)> Head(string path)
        {
            // An absolute URI keeps "//about" as a path (relative to a base it would name the host "about").
            using var response = await http.GetAsync(new Uri(baseUrl.GetLeftPart(UriPartial.Authority) + path));
            return (response.StatusCode, response.Headers.Location?.OriginalString);
        }

        // An old review id: the 301 of _redirects, with or without the trailing slash; the file itself is not served.
        Assert.Equal((HttpStatusCode.MovedPermanently, "/reviews/salford-2021/"), await Head("/reviews/salford-old/"));
        Assert.Equal((HttpStatusCode.MovedPermanently, "/reviews/salford-2021/"), await Head("/reviews/salford-old"));
        Assert.Equal(HttpStatusCode.NotFound, (await Head("/_redirects")).Status);
        // A folder without its slash redirects on this host, however many slashes the path starts with.
        Assert.Equal((HttpStatusCode.MovedPermanently, "/about/"), await Head("//about"));
        Assert.Equal((HttpStatusCode.MovedPermanently, "/about/"), await Head("///about"));
        Assert.Equal((HttpStatusCode.MovedPermanently, "/about/?q=1"), await Head("/about?q=1"));
    }

    [Fact]
    public async Task A_rebuild_that_throws_is_shown_like_a_content_error_and_the_server_lives_on()
    {
        // Markdown nested deeper than the renderer allows: on this branch 'check' passes it and the
        // renderer throws (with a depth limit in check it is a content error); either way the server
        // shows the problem on the page and in the terminal, keeps running, and recovers.
        using var input = new TempInput();
        using var dhr = DhrProcess.Start(RepoPaths.Root, "serve", "--port", "0", "--input", input.Dir);
        using var http = new HttpClient { BaseAddress = new Uri((await dhr.WaitForLineAsync(l => l.StartsWith("Serving http://127.0.0.1:", StringComparison.Ordinal), Patience))["Serving ".Length..].Trim()) };
        var review = input.Review("manchester-2024");
        var original = File.ReadAllText(review);

        File.WriteAllText(review, original.TrimEnd('\n') + "\n\n" + new string('[', 200) + "\n");
        await Until(async () => (await Get(http, "/")).Status == HttpStatusCode.InternalServerError, "the error page");

        Assert.False(dhr.HasExited);
        Assert.Contains("nested", (await Get(http, "/")).Body, StringComparison.Ordinal);
        await Until(() => Task.FromResult(dhr.Out.Contains("rebuild failed", StringComparison.Ordinal)), "the failure in the terminal");
        Assert.DoesNotContain("   at ", dhr.Err, StringComparison.Ordinal);
        File.WriteAllText(review, original);
        await Until(async () => (await Get(http, "/")).Status == HttpStatusCode.OK, "recovery after the fix");
        Assert.False(dhr.HasExited);
    }

    [Fact]
    public async Task A_missing_input_folder_is_a_usage_error()
    {
        var run = await DhrProcess.RunAsync(RepoPaths.Root, ["serve", "--port", "0", "--input", Path.Combine(Path.GetTempPath(), "no-such-dhr-input")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("does not exist", run.Err, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, string Body)> Get(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Patience) throw new TimeoutException($"Gave up waiting for {what}.");
            await Task.Delay(50);
        }
    }

    private static async Task<string> NextEvent(StreamReader stream)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var line = await stream.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("The event stream closed.");
            if (line.StartsWith("data: ", StringComparison.Ordinal)) return line["data: ".Length..];
        }
    }

    private static List<int> RebuildTimes(string stdout) =>
        RebuildLine().Matches(stdout).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    private static string NetlifyCsp() =>
        Regex.Match(File.ReadAllText(Path.Combine(RepoPaths.Root, "netlify.toml")), "Content-Security-Policy = \"([^\"]+)\"").Groups[1].Value;

    [GeneratedRegex(@"^rebuilt in (\d+) ms", RegexOptions.Multiline)]
    private static partial Regex RebuildLine();
}
