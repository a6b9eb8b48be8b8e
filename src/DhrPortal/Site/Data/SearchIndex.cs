using System.Runtime.CompilerServices;
using System.Text.Json;
using DhrPortal.Content;
using DhrPortal.Site.Markdown;

namespace DhrPortal.Site.Data;

/// <summary>
/// The prebuilt index of the static search page: one compact JSON file with a document per review
/// and per recommendation, and the facets to filter them by. Short keys and positional arrays keep
/// it small, since phones download it; the format is documented in <c>docs/open-data.md</c>.
/// </summary>
public static class SearchIndex
{
    /// <summary>Version of the format, written as <c>"v"</c>; bump it when the shape changes.</summary>
    public const int FormatVersion = 1;

    /// <summary>
    /// The index, compact JSON:
    /// <code>
    /// { "v": 1,
    ///   "th": [[theme id, name]...],        taxonomy order; themes used by a recommendation
    ///   "ag": [[agency id, name]...],       by id; agencies addressed by a recommendation
    ///   "cs": [[csp id, name]...],          by id; CSPs with a review
    ///   "yr": [year...],                    publication years, ascending
    ///   "rv": [[id, title, url, csp index, year or null, summary text]...],   by id
    ///   "rc": [[review index, label, anchor, text, [agency index...], [theme index...]]...] }
    /// </code>
    /// Indexes are 0-based positions in the arrays above; a recommendation's URL is its review's
    /// url, '#', and its anchor. Texts are plain (Markdown removed).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string Json(ContentModel model)
    {
        var reviews = model.Reviews.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var recommendations = reviews.SelectMany(r => r.Recommendations.OrderBy(x => x.Order)).ToList();

        var usedThemes = recommendations.SelectMany(r => r.Themes).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var themes = model.Themes.Where(t => usedThemes.Contains(t.Id)).Select(t => (t.Id, t.Name)).ToList();

        var usedAgencies = recommendations.SelectMany(r => r.To).Select(a => a.AgencyId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var agencies = model.Agencies.Where(a => usedAgencies.Contains(a.Id))
            .OrderBy(a => a.Id, StringComparer.Ordinal).Select(a => (a.Id, a.Name)).ToList();

        var usedCsps = reviews.Select(r => r.CspId).ToHashSet(StringComparer.Ordinal);
        var csps = model.Csps.Where(c => usedCsps.Contains(c.Id))
            .OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => (c.Id, c.Name)).ToList();

        var years = reviews.Select(r => r.Published?.Year).OfType<int>().Distinct().Order().ToList();

        var themeIndex = IndexOf(themes.Select(t => t.Id));
        var agencyIndex = IndexOf(agencies.Select(a => a.Id));
        var cspIndex = IndexOf(csps.Select(c => c.Id));

        using var json = new JsonText(indented: false);
        var w = json.Writer;
        w.WriteStartObject();
        w.WriteNumber("v", FormatVersion);
        Pairs(w, "th", themes);
        Pairs(w, "ag", agencies);
        Pairs(w, "cs", csps);
        w.WriteStartArray("yr");
        foreach (var y in years) w.WriteNumberValue(y);
        w.WriteEndArray();

        w.WriteStartArray("rv");
        foreach (var review in reviews)
        {
            w.WriteStartArray();
            w.WriteStringValue(review.Id);
            w.WriteStringValue(review.Title);
            w.WriteStringValue(UrlScheme.Review(review));
            NumberOrNull(w, cspIndex.TryGetValue(review.CspId, out var c) ? c : null);
            NumberOrNull(w, review.Published?.Year);
            w.WriteStringValue(MarkdownRenderer.PlainText(review.Summary));
            w.WriteEndArray();
        }
        w.WriteEndArray();

        w.WriteStartArray("rc");
        for (var ri = 0; ri < reviews.Count; ri++)
        {
            foreach (var rec in reviews[ri].Recommendations.OrderBy(x => x.Order))
            {
                w.WriteStartArray();
                w.WriteNumberValue(ri);
                w.WriteStringValue(rec.Label);
                w.WriteStringValue(rec.Anchor);
                w.WriteStringValue(MarkdownRenderer.InlinePlainText(rec.Text));
                Indexes(w, rec.To.Select(a => a.AgencyId).OfType<string>(), agencyIndex);
                Indexes(w, rec.Themes.Select(t => t.Id), themeIndex);
                w.WriteEndArray();
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
        return json.ToString();
    }

    private static Dictionary<string, int> IndexOf(IEnumerable<string> ids)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in ids) map.TryAdd(id, map.Count);
        return map;
    }

    private static void Pairs(Utf8JsonWriter w, string name, IEnumerable<(string Id, string Name)> items)
    {
        w.WriteStartArray(name);
        foreach (var (id, label) in items)
        {
            w.WriteStartArray();
            w.WriteStringValue(id);
            w.WriteStringValue(label);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    // Each index once, in ascending order (two addressees may resolve to the same agency).
    private static void Indexes(Utf8JsonWriter w, IEnumerable<string> ids, Dictionary<string, int> index)
    {
        w.WriteStartArray();
        foreach (var i in ids.Select(id => index.TryGetValue(id, out var i) ? i : -1).Where(i => i >= 0).Distinct().Order())
            w.WriteNumberValue(i);
        w.WriteEndArray();
    }

    private static void NumberOrNull(Utf8JsonWriter w, int? value)
    {
        if (value is { } v) w.WriteNumberValue(v);
        else w.WriteNullValue();
    }
}
