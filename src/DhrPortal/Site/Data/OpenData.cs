using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DhrPortal.Content;
using DhrPortal.Learning;

namespace DhrPortal.Site.Data;

/// <summary>
/// The open data downloads: every recommendation as CSV, and every review with its
/// recommendations as JSON. Both are documented in <c>docs/open-data.md</c>; their columns and
/// properties are a public interface, so add to them but never rename or reorder. Pure and
/// deterministic: the same content gives the same bytes (no timestamps).
/// </summary>
public static class OpenData
{
    /// <summary>Separator of list values inside one CSV cell.</summary>
    public const string ListSeparator = " | ";

    /// <summary>The CSV header, in column order.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
    [
        "review_id", "review_title", "csp_id", "published", "year_of_death", "review_type", "relationship",
        "label", "order", "anchor", "url", "text", "addressees_as_written", "agency_ids", "theme_ids",
        "status", "status_as_of", "status_target",
        "csp_name", "region", "agency_names", "theme_names", "added",
        "status_source", "status_overdue",
    ];

    /// <summary>
    /// The byte-order mark the CSV starts with: without it Excel reads the file as the local code
    /// page and garbles typographic quotes and accented letters.
    /// </summary>
    public const char ByteOrderMark = '\uFEFF';

    /// <summary>
    /// <c>recommendations.csv</c>: RFC 4180 (comma-separated, CRLF between records, fields with a
    /// comma, quote or line break quoted, quotes doubled), UTF-8 with a byte-order mark, a header
    /// row, then one row per recommendation by review id and then order. Names stand beside ids
    /// (partnership, region, agencies, themes) so a spreadsheet needs no lookup. A cell that starts with
    /// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a leading apostrophe
    /// so that spreadsheets do not run it as a formula (CSV injection).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static byte[] RecommendationsCsv(ContentModel model)
    {
        var csps = model.Csps.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var agencies = model.Agencies.ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
        var themes = model.Themes.ToDictionary(t => t.Id, t => t.Name, StringComparer.Ordinal);
        var implementation = Implementation.For(model);
        var sb = new StringBuilder(64 * 1024);
        sb.Append(ByteOrderMark);
        WriteRow(sb, CsvColumns);
        var row = new string[CsvColumns.Count];
        foreach (var review in model.Reviews.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            csps.TryGetValue(review.CspId, out var csp);
            foreach (var rec in review.Recommendations.OrderBy(r => r.Order))
            {
                var i = 0;
                row[i++] = review.Id;
                row[i++] = review.Title;
                row[i++] = review.CspId;
                row[i++] = review.Published?.ToString() ?? "";
                row[i++] = review.YearOfDeath?.ToString(CultureInfo.InvariantCulture) ?? "";
                row[i++] = Vocabulary.Key(review.Type);
                row[i++] = Vocabulary.Key(review.Relationship);
                row[i++] = rec.Label;
                row[i++] = rec.Order.ToString(CultureInfo.InvariantCulture);
                row[i++] = rec.Anchor;
                row[i++] = UrlScheme.Absolute(model.Settings, UrlScheme.Recommendation(review, rec));
                row[i++] = rec.Text;
                row[i++] = string.Join(ListSeparator, rec.To.Select(a => a.AsWritten));
                row[i++] = string.Join(ListSeparator, rec.To.Select(a => a.AgencyId ?? ""));
                row[i++] = string.Join(ListSeparator, rec.Themes.Select(t => t.Id));
                row[i++] = rec.Status is { } s ? Vocabulary.Key(s.State) : "";
                row[i++] = rec.Status?.AsOf.ToString() ?? "";
                row[i++] = rec.Status?.Target?.ToString() ?? "";
                row[i++] = csp?.Name ?? "";
                row[i++] = csp?.Region ?? "";
                row[i++] = string.Join(ListSeparator, rec.To.Select(a => a.AgencyId is { } id ? agencies.GetValueOrDefault(id, "") : ""));
                row[i++] = string.Join(ListSeparator, rec.Themes.Select(t => themes.GetValueOrDefault(t.Id, "")));
                row[i++] = review.Added?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
                row[i++] = rec.Status?.Source ?? "";
                row[i++] = rec.Status is null ? "" : implementation.IsOverdue(rec) ? "yes" : "no";
                WriteRow(sb, row);
            }
        }
        return Utf8(sb);
    }

    /// <summary>
    /// The UTF-8 bytes of <paramref name="sb"/>, encoded chunk by chunk: a data file runs to tens of
    /// megabytes, and its text as one string would be twice that again.
    /// </summary>
    private static byte[] Utf8(StringBuilder sb)
    {
        var encoder = Encoding.UTF8.GetEncoder();
        var length = 0;
        foreach (var chunk in sb.GetChunks()) length += encoder.GetByteCount(chunk.Span, flush: false);
        length += encoder.GetByteCount([], flush: true);
        encoder.Reset();
        var bytes = new byte[length];
        var written = 0;
        foreach (var chunk in sb.GetChunks()) written += encoder.GetBytes(chunk.Span, bytes.AsSpan(written), flush: false);
        written += encoder.GetBytes([], bytes.AsSpan(written), flush: true);
        return written == length ? bytes : throw new InvalidOperationException("UTF-8 length changed between count and encode.");
    }

    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void WriteRow(StringBuilder sb, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) sb.Append(',');
            AppendCell(sb, cells[i]);
        }
        sb.Append("\r\n");
    }

    /// <summary>One CSV field, neutralised against formula injection and quoted when needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AppendCell(StringBuilder sb, string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        if (value.AsSpan().IndexOfAny(NeedsQuotes) < 0)
        {
            sb.Append(value);
            return;
        }
        sb.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    /// <summary>
    /// <c>reviews.json</c>: the whole published content as one JSON document, indented, with a
    /// fixed property order. Texts are the Markdown sources, as the reports word them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static byte[] ReviewsJson(ContentModel model)
    {
        var settings = model.Settings;
        var csps = model.Csps.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var areas = model.Areas.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var agencyNames = model.Agencies.ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
        var implementation = Implementation.For(model);

        using var json = new JsonText();
        var w = json.Writer;
        w.WriteStartObject();
        w.WriteString("schema", UrlScheme.Absolute(settings, UrlScheme.DataSchema));
        w.WriteString("generated_from", "DhrPortal");
        w.WriteString("licence", settings.Licence);
        Json.StringOrNull(w, "status_reference_month", implementation.ReferenceMonth?.ToString());

        w.WriteStartArray("reviews");
        foreach (var review in model.Reviews.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("id", review.Id);
            w.WriteString("title", review.Title);
            w.WriteStartObject("csp");
            w.WriteString("id", review.CspId);
            csps.TryGetValue(review.CspId, out var csp);
            Json.StringOrNull(w, "name", csp?.Name);
            Json.StringOrNull(w, "region", csp?.Region);
            Json.StringOrNull(w, "nation", csp?.Nation);
            w.WriteEndObject();
            Json.StringOrNull(w, "published", review.Published?.ToString());
            Json.StringOrNull(w, "added", review.Added?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Json.NumberOrNull(w, "year_of_death", review.YearOfDeath);
            w.WriteString("review_type", Vocabulary.Key(review.Type));
            w.WriteString("relationship", Vocabulary.Key(review.Relationship));
            w.WriteStartObject("source");
            w.WriteString("url", review.Source.Url.OriginalString);
            w.WriteString("library", review.Source.Library);
            w.WriteEndObject();
            w.WriteString("url", UrlScheme.Absolute(settings, UrlScheme.Review(review)));
            w.WriteString("recommendations_status", Vocabulary.Key(review.RecommendationsStatus));
            w.WriteStartObject("abbreviations");
            foreach (var (key, value) in review.Abbreviations.OrderBy(a => a.Key, StringComparer.Ordinal)) w.WriteString(key, value);
            w.WriteEndObject();
            w.WriteString("summary", review.Summary);
            if (review.QaLetter is { } letter)
            {
                w.WriteStartObject("qa_letter");
                w.WriteString("date", letter.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                Json.Strings(w, "points", letter.Points);
                w.WriteString("text", letter.Text);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("qa_letter");
            }
            w.WriteStartArray("recommendations");
            foreach (var rec in review.Recommendations.OrderBy(r => r.Order))
            {
                w.WriteStartObject();
                w.WriteString("label", rec.Label);
                w.WriteNumber("order", rec.Order);
                w.WriteString("anchor", rec.Anchor);
                w.WriteString("url", UrlScheme.Absolute(settings, UrlScheme.Recommendation(review, rec)));
                w.WriteString("text", rec.Text);
                w.WriteStartArray("addressees");
                foreach (var to in rec.To)
                {
                    w.WriteStartObject();
                    w.WriteString("as_written", to.AsWritten);
                    Json.StringOrNull(w, "agency_id", to.AgencyId);
                    Json.StringOrNull(w, "agency_name", to.AgencyId is { } agencyId ? agencyNames.GetValueOrDefault(agencyId) : null);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                Json.Strings(w, "themes", rec.Themes.Select(t => t.Id));
                if (rec.Status is { } status)
                {
                    w.WriteStartObject("status");
                    w.WriteString("state", Vocabulary.Key(status.State));
                    w.WriteString("as_of", status.AsOf.ToString());
                    Json.StringOrNull(w, "target", status.Target?.ToString());
                    Json.StringOrNull(w, "source", status.Source);
                    w.WriteBoolean("overdue", implementation.IsOverdue(status));
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteNull("status");
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("themes");
        foreach (var theme in model.Themes)
        {
            w.WriteStartObject();
            w.WriteString("id", theme.Id);
            w.WriteString("name", theme.Name);
            w.WriteStartObject("area");
            w.WriteString("id", theme.AreaId);
            Json.StringOrNull(w, "name", areas.GetValueOrDefault(theme.AreaId)?.Name);
            w.WriteEndObject();
            w.WriteString("description", theme.Description);
            Json.Strings(w, "keywords", theme.Keywords);
            Json.StringOrNull(w, "source", theme.Source);
            w.WriteString("url", UrlScheme.Absolute(settings, UrlScheme.Theme(theme.Id)));
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("agencies");
        foreach (var agency in model.Agencies.OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("id", agency.Id);
            w.WriteString("name", agency.Name);
            w.WriteString("sector", agency.Sector);
            Json.StringOrNull(w, "area", agency.Area);
            Json.Strings(w, "aliases", agency.Aliases);
            Json.StringOrNull(w, "successor_id", agency.SuccessorId);
            Json.StringOrNull(w, "note", agency.Note);
            w.WriteString("url", UrlScheme.Absolute(settings, UrlScheme.Agency(agency.Id)));
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("csps");
        foreach (var csp in model.Csps.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("id", csp.Id);
            w.WriteString("name", csp.Name);
            w.WriteString("region", csp.Region);
            Json.StringOrNull(w, "police_force_area", csp.PoliceForceArea);
            w.WriteString("nation", csp.Nation);
            w.WriteString("url", UrlScheme.Absolute(settings, UrlScheme.Csp(csp.Id)));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        return json.ToBytes();
    }
}

/// <summary>A JSON document being written, indented and deterministically, for the data files.</summary>
internal sealed class JsonText : IDisposable
{
    // The files are served as application/json and never inlined in HTML, so only what JSON
    // requires is escaped: names and texts stay readable and non-ASCII stays compact.
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);

    public JsonText() => Writer = new Utf8JsonWriter(_buffer, Options);

    public Utf8JsonWriter Writer { get; }

    /// <summary>The document as UTF-8, ending with a newline.</summary>
    public byte[] ToBytes()
    {
        Writer.Flush();
        var bytes = new byte[_buffer.WrittenCount + 1];
        _buffer.WrittenSpan.CopyTo(bytes);
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    public void Dispose() => Writer.Dispose();
}

/// <summary>Helpers for writing optional values and lists.</summary>
internal static class Json
{
    public static void StringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    public static void NumberOrNull(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    public static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
