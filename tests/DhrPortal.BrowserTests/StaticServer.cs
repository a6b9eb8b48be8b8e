using DhrPortal.Cli.Serve;
using System.Net;
using System.Net.Sockets;

namespace DhrPortal.BrowserTests;

/// <summary>
/// A tiny static file server on 127.0.0.1 and a free port, behaving like the Netlify deploy: directory
/// URLs serve their index.html, a directory without its slash redirects, a missing path gets 404.html
/// with status 404, and every response carries the netlify.toml headers for its path.
/// </summary>
public sealed class StaticServer : IDisposable
{
    private readonly string _root;
    private readonly NetlifyHeaders _headers;
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    internal StaticServer(string root, NetlifyHeaders headers)
    {
        _root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        _headers = headers;
        (_listener, Port) = Listen();
        BaseUrl = new Uri($"http://127.0.0.1:{Port}/");
        _loop = Task.Run(AcceptLoop);
    }

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:port/</c></summary>
    public Uri BaseUrl { get; }

    /// <summary><c>127.0.0.1:port</c>, the only host pages may talk to.</summary>
    public string Authority => BaseUrl.Authority;

    public string Url(string path) => new Uri(BaseUrl, path).ToString();

    private static (HttpListener, int) Listen()
    {
        for (var attempt = 0; ; attempt++)
        {
            // Ask the OS for a free port, then bind HttpListener to it (retry if something took it meanwhile).
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                listener.Close();
            }
        }
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested || !_listener.IsListening)
            {
                return;
            }
            _ = Task.Run(() => Serve(ctx));
        }
    }

    private void Serve(HttpListenerContext ctx)
    {
        var response = ctx.Response;
        try
        {
            var request = ctx.Request;
            var path = Uri.UnescapeDataString(request.Url!.AbsolutePath);
            foreach (var (k, v) in _headers.For(path)) response.Headers[k] = v;
            if (request.HttpMethod is not ("GET" or "HEAD"))
            {
                response.StatusCode = 405;
                response.Headers["Allow"] = "GET, HEAD";
                return;
            }
            var file = Resolve(path, out var redirect);
            if (redirect is not null)
            {
                response.StatusCode = 301;
                response.Headers["Location"] = redirect + request.Url.Query;
                return;
            }
            var status = 200;
            if (file is null)
            {
                status = 404;
                file = Path.Combine(_root, "404.html");
            }
            if (!File.Exists(file))
            {
                response.StatusCode = status;
                response.ContentType = "text/plain; charset=utf-8";
                Write(response, "Not found"u8.ToArray(), request.HttpMethod == "HEAD");
                return;
            }
            response.StatusCode = status;
            response.ContentType = ContentType(file);
            Write(response, File.ReadAllBytes(file), request.HttpMethod == "HEAD");
        }
        catch (Exception e) when (e is IOException or HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The browser went away mid-response; nothing to do.
        }
        finally
        {
            try { response.Close(); }
            catch (Exception e) when (e is IOException or HttpListenerException or ObjectDisposedException or InvalidOperationException) { }
        }
    }

    private static void Write(HttpListenerResponse response, byte[] body, bool headOnly)
    {
        response.ContentLength64 = body.Length;
        if (!headOnly) response.OutputStream.Write(body);
    }

    /// <summary>The file for a URL path, or null; sets <paramref name="redirect"/> for a directory without its slash.</summary>
    private string? Resolve(string urlPath, out string? redirect)
    {
        redirect = null;
        var relative = urlPath.TrimStart('/');
        var full = Path.GetFullPath(Path.Combine(_root, relative));
        if (!full.StartsWith(_root, StringComparison.Ordinal) && full + Path.DirectorySeparatorChar != _root) return null;
        if (urlPath.EndsWith('/'))
        {
            var index = Path.Combine(full, "index.html");
            return File.Exists(index) ? index : null;
        }
        if (File.Exists(full)) return full;
        if (Directory.Exists(full) && File.Exists(Path.Combine(full, "index.html")))
        {
            redirect = urlPath + "/";
            return null;
        }
        return null;
    }

    public static string ContentType(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".html" or ".htm" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".json" or ".map" => "application/json; charset=utf-8",
        ".webmanifest" => "application/manifest+json; charset=utf-8",
        ".xml" => "application/xml; charset=utf-8",
        ".txt" => "text/plain; charset=utf-8",
        ".csv" => "text/csv; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".avif" => "image/avif",
        ".ico" => "image/x-icon",
        ".woff2" => "font/woff2",
        ".woff" => "font/woff",
        ".pdf" => "application/pdf",
        _ => "application/octet-stream",
    };

    public void Dispose()
    {
        _stop.Cancel();
        try { _listener.Stop(); _listener.Close(); }
        catch (ObjectDisposedException) { }
        try { _loop.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { }
        _stop.Dispose();
    }
}
