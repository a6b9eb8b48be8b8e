using System.Text.Json;
using DhrPortal.Content;
using DhrPortal.Site.Data;
using Xunit;
using static DhrPortal.Tests.Site.Data.DataTestModel;

namespace DhrPortal.Tests.Site.Data;

public class OpenDataTests
{
    /// <summary>A minimal RFC 4180 reader, so the tests check what a consumer would read back.</summary>
    /// <summary>The CSV's bytes as text (the byte-order mark kept, as U+FEFF).</summary>
    private static string Csv(ContentModel model) => System.Text.Encoding.UTF8.GetString(OpenData.RecommendationsCsv(model));

    private static List<List<string>> ParseCsv(string csv)
    {
        csv = csv.TrimStart(OpenData.ByteOrderMark);
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
            {
                row.Add(cell.ToString()); cell.Clear(); rows.Add(row); row = []; i++;
            }
            else cell.Append(c);
        }
        Assert.Empty(row);
        Assert.Equal(0, cell.Length);
        return rows;
    }

    [Fact]
    public void Csv_has_a_header_and_one_row_per_recommendation_in_review_then_order_order()
    {
        var rows = ParseCsv(Csv(Standard()));
        Assert.Equal(
            ["review_id", "review_title", "csp_id", "published", "year_of_death", "review_type", "relationship",
             "label", "order", "anchor", "url", "text", "addressees_as_written", "agency_ids", "theme_ids",
             "status", "status_as_of", "status_target", "csp_name", "region", "agency_names", "theme_names", "added",
             "status_source", "status_overdue"],
            rows[0]);
        Assert.Equal(4, rows.Count);
        Assert.Equal(["alpha-2021", "beta-2023", "beta-2023"], rows.Skip(1).Select(r => r[0]));
        Assert.Equal(["1", "1", "2"], rows.Skip(1).Select(r => r[8]));
        Assert.All(rows, r => Assert.Equal(OpenData.CsvColumns.Count, r.Count));
    }

    [Fact]
    public void Csv_row_holds_every_field_of_a_recommendation()
    {
        var rows = ParseCsv(Csv(Standard()));
        Assert.Equal(
            ["beta-2023", "Review beta-2023", "exampleton", "2023-07", "2019", "dhr", "intimate-partner",
             "1", "1", "r1-ep", "https://portal.example/reviews/beta-2023/#r1-ep",
             "EP should *train* staff, with \"quotes\", commas\nand a line break.", "EP", "police", "training",
             "partly-met", "2024-03", "2024-12", "Exampleton CSP", "North West", "Exampleton Police", "Training", "2023-08-14", "", "no"],
            rows[2]);
        Assert.Equal(["alpha-2021", "Review alpha-2021", "cardiff", "2021-01", "", "dhr", "intimate-partner",
             "9.1 a", "1", "r9-1-a-ep", "https://portal.example/reviews/alpha-2021/#r9-1-a-ep",
             "See [guidance](https://www.gov.uk/x).", "EP", "police", "training", "", "", "", "Cardiff CSP", "Wales", "Exampleton Police", "Training", "", "", ""], rows[1]);
    }

    [Fact]
    public void Csv_lists_are_joined_with_a_spaced_bar()
    {
        var row = ParseCsv(Csv(Standard()))[3];
        Assert.Equal("CCG | EP", row[12]);
        Assert.Equal("ccg | police", row[13]);
        Assert.Equal("mental-health | training", row[14]);
        Assert.Equal("Exampleton CCG | Exampleton Police", row[20]);
        Assert.Equal("Mental health | Training", row[21]);
    }

    /// <summary>
    /// Reads the file's bytes as a spreadsheet opening it does: UTF-8 when it starts with a
    /// byte-order mark, otherwise the Windows code page (Excel's default for a CSV without one).
    /// </summary>
    private static List<List<string>> OpenAsSpreadsheet(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.Latin1, detectEncodingFromByteOrderMarks: true);
        return ParseCsv(reader.ReadToEnd());
    }

    [Fact]
    public void Csv_opened_as_a_spreadsheet_keeps_typographic_quotes_and_months_as_written()
    {
        var model = Model(Review("quotes-2022", new YearMonth(2022, 12),
            [Rec(1, "1", "r1-ep", "The “Think Family” approach – and the panel’s view.", ["EP"], ["police"], ["training"])]));
        var bytes = OpenData.RecommendationsCsv(model);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);

        var rows = OpenAsSpreadsheet(bytes);
        Assert.Equal("review_id", rows[0][0]);
        Assert.Equal("The “Think Family” approach – and the panel’s view.", rows[1][11]);
        // The month is written as plain text, unquoted and without a formula: a reader that types
        // columns sees "2022-12". Excel opening the file directly still guesses a date (docs/open-data.md).
        Assert.Equal("2022-12", rows[1][3]);
        Assert.Contains(",2022-12,", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_byte_order_mark_a_spreadsheet_would_garble_the_quotes()
    {
        // Why the mark is there: the same bytes without it, read as Excel reads them, lose the quotes.
        var model = Model(Review("quotes-2022", new YearMonth(2022, 12),
            [Rec(1, "1", "r1-ep", "The “Think Family” approach.", ["EP"], ["police"], ["training"])]));
        var bytes = OpenData.RecommendationsCsv(model);
        Assert.DoesNotContain("“Think Family”", OpenAsSpreadsheet(bytes[3..])[1][11], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+44 20", "'+44 20")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    [InlineData("1=1", "1=1")]
    public void Csv_cells_are_quoted_and_guarded_against_formula_injection(string value, string expected)
    {
        var sb = new System.Text.StringBuilder();
        OpenData.AppendCell(sb, value);
        Assert.Equal(expected, sb.ToString());
    }

    [Fact]
    public void Csv_text_that_looks_like_a_formula_gets_an_apostrophe()
    {
        var row = ParseCsv(Csv(Standard()))[3];
        Assert.Equal("'=HYPERLINK(\"https://evil.example\")", row[11]);
    }

    [Fact]
    public void Csv_uses_crlf_between_records_and_starts_with_a_byte_order_mark()
    {
        var csv = Csv(Standard());
        Assert.StartsWith("\uFEFFreview_id,review_title,", csv, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_of_a_model_without_recommendations_is_the_header_only()
    {
        Assert.Equal(OpenData.ByteOrderMark + string.Join(',', OpenData.CsvColumns) + "\r\n", Csv(Model(Review("gamma", null, []))));
    }

    [Fact]
    public void Json_has_the_documented_top_level_shape()
    {
        using var doc = JsonDocument.Parse(OpenData.ReviewsJson(Standard()));
        var root = doc.RootElement;
        Assert.Equal(["schema", "generated_from", "licence", "status_reference_month", "reviews", "themes", "agencies", "csps"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("https://portal.example/data/", root.GetProperty("schema").GetString());
        Assert.Equal("DhrPortal", root.GetProperty("generated_from").GetString());
        Assert.Equal(["alpha-2021", "beta-2023", "gamma"], root.GetProperty("reviews").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(["training", "mental-health", "unused"], root.GetProperty("themes").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(["ccg", "police", "zz-unused"], root.GetProperty("agencies").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(["cardiff", "exampleton"], root.GetProperty("csps").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
    }

    [Fact]
    public void Json_review_carries_its_fields_recommendations_and_letter()
    {
        using var doc = JsonDocument.Parse(OpenData.ReviewsJson(Standard()));
        var beta = doc.RootElement.GetProperty("reviews")[1];
        Assert.Equal(
            ["id", "title", "csp", "published", "added", "year_of_death", "review_type", "relationship", "source", "url",
             "recommendations_status", "abbreviations", "summary", "qa_letter", "recommendations"],
            beta.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Exampleton CSP", beta.GetProperty("csp").GetProperty("name").GetString());
        Assert.Equal("england", beta.GetProperty("csp").GetProperty("nation").GetString());
        Assert.Equal("2023-07", beta.GetProperty("published").GetString());
        Assert.Equal("2023-08-14", beta.GetProperty("added").GetString());
        Assert.Equal(2019, beta.GetProperty("year_of_death").GetInt32());
        Assert.Equal("https://reports.example/beta-2023.pdf", beta.GetProperty("source").GetProperty("url").GetString());
        Assert.Equal("https://portal.example/reviews/beta-2023/", beta.GetProperty("url").GetString());
        Assert.Equal("extracted", beta.GetProperty("recommendations_status").GetString());
        var letter = beta.GetProperty("qa_letter");
        Assert.Equal("2023-02-18", letter.GetProperty("date").GetString());
        Assert.Equal("Remove the *date*.", letter.GetProperty("points")[0].GetString());

        var rec = beta.GetProperty("recommendations")[1];
        Assert.Equal(["label", "order", "anchor", "url", "text", "addressees", "themes", "status"], rec.EnumerateObject().Select(p => p.Name));
        Assert.Equal("https://portal.example/reviews/beta-2023/#r2-ccg", rec.GetProperty("url").GetString());
        Assert.Equal("CCG", rec.GetProperty("addressees")[0].GetProperty("as_written").GetString());
        Assert.Equal("ccg", rec.GetProperty("addressees")[0].GetProperty("agency_id").GetString());
        Assert.Equal("Exampleton CCG", rec.GetProperty("addressees")[0].GetProperty("agency_name").GetString());
        Assert.Equal(JsonValueKind.Null, rec.GetProperty("status").ValueKind);

        var status = beta.GetProperty("recommendations")[0].GetProperty("status");
        Assert.Equal("partly-met", status.GetProperty("state").GetString());
        Assert.Equal("2024-03", status.GetProperty("as_of").GetString());
        Assert.Equal("2024-12", status.GetProperty("target").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("source").ValueKind);
        // The only status is as of 2024-03, the reference month: its target, 2024-12, has not passed.
        Assert.False(status.GetProperty("overdue").GetBoolean());
        Assert.Equal("2024-03", doc.RootElement.GetProperty("status_reference_month").GetString());
    }

    [Fact]
    public void Json_unknowns_are_null()
    {
        using var doc = JsonDocument.Parse(OpenData.ReviewsJson(Standard()));
        var gamma = doc.RootElement.GetProperty("reviews")[2];
        Assert.Equal(JsonValueKind.Null, gamma.GetProperty("published").ValueKind);
        Assert.Equal(JsonValueKind.Null, gamma.GetProperty("year_of_death").ValueKind);
        Assert.Equal(JsonValueKind.Null, gamma.GetProperty("qa_letter").ValueKind);
        Assert.Equal("not-extracted", gamma.GetProperty("recommendations_status").GetString());
        Assert.Equal(0, gamma.GetProperty("recommendations").GetArrayLength());
    }

    [Fact]
    public void Json_registries_carry_urls_and_optional_fields()
    {
        using var doc = JsonDocument.Parse(OpenData.ReviewsJson(Standard()));
        var theme = doc.RootElement.GetProperty("themes")[1];
        Assert.Equal("Practice", theme.GetProperty("area").GetProperty("name").GetString());
        Assert.Equal("Study 3.1", theme.GetProperty("source").GetString());
        Assert.Equal("https://portal.example/themes/mental-health/", theme.GetProperty("url").GetString());
        var ccg = doc.RootElement.GetProperty("agencies")[0];
        Assert.Equal("police", ccg.GetProperty("successor_id").GetString());
        Assert.Equal("https://portal.example/agencies/ccg/", ccg.GetProperty("url").GetString());
        var cardiff = doc.RootElement.GetProperty("csps")[0];
        Assert.Equal(JsonValueKind.Null, cardiff.GetProperty("police_force_area").ValueKind);
        Assert.Equal("https://portal.example/csps/cardiff/", cardiff.GetProperty("url").GetString());
    }

    [Fact]
    public void Json_is_indented_with_lf_and_keeps_text_readable()
    {
        var json = System.Text.Encoding.UTF8.GetString(OpenData.ReviewsJson(Standard()));
        Assert.DoesNotContain('\r', json);
        Assert.StartsWith("{\n  \"schema\": ", json, StringComparison.Ordinal);
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
        Assert.Contains("\"text\": \"EP should *train* staff, with \\\"quotes\\\", commas\\nand a line break.\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_is_deterministic_and_independent_of_input_order()
    {
        var model = Standard();
        var shuffled = model with { Reviews = model.Reviews.Reverse().ToList(), Agencies = model.Agencies.Reverse().ToList(), Csps = model.Csps.Reverse().ToList() };
        Assert.Equal(OpenData.ReviewsJson(model), OpenData.ReviewsJson(shuffled));
        Assert.Equal(OpenData.RecommendationsCsv(model), OpenData.RecommendationsCsv(shuffled));
    }
}
