using DhrPortal.Content;
using DhrPortal.Learning;

namespace DhrPortal.Site.Data;

/// <summary>A download the data page lists: its address, format and size in bytes.</summary>
public sealed record Download(string Url, string Format, long Bytes);

/// <summary>
/// The data files made from the content alone (open data, feed, redirects), as opposed to the
/// sitemap, which lists the rendered pages. They are made before the pages so that the data page
/// can state their exact sizes; pure and deterministic like everything the build makes.
/// </summary>
public static class ContentFiles
{
    private const string Reviews = "reviews/";

    /// <summary>The downloads, in the order the data page lists them, with their formats.</summary>
    private static readonly (string Url, string Format)[] Listed =
    [
        (UrlScheme.RecommendationsCsv, "CSV"),
        (UrlScheme.ReviewsJson, "JSON"),
        (UrlScheme.RepeatsCsv, "CSV"),
        (UrlScheme.Feed, "Atom"),
    ];

    /// <summary>Makes the files (in parallel: each is independent).</summary>
    public static IReadOnlyList<OutputFile> Make(ContentModel model, SimilarRecommendations similar)
    {
        var files = new (string Url, Func<string> Make)[]
        {
            (UrlScheme.RecommendationsCsv, () => OpenData.RecommendationsCsv(model)),
            (UrlScheme.ReviewsJson, () => OpenData.ReviewsJson(model)),
            (UrlScheme.RepeatsCsv, () => RepeatsCsv.Write(similar)),
            (UrlScheme.Feed, () => Feeds.Atom(model)),
            (UrlScheme.Redirects, () => Redirects.Netlify(model)),
        };
        var made = new OutputFile[files.Length];
        Parallel.For(0, files.Length, i =>
            made[i] = new OutputFile(UrlScheme.FileFor(files[i].Url), System.Text.Encoding.UTF8.GetBytes(files[i].Make()), Reviews));
        return made;
    }

    /// <summary>What the data page lists about <paramref name="files"/>: each download's format and size.</summary>
    public static IReadOnlyList<Download> Downloads(IReadOnlyList<OutputFile> files) =>
        Listed.Select(d => new Download(d.Url, d.Format, files.Single(f => f.Path == UrlScheme.FileFor(d.Url)).Bytes.LongLength)).ToList();
}
