using System.Diagnostics;
using DhrPortal.Content;
using DhrPortal.Diagnostics;
using DhrPortal.Learning;
using DhrPortal.Site.Checks;
using DhrPortal.Site.Data;
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
/// The result of a build: the site in memory when it passed every check (null otherwise), the
/// diagnostics in report order, and how long each stage took.
/// </summary>
public sealed record BuildResult(SiteOutput? Output, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<(string Stage, TimeSpan Elapsed)> Timings)
{
    /// <summary>True when the build produced a site.</summary>
    public bool Succeeded => Output is not null;
}

/// <summary>
/// Builds the site from checked content. Pure: nothing touches disk (assets are embedded in the
/// theme); <see cref="SiteWriter"/> is the disk edge.
/// </summary>
public static class SiteBuilder
{
    /// <summary>Output paths of the open data and machine-readable files (the theme must not claim them).</summary>
    public static IReadOnlyList<string> DataFiles { get; } =
    [
        UrlScheme.FileFor(UrlScheme.RecommendationsCsv),
        UrlScheme.FileFor(UrlScheme.ReviewsJson),
        UrlScheme.FileFor(UrlScheme.RepeatsCsv),
        UrlScheme.FileFor(UrlScheme.Feed),
        UrlScheme.FileFor(UrlScheme.Sitemap),
        UrlScheme.FileFor(UrlScheme.Robots),
        UrlScheme.FileFor(UrlScheme.Redirects),
    ];

    public static BuildResult Build(ContentModel model, ITheme theme)
    {
        var timings = new List<(string Stage, TimeSpan Elapsed)>();
        void Time(string stage, Action run)
        {
            var clock = Stopwatch.StartNew();
            run();
            timings.Add((stage, clock.Elapsed));
        }

        // 1. The search index first: the search page names its content-hashed manifest.
        SearchIndexFiles search = null!;
        Time("search", () => search = SearchIndexBuilder.Build(model));

        // 2. Recommendations of other reviews close to each one (the learning stage, timed on its own).
        SimilarRecommendations similar = null!;
        Time("repeats", () => similar = SimilarRecommendations.Compute(model));

        // 3. Index: every cross-reference the pages need, computed once.
        SiteIndex site = null!;
        Time("index", () => site = SiteIndex.Create(model, search.ManifestUrl, similar));

        // 4. Pages and assets, from the theme (which renders pages in parallel).
        var output = new SiteOutput();
        Time("render", () => theme.Render(site, output));
        foreach (var file in search.Files) output.Add(new OutputFile(UrlScheme.FileFor(file.Url), file.Bytes, "reviews/"));

        // 5. Open data, feed and the files for crawlers.
        Time("data", () => AddData(model, similar, output));

        // 6. Check what was generated: a broken internal link or anchor fails the build.
        var diagnostics = new List<Diagnostic>();
        Time("check", () =>
        {
            diagnostics.AddRange(LinkChecker.Check(output));
            diagnostics.Sort(Diagnostic.Compare);
        });

        var failed = diagnostics.Any(d => d.Severity == Severity.Error);
        return new BuildResult(failed ? null : output, diagnostics, timings);
    }

    private static void AddData(ContentModel model, SimilarRecommendations similar, SiteOutput output)
    {
        const string Reviews = "reviews/", Site = "site.yml";
        // Every page goes in the sitemap except the 404 page; read from the output, so the sitemap
        // can never list a page that does not exist or miss one that does.
        var pages = output.Files.Keys
            .Where(p => p != UrlScheme.FileFor(UrlScheme.NotFound))
            .Select(UrlScheme.PageFor).OfType<string>()
            .ToList();
        var files = new (string Url, Func<string> Make, string Source)[]
        {
            (UrlScheme.RecommendationsCsv, () => OpenData.RecommendationsCsv(model), Reviews),
            (UrlScheme.ReviewsJson, () => OpenData.ReviewsJson(model), Reviews),
            (UrlScheme.RepeatsCsv, () => RepeatsCsv.Write(similar), Reviews),
            (UrlScheme.Feed, () => Feeds.Atom(model), Reviews),
            (UrlScheme.Sitemap, () => Feeds.Sitemap(model.Settings, pages), Site),
            (UrlScheme.Robots, () => Feeds.Robots(model.Settings), Site),
            (UrlScheme.Redirects, () => Redirects.Netlify(model), Reviews),
        };
        Parallel.ForEach(files, f => output.Add(UrlScheme.FileFor(f.Url), f.Make(), f.Source));
    }
}
