using System.Net;
using System.Text;
using DhrPortal.Content;
using DhrPortal.Site.Markdown;

namespace DhrPortal.SearchBench;

/// <summary>
/// Minimal HTML pages for Pagefind, written from the typed model so both engines index the same
/// text (review title and summary, recommendation text, addressees, theme names) with the same
/// facets as <c>data-pagefind-filter</c>s: theme, area, agency, sector, csp, region, year,
/// relationship, status. Two variants: one page per review (<c>/reviews/id/</c>, its facets the
/// union of its recommendations'), and one page per recommendation (<c>/rec/id/anchor/</c>).
/// </summary>
internal static class PagefindPages
{
    public const string RecommendationFolder = Relevance.PagefindRecommendationFolder;

    public enum Variant { PerReview, PerRecommendation }

    /// <summary>Writes the pages of one variant under <paramref name="root"/>; returns how many.</summary>
    public static int Write(ContentModel model, Variant variant, string root)
    {
        var agencies = model.Agencies.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var themes = model.Themes.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var areas = model.Areas.ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
        var csps = model.Csps.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var count = 0;
        Parallel.ForEach(model.Reviews, review =>
        {
            var csp = csps.GetValueOrDefault(review.CspId);
            var reviewFilters = new List<(string, string)> { ("relationship", review.Relationship.ToString()) };
            if (csp is not null)
            {
                reviewFilters.Add(("csp", csp.Name));
                reviewFilters.Add(("region", csp.Region));
            }
            if (review.Published is { } p) reviewFilters.Add(("year", p.Year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)));

            (string Body, List<(string, string)> Filters) Rec(Recommendation rec)
            {
                var filters = new List<(string, string)>();
                var to = new List<string>();
                foreach (var a in rec.To)
                {
                    to.Add(a.AsWritten);
                    if (a.AgencyId is { } id && agencies.TryGetValue(id, out var agency))
                    {
                        if (!string.Equals(agency.Name, a.AsWritten, StringComparison.Ordinal)) to.Add(agency.Name);
                        filters.Add(("agency", agency.Name));
                        filters.Add(("sector", agency.Sector));
                    }
                }
                var themeNames = new List<string>();
                foreach (var t in rec.Themes)
                {
                    if (!themes.TryGetValue(t.Id, out var theme)) continue;
                    themeNames.Add(theme.Name);
                    filters.Add(("theme", theme.Name));
                    filters.Add(("area", areas.GetValueOrDefault(theme.AreaId, theme.AreaId)));
                }
                if (rec.Status is { } s) filters.Add(("status", s.State.ToString()));
                var body = $"<p>{E(MarkdownRenderer.InlinePlainText(rec.Text))}</p>\n<p>To: {E(string.Join("; ", to))}</p>\n<p>Themes: {E(string.Join("; ", themeNames))}</p>\n";
                return (body, filters);
            }

            if (variant == Variant.PerReview)
            {
                var body = new StringBuilder();
                body.Append("<h1>").Append(E(review.Title)).Append("</h1>\n<p>").Append(E(MarkdownRenderer.PlainText(review.Summary))).Append("</p>\n");
                var filters = new List<(string, string)>(reviewFilters);
                foreach (var rec in review.Recommendations)
                {
                    var (b, f) = Rec(rec);
                    body.Append("<h2>Recommendation ").Append(E(rec.Label)).Append("</h2>\n").Append(b);
                    filters.AddRange(f);
                }
                WritePage(Path.Combine(root, "reviews", review.Id, "index.html"), review.Title, body.ToString(), filters);
                Interlocked.Increment(ref count);
            }
            else
            {
                foreach (var rec in review.Recommendations)
                {
                    var (b, f) = Rec(rec);
                    var title = $"{review.Title}: recommendation {rec.Label}";
                    f.AddRange(reviewFilters);
                    WritePage(Path.Combine(root, RecommendationFolder, review.Id, rec.Anchor, "index.html"), title, $"<h1>{E(title)}</h1>\n{b}", f);
                    Interlocked.Increment(ref count);
                }
            }
        });
        return count;
    }

    private static void WritePage(string path, string title, string body, List<(string Name, string Value)> filters)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title))
            .Append("</title></head>\n<body><main data-pagefind-body>\n").Append(body)
            // Filters only, not indexed as words (data-pagefind-ignore defaults to "index", which keeps filters).
            .Append("<div data-pagefind-ignore>");
        foreach (var (name, value) in filters.Distinct().OrderBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.Value, StringComparer.Ordinal))
            html.Append("<span data-pagefind-filter=\"").Append(name).Append("\">").Append(E(value)).Append("</span>");
        html.Append("</div>\n</main></body></html>\n");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, html.ToString());
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
