using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DhrPortal.Content;
using DhrPortal.Text;
using DhrPortal.Validation;

namespace DhrPortal.Import;

/// <summary>What an import produced: the review file's text and what the editor still has to resolve.</summary>
/// <param name="ReviewId">The review id, also the file name (<c>&lt;id&gt;.md</c>).</param>
/// <param name="FileText">The review file: YAML front matter and the Markdown summary.</param>
/// <param name="Unresolved">One line per item the editor must settle (unknown CSP or addressee, missing theme, ...).</param>
/// <param name="RecommendationCount">Recommendations written to the file.</param>
public sealed record ImportResult(string ReviewId, string FileText, IReadOnlyList<string> Unresolved, int RecommendationCount);

/// <summary>
/// Converts a review summary page (the text format of the seed pages: header lines, a Summary
/// paragraph and a <c>| # | Recommendation | Addressed to |</c> table) into a review file in the
/// documented content format. Pure: no disk, no console.
/// </summary>
public static partial class SummaryImporter
{
    /// <summary>
    /// The Home Office DHR Library. Summary pages carry no link to the report itself, so imported
    /// reviews point at the library collection until the editor adds the report's own address.
    /// </summary>
    public const string LibraryCollectionUrl = "https://www.gov.uk/government/collections/domestic-homicide-review-library";

    /// <summary>At most this many themes are proposed for one recommendation.</summary>
    public const int MaxProposedThemes = 4;

    private const int WrapWidth = 96;

    /// <summary>Imports one summary page.</summary>
    /// <param name="text">The summary page (format of the seed pages).</param>
    /// <param name="sourceName">Its file name, quoted in the generated file.</param>
    /// <param name="registries">Themes, agencies and CSPs, to resolve names and propose themes.</param>
    /// <param name="added">The day the review is added to the portal (today, from the command line).</param>
    /// <exception cref="FormatException">The text is not a summary page: it has no CSP line or no recommendations table.</exception>
    public static ImportResult Import(string text, string sourceName, Registries registries, DateOnly added)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        ArgumentNullException.ThrowIfNull(registries);
        var page = SummaryPage.Parse(text);
        var unresolved = new List<string>();

        // CSP: by id (slug of the name) or by name, with or without "Community Safety Partnership".
        var cspSlug = Slug.From(page.Csp);
        var csp = registries.Csps.FirstOrDefault(c => c.Id == cspSlug)
            ?? registries.Csps.FirstOrDefault(c =>
                AgencyResolver.Normalize(c.Name) == AgencyResolver.Normalize(page.Csp)
                || AgencyResolver.Normalize(c.Name) == AgencyResolver.Normalize(page.Csp + " Community Safety Partnership"));
        var cspId = csp?.Id ?? cspSlug;
        if (csp is null)
            unresolved.Add($"CSP '{page.Csp}' (id '{cspId}') is not in csps.yml");

        var reviewId = page.Published is { } p ? Slug.From($"{cspId} {p.Year}") : cspId;
        if (reviewId.Length == 0) throw new FormatException("The CSP line gives no usable name.");

        var rows = page.Rows
            .Select((r, i) => (Row: r, Index: i))
            .OrderBy(x => x.Row.Label, NaturalComparer.Instance)
            .ThenBy(x => x.Index)
            .Select(x => x.Row)
            .ToList();

        if (page.StatedCount is { } stated && stated != rows.Count.ToString(CultureInfo.InvariantCulture))
            unresolved.Add($"the page says it lists {stated} recommendations but its table has {rows.Count}");

        // Addressees that do not resolve, in order of first appearance, with the labels using them.
        var resolver = new AgencyResolver(registries.Agencies);
        var missing = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var missingOrder = new List<string>();
        foreach (var row in rows)
        {
            if (row.To.Count == 0)
                unresolved.Add($"recommendation {row.Label} has no addressee");
            foreach (var to in row.To)
            {
                if (resolver.Resolve(to, AgencyResolver.Abbreviations.None) is not null) continue;
                if (!missing.TryGetValue(to, out var labels))
                {
                    missing[to] = labels = [];
                    missingOrder.Add(to);
                }
                if (!labels.Contains(row.Label, StringComparer.Ordinal)) labels.Add(row.Label);
            }
        }
        foreach (var name in missingOrder)
        {
            var labels = missing[name];
            unresolved.Add($"addressee '{name}' is not in agencies.yml ({(labels.Count == 1 ? "recommendation" : "recommendations")} {string.Join(", ", labels)})");
        }

        // Label + first addressee identify a recommendation; say where the page breaks that.
        foreach (var clash in rows.Where(r => r.To.Count > 0)
                     .GroupBy(r => (r.Label, AgencyResolver.Normalize(r.To[0])))
                     .Where(g => g.Count() > 1))
        {
            var first = clash.First();
            unresolved.Add($"{clash.Count()} recommendations are labelled '{first.Label}' with first addressee '{first.To[0]}': tell them apart before publishing");
        }

        var matcher = new ThemeMatcher(registries.Areas);
        var themes = new List<IReadOnlyList<string>>(rows.Count);
        foreach (var row in rows)
        {
            var proposed = matcher.Propose(row.Text, MaxProposedThemes);
            if (proposed.Count == 0)
                unresolved.Add($"no theme matched recommendation {row.Label}{(row.To.Count > 0 ? $" to '{row.To[0]}'" : "")}: code it by hand");
            themes.Add(proposed);
        }

        var (relationship, relationshipNote) = InferRelationship(page.Summary);
        var file = Write(page, sourceName, reviewId, cspId, relationship, relationshipNote, rows, themes, added);
        return new ImportResult(reviewId, file, unresolved, rows.Count);
    }

    private static (string Key, string Note) InferRelationship(string summary)
    {
        var found = new List<string>();
        if (FamilialWords().IsMatch(summary)) found.Add("familial");
        if (PartnerWords().IsMatch(summary)) found.Add("intimate-partner");
        if (SuicideWords().IsMatch(summary)) found.Add("suicide-following-domestic-abuse");
        return found.Count == 1
            ? (found[0], "TODO: proposed from the summary; confirm against the report.")
            : ("other", "TODO: the summary does not settle the relationship; set it from the report.");
    }

    private static string Write(
        SummaryPage page, string sourceName, string reviewId, string cspId, string relationship, string relationshipNote,
        List<SummaryRow> rows, List<IReadOnlyList<string>> themes, DateOnly added)
    {
        var sb = new StringBuilder();
        sb.Append("---\n");
        sb.Append("# Imported by 'dhr import' from ").Append(OneLine(sourceName)).Append(".\n");
        sb.Append("# Themes were proposed from keywords: read each recommendation and correct them before publishing.\n");
        sb.Append("id: ").Append(reviewId).Append('\n');
        sb.Append("title: ").Append(Yaml.Scalar(page.Title, flow: false)).Append('\n');
        sb.Append("csp: ").Append(Yaml.Scalar(cspId, flow: false)).Append('\n');
        if (page.Published is { } published) sb.Append("published: ").Append(published.ToString()).Append('\n');
        sb.Append("added: ").Append(added.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        if (page.YearOfDeath is { } year) sb.Append("year_of_death: ").Append(year.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("review_type: ").Append(page.IsDard ? "dard" : "dhr").Append('\n');
        sb.Append("relationship: ").Append(relationship).Append("   # ").Append(relationshipNote).Append('\n');
        sb.Append("source:\n");
        sb.Append("  # The summary page gives no link to the report itself: this is the Home Office DHR Library\n");
        sb.Append("  # collection, where the report is listed. Replace it with the report's own address when known.\n");
        sb.Append("  url: ").Append(LibraryCollectionUrl).Append('\n');
        sb.Append("  library: ").Append(Yaml.Scalar(page.Library ?? "Home Office DHR Library", flow: false)).Append('\n');
        sb.Append("# abbreviations:   # TODO: add how the report abbreviates agencies, e.g.\n");
        sb.Append("#   LA: London Borough of Havering\n");
        sb.Append("recommendations:\n");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            sb.Append("  - label: ").Append(Yaml.DoubleQuoted(row.Label)).Append('\n');
            sb.Append("    to: [").Append(string.Join(", ", row.To.Select(t => Yaml.Scalar(t, flow: true)))).Append(']').Append('\n');
            sb.Append("    themes: [").Append(string.Join(", ", themes[i])).Append(']');
            if (themes[i].Count == 0) sb.Append("   # TODO: no theme matched; code this recommendation by hand");
            sb.Append('\n');
            sb.Append("    text: ").Append(Yaml.Block(row.Text, indent: 6, WrapWidth)).Append('\n');
        }
        sb.Append("---\n");
        // The page's summary is plain text: escaped so that it renders as written (HTML-looking text included).
        foreach (var paragraph in page.Summary.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            sb.Append(MarkdownText.Paragraph(paragraph)).Append("\n\n");
        if (page.Summary.Length == 0)
            sb.Append("TODO: the summary page has no summary; write one from the report.\n");
        else
            sb.Length--; // one final newline
        return sb.ToString();
    }

    private static string OneLine(string s) => Spaces().Replace(s, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\bfamilial\b|\b(?:son|daughter|mother|father|parent|grandparent|sibling|brother|sister)s?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FamilialWords();

    [GeneratedRegex(@"\b(?:intimate partner|partner|husband|wife|boyfriend|girlfriend|ex-partner)s?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PartnerWords();

    [GeneratedRegex(@"\bsuicide\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SuicideWords();

    /// <summary>One row of the recommendations table.</summary>
    internal sealed record SummaryRow(string Label, string Text, IReadOnlyList<string> To);

    /// <summary>The parts of a summary page the importer uses.</summary>
    internal sealed partial record SummaryPage(
        string Title, string Csp, YearMonth? Published, int? YearOfDeath, string? Library, bool IsDard, string? StatedCount,
        string Summary, IReadOnlyList<SummaryRow> Rows)
    {
        public static SummaryPage Parse(string text)
        {
            var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n')
                .Select(l => l.Trim().TrimStart('\uFEFF'))
                .ToList();
            string? title = null, csp = null, library = null;
            YearMonth? published = null;
            int? yearOfDeath = null;
            string? stated = null;
            var summaryAt = -1;
            for (var i = 0; i < lines.Count && summaryAt < 0; i++)
            {
                var line = lines[i];
                Match m;
                if (line.Equals("Summary", StringComparison.OrdinalIgnoreCase)) summaryAt = i;
                else if ((m = CspLine().Match(line)).Success && csp is null)
                {
                    csp = m.Groups[1].Value.Trim();
                    // The title ("Manchester review") is the line just above the CSP line.
                    var above = lines.Take(i).LastOrDefault(l => l.Length > 0);
                    if (above is not null && TitleLine().IsMatch(above)) title = above;
                }
                else if ((m = PublishedLine().Match(line)).Success) published ??= ParseMonth(m.Groups[1].Value, m.Groups[2].Value);
                else if ((m = DeathLine().Match(line)).Success) yearOfDeath ??= int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                else if ((m = SourceLine().Match(line)).Success) library ??= m.Groups[1].Value.Trim().TrimEnd('.');
                // Kept as digits: a count is only compared with the table's, so no number is too large.
                else if ((m = CountLine().Match(line)).Success) stated ??= m.Groups[1].Value.TrimStart('0') is { Length: > 0 } digits ? digits : "0";
            }
            if (csp is null || csp.Length == 0) throw new FormatException("The page has no 'CSP: <name>' line.");

            var header = string.Join("\n", lines.Take(summaryAt < 0 ? lines.Count : summaryAt));
            var isDard = header.Contains("Domestic Abuse Related Death Review", StringComparison.OrdinalIgnoreCase);

            // Summary: the lines after "Summary", up to the table or its heading; each line is a paragraph.
            var summary = new List<string>();
            var tableAt = lines.FindIndex(l => l.StartsWith('|'));
            if (summaryAt >= 0)
            {
                for (var i = summaryAt + 1; i < lines.Count; i++)
                {
                    var line = lines[i];
                    if (line.StartsWith('|') || line.Equals("Extracted recommendations", StringComparison.OrdinalIgnoreCase)) break;
                    if (line.Length > 0) summary.Add(line);
                }
            }

            if (tableAt < 0) throw new FormatException("The page has no recommendations table ('| # | Recommendation | Addressed to |').");
            var rows = new List<SummaryRow>();
            for (var i = tableAt; i < lines.Count; i++)
            {
                var line = lines[i];
                if (!line.StartsWith('|')) continue;
                var cells = SplitRow(line);
                if (cells.Count < 2) continue;
                if (cells.All(c => c.Length == 0 || SeparatorCell().IsMatch(c))) continue; // |---|---|
                if (cells[0] == "#" && cells[1].Equals("Recommendation", StringComparison.OrdinalIgnoreCase)) continue; // header
                var label = cells[0];
                var body = cells[1];
                if (label.Length == 0 || body.Length == 0) continue; // the closing "Recommendations extracted from ..." row
                rows.Add(new SummaryRow(label, MarkdownText.Inline(body), cells.Skip(2).Where(c => c.Length > 0).ToList()));
            }
            if (rows.Count == 0) throw new FormatException("The recommendations table has no rows.");

            return new SummaryPage(title ?? $"{csp} review", csp, published, yearOfDeath, library, isDard, stated,
                string.Join("\n\n", summary), rows);
        }

        /// <summary>Splits a Markdown table row on unescaped '|'; the leading and trailing pipes are dropped.</summary>
        private static List<string> SplitRow(string line)
        {
            var cells = new List<string>();
            var cell = new StringBuilder();
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (c == '\\' && i + 1 < line.Length && line[i + 1] == '|')
                {
                    cell.Append('|');
                    i++;
                }
                else if (c == '|')
                {
                    cells.Add(cell.ToString());
                    cell.Clear();
                }
                else
                {
                    cell.Append(c);
                }
            }
            cells.Add(cell.ToString());
            // "| a | b |" splits into "", " a ", " b ", "": drop the outer empties.
            if (cells.Count > 0 && cells[0].Trim().Length == 0) cells.RemoveAt(0);
            if (cells.Count > 0 && cells[^1].Trim().Length == 0) cells.RemoveAt(cells.Count - 1);
            return cells.Select(c => Spaces().Replace(c, " ").Trim()).ToList();
        }

        private static YearMonth? ParseMonth(string month, string year)
        {
            var index = Array.FindIndex(Vocabulary.MonthNames, n =>
                n.Equals(month, StringComparison.OrdinalIgnoreCase)
                || (month.Length >= 3 && n.StartsWith(month, StringComparison.OrdinalIgnoreCase)));
            return index < 0 ? null : new YearMonth(int.Parse(year, CultureInfo.InvariantCulture), index + 1);
        }

        [GeneratedRegex(@"^CSP:\s*(.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
        private static partial Regex CspLine();

        [GeneratedRegex(@"^Published:\s*([A-Za-z]+)\.?\s+([0-9]{4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
        private static partial Regex PublishedLine();

        [GeneratedRegex(@"^Year of death:\s*([0-9]{4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
        private static partial Regex DeathLine();

        [GeneratedRegex(@"^Source:\s*(.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
        private static partial Regex SourceLine();

        [GeneratedRegex(@"^Extracted:\s*([0-9]+)\s+rec", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
        private static partial Regex CountLine();

        [GeneratedRegex(@"^[^:|·]{1,80}\sreview$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
        private static partial Regex TitleLine();

        [GeneratedRegex(@"^:?-{3,}:?$")]
        private static partial Regex SeparatorCell();
    }

    /// <summary>Proposes themes whose keywords or names occur (as whole words, any case) in a text.</summary>
    internal sealed class ThemeMatcher
    {
        private readonly List<(string Id, Regex[] Patterns)> _themes = [];

        public ThemeMatcher(IEnumerable<ThemeArea> areas)
        {
            foreach (var theme in areas.SelectMany(a => a.Themes))
            {
                var patterns = theme.Keywords.Prepend(theme.Name)
                    .Select(k => k.Trim())
                    .Where(k => k.Length > 0)
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .Select(k => new Regex(
                        @"(?<![\p{L}\p{N}])" + string.Join(@"\s+", k.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape)) + @"(?![\p{L}\p{N}])",
                        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
                    .ToArray();
                _themes.Add((theme.Id, patterns));
            }
        }

        /// <summary>Up to <paramref name="max"/> theme ids, most keywords matched first, then in taxonomy order.</summary>
        public IReadOnlyList<string> Propose(string text, int max) =>
            _themes
                .Select((t, order) => (t.Id, Score: t.Patterns.Count(p => p.IsMatch(text)), Order: order))
                .Where(x => x.Score > 0)
                .OrderByDescending(x => x.Score).ThenBy(x => x.Order)
                .Take(max)
                .Select(x => x.Id)
                .ToList();
    }

    /// <summary>Orders labels as people read them: "2" before "10", "9.1 a" before "9.1 b" before "9.2".</summary>
    internal sealed partial class NaturalComparer : IComparer<string>
    {
        public static NaturalComparer Instance { get; } = new();

        public int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return -1;
            if (y is null) return 1;
            var a = Part().Matches(x);
            var b = Part().Matches(y);
            for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
            {
                var pa = a[i].Value;
                var pb = b[i].Value;
                var da = char.IsAsciiDigit(pa[0]);
                var db = char.IsAsciiDigit(pb[0]);
                int c;
                if (da && db)
                {
                    var ta = pa.TrimStart('0');
                    var tb = pb.TrimStart('0');
                    c = ta.Length != tb.Length ? ta.Length.CompareTo(tb.Length) : string.CompareOrdinal(ta, tb);
                }
                else if (da != db)
                {
                    c = da ? -1 : 1; // numbers before words
                }
                else
                {
                    c = string.Compare(pa, pb, StringComparison.OrdinalIgnoreCase);
                }
                if (c != 0) return c;
            }
            var n = a.Count.CompareTo(b.Count);
            return n != 0 ? n : string.CompareOrdinal(x, y);
        }

        // Runs of digits or of letters; punctuation and spaces only separate them.
        [GeneratedRegex(@"\d+|\p{L}+")]
        private static partial Regex Part();
    }
}
