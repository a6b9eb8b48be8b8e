using System.Diagnostics;
using DhrPortal.Content;
using DhrPortal.Diagnostics;
using DhrPortal.Learning;
using DhrPortal.Site.Checks;
using DhrPortal.Site.Data;
using DhrPortal.Site.Markdown;
using DhrPortal.Site.Search;

namespace DhrPortal.Site;

/// <summary>Renders pages and assets for a checked model. Implemented by the theme.</summary>
public interface ITheme
{
    /// <summary>
    /// Adds every page and asset of the site to <paramref name="output"/>. Must be pure (no disk,
    /// no clock, no randomness) and deterministic: the same index renders the same bytes.
    /// <see cref="SiteOutput.Add(OutputFile)"/> is thread-safe, so pages may be rendered in parallel.
    /// </summary>
    void Render(SiteIndex site, SiteOutput output);
}

/// <summary>
/// The result of a build: the site (in memory, or streamed to its folder) when it passed every check
/// (null otherwise), the
/// diagnostics in report order, and how long each stage took.
/// </summary>
public sealed record BuildResult(SiteOutput? Output, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<(string Stage, TimeSpan Elapsed)> Timings)
{
    /// <summary>True when the build produced a site.</summary>
    public bool Succeeded => Output is not null;
}

/// <summary>
/// Builds the site from checked content into a <see cref="SiteOutput"/>. Pure apart from that sink:
/// assets are embedded in the theme, and the only disk access is a streamed output's, which
/// <see cref="SiteWriter"/> sets up and swaps into place.
/// </summary>
public static class SiteBuilder
{
    /// <summary>Output paths of the open data and machine-readable files (the theme must not claim them).</summary>
    public static IReadOnlyList<string> DataFiles { get; } =
        [.. ContentFiles.Urls.Append(UrlScheme.Sitemap).Append(UrlScheme.Robots).Select(UrlScheme.FileFor)];

    /// <summary>Builds the site in memory.</summary>
    public static BuildResult Build(ContentModel model, ITheme theme) => Build(model, theme, new SiteOutput());

    /// <summary>Builds the site into <paramref name="output"/>, page by page.</summary>
    public static BuildResult Build(ContentModel model, ITheme theme, SiteOutput output)
    {
        var timings = new List<(string Stage, TimeSpan Elapsed)>();
        void Time(string stage, Action run)
        {
            var clock = Stopwatch.StartNew();
            run();
            timings.Add((stage, clock.Elapsed));
        }

        // 1. Recommendations of other reviews close to each one (the learning stage, timed on its own).
        SimilarRecommendations similar = null!;
        Time("repeats", () => similar = SimilarRecommendations.Compute(model));

        // 2. Each Markdown text parsed once, into the HTML of the pages and the plain text of search and the feed.
        RenderedTexts texts = null!;
        Time("markdown", () => texts = RenderedTexts.Of(model));

        // 3. Open data and the feed, before the pages: the data page states their sizes. Each file goes
        // to the output at once (when streamed, to disk), so only its size is held from here on.
        IReadOnlyList<Download> downloads = null!;
        Time("data", () =>
        {
            var files = ContentFiles.Make(model, similar, texts);
            Add(output, files);
            downloads = ContentFiles.Downloads(files);
        });

        // 4. Index: every cross-reference the pages need, computed once.
        SiteIndex site = null!;
        Time("index", () => site = SiteIndex.Create(model, downloads, similar, texts));

        // 5. The search index, from the site index (the search page names its fixed-name entry file);
        // to the output at once, like the data.
        Time("search", () => Add(output, SearchIndexBuilder.Build(site).Select(f => new OutputFile(UrlScheme.FileFor(f.Url), f.Bytes, "reviews/"))));

        // 6. Pages and assets, from the theme (which renders pages in parallel).
        Time("render", () => theme.Render(site, output));

        // 7. The files for crawlers, which list the pages.
        Time("sitemap", () => AddCrawlerFiles(model, output));

        // 8. Check the editors' links against the files generated and the anchors of the model: a link
        // to a missing page or anchor fails the build.
        var diagnostics = new List<Diagnostic>();
        Time("check", () => diagnostics.AddRange(LinkChecker.Check(site, output.Paths)));

        var failed = diagnostics.Any(d => d.Severity == Severity.Error);
        return new BuildResult(failed ? null : output, diagnostics, timings);
    }

    private static void Add(SiteOutput output, IEnumerable<OutputFile> files)
    {
        foreach (var file in files) output.Add(file);
    }

    private static void AddCrawlerFiles(ContentModel model, SiteOutput output)
    {
        const string Site = "site.yml";
        // Every page goes in the sitemap except the 404 page; read from the output, so the sitemap
        // can never list a page that does not exist or miss one that does.
        var pages = output.Paths
            .Where(p => p != UrlScheme.FileFor(UrlScheme.NotFound))
            .Select(UrlScheme.PageFor).OfType<string>()
            .ToList();
        output.Add(UrlScheme.FileFor(UrlScheme.Sitemap), Feeds.Sitemap(model, pages), Site);
        output.Add(UrlScheme.FileFor(UrlScheme.Robots), Feeds.Robots(model.Settings), Site);
    }
}
