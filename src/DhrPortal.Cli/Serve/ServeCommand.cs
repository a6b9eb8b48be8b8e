using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;
using DhrPortal.Site;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;

namespace DhrPortal.Cli.Serve;

/// <summary>
/// <c>dhr serve</c>: builds the site in memory and serves it on 127.0.0.1 with Kestrel, rebuilding
/// when a file under the input folder changes and reloading open pages (Server-Sent Events and a
/// script injected into served HTML only). Content errors go to the terminal and replace every page
/// until fixed; the server keeps running. Theme changes need a restart (the theme is compiled):
/// <c>dotnet watch --project src/DhrPortal.Cli -- serve</c> does that.
/// Exit codes: 0 stopped by Ctrl+C or SIGTERM, 2 usage error (no input folder, port in use).
/// </summary>
internal static class ServeCommand
{
    /// <summary>Quiet time after the last change before rebuilding: an editor's save is often several events.</summary>
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(100);

    private const string DevPrefix = "/_dhr/";
    private const string ScriptPath = DevPrefix + "live-reload.js", StylePath = DevPrefix + "live-reload.css", EventsPath = DevPrefix + "events";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private static readonly byte[] Script = Resource("live-reload.js");
    private static readonly byte[] Style = Resource("live-reload.css");

    public static Command Create(Option<string> input)
    {
        var port = new Option<int>("--port", "-p") { Description = "Port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 8080 };
        var headers = new Option<string?>("--headers") { Description = "netlify.toml whose headers to send (default: ./netlify.toml, else next to the input folder)." };
        var baseUrl = BaseUrlOption.Create();
        var command = new Command("serve", "Build the site in memory and serve it on 127.0.0.1, rebuilding and reloading the page when input changes.") { input, port, headers, baseUrl };
        command.SetAction((parse, ct) =>
        {
            if (!BaseUrlOption.TryResolve(parse.GetValue(baseUrl), Environment.GetEnvironmentVariable, out var url, out _, out var error))
            {
                Console.Error.WriteLine($"dhr serve: {error}");
                return Task.FromResult(ExitCodes.Usage);
            }
            return RunAsync(parse.GetValue(input)!, parse.GetValue(port), parse.GetValue(headers), url, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(string inputDir, int port, string? headersPath, Uri? baseUrl, CancellationToken ct)
    {
        if (!Directory.Exists(inputDir))
        {
            Console.Error.WriteLine($"dhr serve: input folder '{inputDir}' does not exist.");
            return ExitCodes.Usage;
        }
        if (port is < 0 or > 65535)
        {
            Console.Error.WriteLine($"dhr serve: {port} is not a port number (0 to 65535).");
            return ExitCodes.Usage;
        }
        var headers = LoadHeaders(inputDir, headersPath);
        if (headers is null) return ExitCodes.Usage;

        var site = new LiveSite(inputDir, baseUrl);
        site.Rebuild();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        await using var app = builder.Build();
        app.Run(context => Handle(context, site, headers));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        try
        {
            await app.StartAsync(stop.Token);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"dhr serve: cannot listen on 127.0.0.1:{port}: {e.Message}");
            return ExitCodes.Usage;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)).GetLeftPart(UriPartial.Authority) + "/";
        Console.Out.WriteLine($"Serving {url}");
        Console.Out.WriteLine($"Watching '{inputDir}' for changes; press Ctrl+C to stop.");

        var changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var watcher = new FileSystemWatcher(Path.GetFullPath(inputDir))
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        void Changed(object? sender, EventArgs e) => changes.Writer.TryWrite(true);
        watcher.Changed += Changed;
        watcher.Created += Changed;
        watcher.Deleted += Changed;
        watcher.Renamed += Changed;
        watcher.Error += (_, e) => { Console.Error.WriteLine($"dhr serve: file watching failed ({e.GetException().Message}); rebuilding everything."); changes.Writer.TryWrite(true); };
        watcher.EnableRaisingEvents = true;

        try
        {
            while (true)
            {
                await changes.Reader.ReadAsync(stop.Token);
                // Wait until the files have been quiet for a moment, then build once for all of it.
                do await Task.Delay(Debounce, stop.Token);
                while (changes.Reader.TryRead(out _));
                site.Rebuild();
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM.
        }
        watcher.EnableRaisingEvents = false;
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(grace.Token);
        return ExitCodes.Ok;
    }

    /// <summary>netlify.toml: the option, else the working folder's, else the one next to the input folder. Null after a message when unusable.</summary>
    private static NetlifyHeaders? LoadHeaders(string inputDir, string? explicitPath)
    {
        var candidates = explicitPath is not null
            ? [explicitPath]
            : new[] { "netlify.toml", Path.Combine(Path.GetDirectoryName(Path.GetFullPath(inputDir))!, "netlify.toml") };
        var path = candidates.FirstOrDefault(File.Exists);
        if (path is null)
        {
            if (explicitPath is not null)
            {
                Console.Error.WriteLine($"dhr serve: '{explicitPath}' does not exist.");
                return null;
            }
            Console.Error.WriteLine("dhr serve: warning: no netlify.toml here or next to the input folder: serving without the site's headers (CSP included).");
            return NetlifyHeaders.None;
        }
        try
        {
            var headers = NetlifyHeaders.Parse(File.ReadAllText(path));
            Console.Error.WriteLine($"Sending the headers of '{path}' ({Reporter.Plural(headers.RuleCount, "rule")}).");
            return headers;
        }
        catch (Exception e) when (e is Tomlyn.TomlException or IOException)
        {
            Console.Error.WriteLine($"dhr serve: cannot read '{path}': {e.Message}");
            return null;
        }
    }

    private static async Task Handle(HttpContext context, LiveSite site, NetlifyHeaders headers)
    {
        var request = context.Request;
        var response = context.Response;
        // A page on another site can make the browser ask this server for the working copy's drafts,
        // with the other site's name as Host (DNS rebinding): only the loopback names are answered.
        if (!IsLoopbackHost(request.Host, context.Connection.LocalPort))
        {
            response.StatusCode = request.Host.HasValue ? StatusCodes.Status421MisdirectedRequest : StatusCodes.Status400BadRequest;
            return;
        }
        var path = request.Path.Value is { Length: > 0 } p ? p : "/";
        foreach (var (k, v) in headers.For(path))
        {
            // The deploy lets other sites read its public open data; drafts served here are not public.
            if (!k.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)) response.Headers[k] = v;
        }
        response.Headers["Cross-Origin-Resource-Policy"] = "same-origin";
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "GET, HEAD";
            return;
        }

        if (path.StartsWith(DevPrefix, StringComparison.Ordinal))
        {
            switch (path)
            {
                case ScriptPath: await Send(context, Script, "text/javascript; charset=utf-8", cache: false); return;
                case StylePath: await Send(context, Style, "text/css; charset=utf-8", cache: false); return;
                case EventsPath: await Events(context, site); return;
                default: response.StatusCode = StatusCodes.Status404NotFound; return;
            }
        }

        var snapshot = site.Current;
        var files = snapshot.Files ?? new Dictionary<string, OutputFile>();
        var name = UrlScheme.FileFor(path);
        // Netlify reads _redirects and never serves it.
        OutputFile? file = null;
        if (name == NetlifyRedirects.FileName || !files.TryGetValue(name, out file))
        {
            if (snapshot.Redirects.For(path) is { } rule)
            {
                response.StatusCode = rule.Status;
                response.Headers.Location = rule.To + request.QueryString;
                return;
            }
            // "/about" -> "/about/", as Netlify does for a folder with an index.html. The target is
            // always a path on this host: "//about" must not become a link to the host "about".
            if (!path.EndsWith('/') && files.ContainsKey(UrlScheme.FileFor(path + "/")))
            {
                response.StatusCode = StatusCodes.Status301MovedPermanently;
                response.Headers.Location = new PathString("/" + path.TrimStart('/', '\\') + "/").ToUriComponent() + request.QueryString;
                return;
            }
            response.StatusCode = StatusCodes.Status404NotFound;
            name = UrlScheme.FileFor(UrlScheme.NotFound);
            files.TryGetValue(name, out file);
        }

        var isHtml = name.EndsWith(".html", StringComparison.Ordinal);
        if (isHtml && snapshot.HasErrors)
        {
            response.StatusCode = StatusCodes.Status500InternalServerError;
            await Send(context, ErrorPage(snapshot), "text/html; charset=utf-8", cache: false);
            return;
        }
        if (file is null)
        {
            await Send(context, Encoding.UTF8.GetBytes("Not found"), "text/plain; charset=utf-8", cache: false);
            return;
        }
        var bytes = isHtml ? WithReloadScript(file.Bytes, snapshot.Version) : file.Bytes;
        var type = ContentTypes.TryGetContentType(name, out var t) ? t : "application/octet-stream";
        if (type.StartsWith("text/", StringComparison.Ordinal) || type is "application/json" or "application/javascript")
            type += "; charset=utf-8";
        // Fingerprinted assets may be cached (netlify.toml says so); pages must come fresh after a rebuild.
        await Send(context, bytes, type, cache: response.Headers.CacheControl.Count > 0);
    }

    /// <summary>127.0.0.1, localhost or [::1], with the port this connection came in on.</summary>
    internal static bool IsLoopbackHost(HostString host, int localPort) =>
        host.HasValue
        && (host.Port ?? 80) == localPort
        && host.Host.ToLowerInvariant() is "127.0.0.1" or "localhost" or "[::1]";

    private static async Task Send(HttpContext context, byte[] body, string contentType, bool cache)
    {
        var response = context.Response;
        // netlify.toml may set the type (feed.xml); it wins, as on Netlify.
        if (response.Headers.ContentType.Count == 0) response.ContentType = contentType;
        if (!cache) response.Headers.CacheControl = "no-store";
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method)) await response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Server-Sent Events: the current version now, then again after each rebuild.</summary>
    private static async Task Events(HttpContext context, LiveSite site)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        var stopping = context.RequestServices.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping;
        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            while (true)
            {
                var seen = site.Current;
                await response.WriteAsync($"data: {seen.Version}\n\n", done.Token);
                await response.Body.FlushAsync(done.Token);
                // A comment every 20 s keeps proxies and the browser from dropping an idle connection.
                while (!site.ChangedSince(seen).IsCompleted)
                {
                    await Task.WhenAny(site.ChangedSince(seen), Task.Delay(TimeSpan.FromSeconds(20), done.Token));
                    done.Token.ThrowIfCancellationRequested();
                    if (!site.ChangedSince(seen).IsCompleted)
                    {
                        await response.WriteAsync(": keep-alive\n\n", done.Token);
                        await response.Body.FlushAsync(done.Token);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away or the server is stopping.
        }
    }

    /// <summary>The page's HTML with the reload script (same origin, external: allowed by script-src 'self').</summary>
    private static byte[] WithReloadScript(byte[] html, string version)
    {
        var text = Encoding.UTF8.GetString(html);
        var tag = ReloadTag(version);
        var at = text.IndexOf("</head>", StringComparison.OrdinalIgnoreCase);
        return Encoding.UTF8.GetBytes(at < 0 ? text + tag : text.Insert(at, tag + "\n"));
    }

    private static string ReloadTag(string version) => $"<script src=\"{ScriptPath}?v={Uri.EscapeDataString(version)}\" defer></script>";

    /// <summary>Shown instead of every page while the content has errors; reloads itself once they are fixed.</summary>
    private static byte[] ErrorPage(Snapshot snapshot)
    {
        var sb = new StringBuilder();
        sb.Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Content errors - dhr serve</title>\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<link rel=\"stylesheet\" href=\"").Append(StylePath).Append("\">\n");
        sb.Append(ReloadTag(snapshot.Version)).Append('\n');
        sb.Append("</head>\n<body>\n<main class=\"dhr-errors\">\n<h1>The content has ")
            .Append(WebUtility.HtmlEncode(Reporter.Plural(snapshot.Errors.Count, "error"))).Append("</h1>\n");
        sb.Append("<p>Fix the files named below and save: this page reloads by itself. <code>dhr check</code> prints the same list.</p>\n<pre>");
        foreach (var error in snapshot.Errors) sb.Append(WebUtility.HtmlEncode(error)).Append("\n\n");
        sb.Append("</pre>\n</main>\n</body>\n</html>\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static byte[] Resource(string name)
    {
        using var stream = typeof(ServeCommand).Assembly.GetManifestResourceStream("DhrPortal.Cli.Serve." + name)
            ?? throw new InvalidOperationException($"The embedded resource '{name}' is missing from dhr.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
