using DhrPortal.Cli.Serve;
using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;

namespace DhrPortal.SearchBench;

/// <summary>
/// A static file server on 127.0.0.1 that answers like a CDN: text responses (HTML, CSS, JS, JSON,
/// SVG, XML, plain text) gzip-compressed when the browser accepts it, binary ones as they are
/// (Pagefind's index files are gzipped by Pagefind itself). Headers come from netlify.toml when
/// given (our site, with its CSP); responses without a Cache-Control of their own, HTML excepted,
/// get a long one, so "warm" means cached for both engines alike. Compressed bodies are kept, so
/// compression time is not part of any measurement after the first request.
/// </summary>
internal sealed class GzipServer : IDisposable
{
    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".csv", ".webmanifest", ".map",
    };

    private readonly string _root;
    private readonly NetlifyHeaders _headers;
    private readonly HttpListener _listener;
    private readonly ConcurrentDictionary<string, byte[]> _gzipped = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private volatile bool _stopping;

    public GzipServer(string root, NetlifyHeaders? headers)
    {
        _root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        _headers = headers ?? NetlifyHeaders.None;
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _listener = new HttpListener();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                _listener.Start();
                BaseUrl = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                _listener.Close();
            }
        }
        _loop = Task.Run(Accept);
    }

    public Uri BaseUrl { get; } = null!;

    public string Url(string path) => new Uri(BaseUrl, path).ToString();

    private async Task Accept()
    {
        while (!_stopping)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stopping || !_listener.IsListening)
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
            var path = Uri.UnescapeDataString(ctx.Request.Url!.AbsolutePath);
            foreach (var (k, v) in _headers.For(path)) response.Headers[k] = v;
            var file = Resolve(path, out var redirect);
            if (redirect is not null)
            {
                response.StatusCode = 301;
                response.Headers["Location"] = redirect + ctx.Request.Url.Query;
                return;
            }
            if (file is null)
            {
                response.StatusCode = 404;
                response.ContentType = "text/plain; charset=utf-8";
                var body = "Not found"u8.ToArray();
                response.ContentLength64 = body.Length;
                response.OutputStream.Write(body);
                return;
            }
            var ext = Path.GetExtension(file);
            response.ContentType = ContentType(ext);
            if (response.Headers["Cache-Control"] is null && !ext.Equals(".html", StringComparison.OrdinalIgnoreCase))
                response.Headers["Cache-Control"] = "public, max-age=31536000, immutable";
            byte[] bytes;
            var acceptsGzip = (ctx.Request.Headers["Accept-Encoding"] ?? "").Contains("gzip", StringComparison.OrdinalIgnoreCase);
            if (acceptsGzip && TextExtensions.Contains(ext))
            {
                bytes = _gzipped.GetOrAdd(file, Gzip);
                response.Headers["Content-Encoding"] = "gzip";
                response.Headers["Vary"] = "Accept-Encoding";
            }
            else
            {
                bytes = File.ReadAllBytes(file);
            }
            response.ContentLength64 = bytes.Length;
            if (ctx.Request.HttpMethod != "HEAD") response.OutputStream.Write(bytes);
        }
        catch (Exception e) when (e is IOException or HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The browser went away mid-response.
        }
        finally
        {
            try { response.Close(); }
            catch (Exception e) when (e is IOException or HttpListenerException or ObjectDisposedException or InvalidOperationException) { }
        }
    }

    /// <summary>gzip at the default level (zlib 6), as CDNs commonly compress on the fly.</summary>
    private static byte[] Gzip(string file)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            gz.Write(File.ReadAllBytes(file));
        return output.ToArray();
    }

    private string? Resolve(string urlPath, out string? redirect)
    {
        redirect = null;
        var full = Path.GetFullPath(Path.Combine(_root, urlPath.TrimStart('/')));
        if (!full.StartsWith(_root, StringComparison.Ordinal) && full + Path.DirectorySeparatorChar != _root) return null;
        if (urlPath.EndsWith('/'))
        {
            var index = Path.Combine(full, "index.html");
            return File.Exists(index) ? index : null;
        }
        if (File.Exists(full)) return full;
        if (Directory.Exists(full) && File.Exists(Path.Combine(full, "index.html"))) redirect = urlPath + "/";
        return null;
    }

    private static string ContentType(string ext) => ext.ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".json" or ".map" => "application/json; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".xml" => "application/xml; charset=utf-8",
        ".txt" => "text/plain; charset=utf-8",
        ".csv" => "text/csv; charset=utf-8",
        ".wasm" => "application/wasm",
        _ => "application/octet-stream",
    };

    public void Dispose()
    {
        _stopping = true;
        try { _listener.Stop(); _listener.Close(); }
        catch (ObjectDisposedException) { }
        try { _loop.Wait(TimeSpan.FromSeconds(5)); }
        catch (AggregateException) { }
    }
}
