using DhrPortal.Content;
using DhrPortal.Learning;
using DhrPortal.Site.Markdown;

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

    /// <summary>Each file and how it is made; the one list of them (the builder reserves their paths).</summary>
    private static readonly (string Url, Func<ContentModel, SimilarRecommendations, RenderedTexts, byte[]> Make)[] Files =
    [
        (UrlScheme.RecommendationsCsv, (model, _, _) => OpenData.RecommendationsCsv(model)),
        (UrlScheme.ReviewsJson, (model, _, _) => OpenData.ReviewsJson(model)),
        (UrlScheme.RepeatsCsv, (_, similar, _) => Utf8(RepeatsCsv.Write(similar))),
        (UrlScheme.Feed, (model, _, texts) => Utf8(Feeds.Atom(model, texts))),
        (UrlScheme.Redirects, (model, _, _) => Utf8(Redirects.Netlify(model))),
    ];

    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    /// <summary>The URLs of the files <see cref="Make"/> makes.</summary>
    public static IEnumerable<string> Urls => Files.Select(f => f.Url);

    /// <summary>Makes the files (in parallel: each is independent).</summary>
    public static IReadOnlyList<OutputFile> Make(ContentModel model, SimilarRecommendations similar, RenderedTexts texts)
    {
        var made = new OutputFile[Files.Length];
        Parallel.For(0, Files.Length, i =>
            made[i] = new OutputFile(UrlScheme.FileFor(Files[i].Url), Files[i].Make(model, similar, texts), Reviews));
        return made;
    }

    /// <summary>What the data page lists about <paramref name="files"/>: each download's format and size.</summary>
    public static IReadOnlyList<Download> Downloads(IReadOnlyList<OutputFile> files) =>
        Listed.Select(d => new Download(d.Url, d.Format, files.Single(f => f.Path == UrlScheme.FileFor(d.Url)).Bytes.LongLength)).ToList();
}
