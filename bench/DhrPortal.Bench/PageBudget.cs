using System.IO.Compression;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace DhrPortal.Bench;

/// <summary>The largest page of one kind: its path, gzip bytes, elements and all DOM nodes.</summary>
public sealed record PageSize(string Kind, string Path, int Pages, int GzipBytes, int Elements, int Nodes);

/// <summary>
/// The page budget of issue 10: every HTML page at most 50 KB gzip and 3,000 DOM nodes, with
/// 20,000 generated reviews. DOM nodes are every node of the parsed document (elements, text,
/// comments), which is more than the elements alone that Lighthouse counts; both are reported.
/// Used by the bench (--pages) and by the page budget test, so both measure the same way.
/// </summary>
public static partial class PageBudget
{
    public const int MaxGzipBytes = 50 * 1024, MaxNodes = 3000;

    /// <summary>
    /// The kind of page an output path is, so sizes compare like with like: <c>themes/x/page/2/index.html</c>
    /// → "theme (page 2+)", <c>themes/x/index.html</c> → "theme", <c>themes/index.html</c> → "themes index".
    /// </summary>
    public static string KindOf(string path)
    {
        if (!path.EndsWith(".html", StringComparison.Ordinal)) throw new ArgumentException($"'{path}' is not a page.");
        if (path == "index.html") return "home";
        var parts = path.Split('/');
        if (parts.Length == 1) return path[..^".html".Length];
        var paged = PagedPath().IsMatch(path);
        var kind = parts[0] switch
        {
            "reviews" => parts.Length == 2 || (paged && parts.Length == 4) ? "reviews index" : "review",
            "themes" => parts.Length == 2 ? "themes index" : "theme",
            "agencies" => parts.Length == 2 ? "agencies index" : "agency",
            "csps" => parts.Length == 2 ? "partnerships index" : "partnership",
            "years" => parts.Length == 2 ? "years index" : "year",
            _ => parts.Length == 2 ? parts[0] : $"{parts[0]}/…",
        };
        return paged ? kind + " (page 2+)" : kind;
    }

    [GeneratedRegex(@"/page/[0-9]+/index\.html$")]
    private static partial Regex PagedPath();

    public static int Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(bytes);
        return (int)buffer.Length;
    }

    /// <summary>Gzip bytes, elements and all nodes of one page.</summary>
    public static (int Gzip, int Elements, int Nodes) Measure(byte[] html)
    {
        var doc = new HtmlParser().ParseDocument(System.Text.Encoding.UTF8.GetString(html));
        var nodes = 0;
        var stack = new Stack<AngleSharp.Dom.INode>();
        stack.Push(doc.DocumentElement);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            nodes++;
            foreach (var child in node.ChildNodes) stack.Push(child);
        }
        return (Gzip(html), doc.All.Length, nodes);
    }

    /// <summary>The largest page of each kind (by gzip bytes, and separately by nodes when another page has more), kinds in ordinal order.</summary>
    public static List<PageSize> Largest(IEnumerable<(string Path, byte[] Bytes)> pages)
    {
        var measured = pages.AsParallel()
            .Select(p => (p.Path, Kind: KindOf(p.Path), Size: Measure(p.Bytes)))
            .ToList();
        var result = new List<PageSize>();
        foreach (var kind in measured.GroupBy(m => m.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var bySize = kind.OrderByDescending(m => m.Size.Gzip).ThenBy(m => m.Path, StringComparer.Ordinal).First();
            var byNodes = kind.OrderByDescending(m => m.Size.Nodes).ThenBy(m => m.Path, StringComparer.Ordinal).First();
            var count = kind.Count();
            result.Add(new PageSize(kind.Key, bySize.Path, count, bySize.Size.Gzip, bySize.Size.Elements, bySize.Size.Nodes));
            if (byNodes.Path != bySize.Path)
                result.Add(new PageSize(kind.Key, byNodes.Path, count, byNodes.Size.Gzip, byNodes.Size.Elements, byNodes.Size.Nodes));
        }
        return result;
    }
}
