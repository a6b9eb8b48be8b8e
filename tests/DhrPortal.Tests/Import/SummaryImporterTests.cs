using System.Text;
using DhrPortal.Content;
using DhrPortal.Diagnostics;
using DhrPortal.Import;
using DhrPortal.Loading;
using DhrPortal.Tests.TestSupport;
using DhrPortal.Validation;
using Xunit;

namespace DhrPortal.Tests.Import;

public class SummaryImporterTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static readonly Lazy<(InputSet Input, Registries Registries)> Real = new(() =>
    {
        var input = InputReader.Read(RepoPaths.Input);
        var bag = new DiagnosticBag();
        var registries = Registries.Load(input, bag);
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
        return (input, registries);
    });

    /// <summary>
    /// A summary page from the seed material, copied into the repository as test data
    /// (Fixtures/import/seeds, file names as in the seeds), so that a clone anywhere runs these tests.
    /// </summary>
    private static string Seed(string prefix) =>
        Directory.EnumerateFiles(Path.Combine(FixtureSupport.Root, "import", "seeds"), prefix + "*.txt").Single();

    /// <summary>The day the tests import on (the command line gives today).</summary>
    private static readonly DateOnly Added = new(2025, 3, 4);

    private static ImportResult ImportSeed(string prefix)
    {
        var path = Seed(prefix);
        return SummaryImporter.Import(File.ReadAllText(path), Path.GetFileName(path), Real.Value.Registries, Added);
    }

    /// <summary>
    /// Parses an imported file as the checker does. A recommendation with no proposed theme does not
    /// bind (the checker reports it to the editor), so those get a placeholder theme first.
    /// </summary>
    private static (Review? Review, DiagnosticBag Bag) Parse(ImportResult result)
    {
        var bag = new DiagnosticBag();
        var text = result.FileText.Replace("themes: []", "themes: [unthemed]", StringComparison.Ordinal);
        var review = ReviewParser.Parse(new SourceFile($"reviews/{result.ReviewId}.md", Encoding.UTF8.GetBytes(text)), bag, out _);
        return (review, bag);
    }

    [Theory]
    [InlineData("000_", "manchester-2024", 10)]
    [InlineData("003_", "havering-2022", 26)]
    [InlineData("004_", "northampton-2023", 35)]
    public void Imports_every_recommendation_of_each_seed(string seed, string id, int count)
    {
        var result = ImportSeed(seed);

        Assert.Equal(id, result.ReviewId);
        Assert.Equal(count, result.RecommendationCount);
        var (review, bag) = Parse(result);
        Assert.NotNull(review);
        Assert.Equal(count, review.Recommendations.Count);
        Assert.DoesNotContain(review.Recommendations, r => r.Label.StartsWith("Recommendations extracted", StringComparison.Ordinal));
        Assert.DoesNotContain(bag.Items, d => d.Severity == Severity.Error);
    }

    [Fact]
    public void Reads_the_header_and_summary()
    {
        var (review, _) = Parse(ImportSeed("000_"));

        Assert.NotNull(review);
        Assert.Equal("Manchester review", review.Title);
        Assert.Equal("manchester", review.CspId);
        Assert.Equal(new YearMonth(2024, 2), review.Published);
        Assert.Equal(Added, review.Added);
        Assert.Equal(2021, review.YearOfDeath);
        Assert.Equal(ReviewType.Dhr, review.Type);
        Assert.Equal(Relationship.Familial, review.Relationship);
        Assert.Equal("Home Office DHR Library", review.Source.Library);
        Assert.Equal(SummaryImporter.LibraryCollectionUrl, review.Source.Url.ToString());
        Assert.StartsWith("Agencies missed opportunities to identify and respond to familial domestic abuse", review.Summary, StringComparison.Ordinal);
        Assert.EndsWith("lack of GP registration were also noted.\n", review.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_labels_as_printed_in_natural_order()
    {
        static string[] Labels(string seed) => Parse(ImportSeed(seed)).Review!.Recommendations.Select(r => r.Label).ToArray();

        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"], Labels("000_"));
        Assert.Equal(
            ["1", "1", "1", "1", "1", "2", "2", "2", "2", "2", "3", "3", "3", "4", "4", "4", "5", "5", "5", "6", "7", "8", "9", "10", "11", "12"],
            Labels("003_"));
        Assert.Equal(
            ["1", "1", "1", "1", "1", "1", "1", "2", "2", "2", "2", "2", "2", "3", "3", "3", "3", "4", "4", "4", "5", "5", "5",
             "6", "6", "7", "7", "8", "8", "9", "9", "10", "10", "11", "12"],
            Labels("004_"));
    }

    [Fact]
    public void Equal_labels_keep_the_table_order()
    {
        var recs = Parse(ImportSeed("003_")).Review!.Recommendations;

        Assert.Equal(["LFT", "LA", "Homecare Provider", "BOCU SLT", "Domestic Abuse Governance Boards"],
            recs.Where(r => r.Label == "1").Select(r => r.To[0].AsWritten));
    }

    [Fact]
    public void Splits_rows_addressed_to_several_agencies()
    {
        var manchester = Parse(ImportSeed("000_")).Review!.Recommendations;
        var havering = Parse(ImportSeed("003_")).Review!.Recommendations;
        var northampton = Parse(ImportSeed("004_")).Review!.Recommendations;

        Assert.Equal(["Manchester Community Safety Partnership", "Home Office"], manchester.Single(r => r.Label == "10").To.Select(a => a.AsWritten));
        Assert.Equal(["LFT Health Services", "Mental Health Services", "LA Adult Social Care"], havering.Single(r => r.Label == "6").To.Select(a => a.AsWritten));
        Assert.Equal(["NSAB", "Northampton County Council"], northampton.Single(r => r.Label == "9" && r.To[0].AsWritten == "NSAB").To.Select(a => a.AsWritten));
        Assert.Equal(["NCC Public Health", "CCG commissioner"], northampton.Single(r => r.To[0].AsWritten == "NCC Public Health").To.Select(a => a.AsWritten));
    }

    [Fact]
    public void Keeps_recommendation_texts_verbatim()
    {
        var seed = File.ReadAllText(Seed("004_"));
        var recs = Parse(ImportSeed("004_")).Review!.Recommendations;

        foreach (var rec in recs)
            Assert.Contains("| " + rec.Text + " |", seed, StringComparison.Ordinal);
        Assert.Contains(recs, r => r.Text.Contains("“could this situation be domestic abuse?”", StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_unresolved_addressees_with_their_labels()
    {
        var result = ImportSeed("003_");

        // The Havering report's abbreviations live in the review, which the importer cannot know.
        Assert.Contains("addressee 'BOCU SLT' is not in agencies.yml (recommendations 1, 2)", result.Unresolved);
        Assert.Contains("addressee 'LFT' is not in agencies.yml (recommendations 1, 2, 3, 4, 5)", result.Unresolved);
        Assert.Contains(result.Unresolved, u => u.Contains("labelled '5' with first addressee 'LFT'", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Unresolved, u => u.Contains("'All agencies'", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Unresolved, u => u.StartsWith("CSP", StringComparison.Ordinal));
    }

    [Fact]
    public void Manchester_imports_cleanly_against_the_real_registries()
    {
        var result = ImportSeed("000_");

        Assert.Empty(result.Unresolved);
        var input = Real.Value.Input with { Reviews = [new SourceFile("reviews/manchester-2024.md", Encoding.UTF8.GetBytes(result.FileText))] };
        var check = ContentChecker.Check(input, new CheckOptions { Today = Today });
        Assert.False(check.HasErrors, string.Join("\n", check.Diagnostics));
        var review = Assert.Single(check.Model!.Reviews);
        Assert.All(review.Recommendations, r => Assert.All(r.To, a => Assert.NotNull(a.AgencyId)));
        Assert.All(review.Recommendations, r => Assert.NotEmpty(r.Themes));
    }

    [Theory]
    [InlineData("003_")]
    [InlineData("004_")]
    public void Imported_files_check_with_only_editorial_errors(string seed)
    {
        // What is left to the editor shows as unknown addressees, duplicate identities or an empty
        // themes list, never as a syntax or shape error.
        var result = ImportSeed(seed);
        var input = Real.Value.Input with { Reviews = [new SourceFile($"reviews/{result.ReviewId}.md", Encoding.UTF8.GetBytes(result.FileText))] };

        var check = ContentChecker.Check(input, new CheckOptions { Today = Today });

        string[] editorial = [DiagnosticCodes.UnknownAddressee.Id, DiagnosticCodes.DuplicateRecommendation.Id, DiagnosticCodes.EmptyValue.Id];
        Assert.All(check.Diagnostics, d => Assert.Contains(d.Code, editorial));
    }

    [Fact]
    public void Unknown_csp_and_unmatched_themes_are_listed()
    {
        var page = Page("Wrexham", ("1", "Something nobody has a keyword for.", "Nobody"));

        var result = SummaryImporter.Import(page, "x.txt", new Registries([], [], []), Added);

        Assert.Equal("wrexham-2020", result.ReviewId);
        Assert.Contains("CSP 'Wrexham' (id 'wrexham') is not in csps.yml", result.Unresolved);
        Assert.Contains("addressee 'Nobody' is not in agencies.yml (recommendation 1)", result.Unresolved);
        Assert.Contains(result.Unresolved, u => u.StartsWith("no theme matched recommendation 1", StringComparison.Ordinal));
        Assert.Contains("themes: []", result.FileText, StringComparison.Ordinal);
    }

    [Fact]
    public void An_absurd_count_is_an_item_to_resolve_not_an_overflow()
    {
        var page = Page("Salford", ("1", "A recommendation.", "Nobody")).Replace("Source · ", "Extracted: 99999999999 recs\nSource · ", StringComparison.Ordinal);

        var result = SummaryImporter.Import(page, "x.txt", new Registries([], [], []), Added);

        Assert.Contains("the page says it lists 99999999999 recommendations but its table has 1", result.Unresolved);
    }

    [Theory]
    [InlineData("Extracted: 000000000000000000000000000001 recs")] // leading zeros: the count is 1, as the table's
    [InlineData("Extracted: ٣ recs")] // Arabic-Indic digit: \d matches it, int.Parse does not
    [InlineData("Year of death: ٢٠١٨")]
    [InlineData("Published: March ٢٠١٩")]
    [InlineData("Year of death: 0000")]
    [InlineData("Published: March 0000")]
    public void Hostile_numbers_in_the_header_never_throw(string line)
    {
        var page = Page("Salford", ("1", "A recommendation.", "Nobody")).Replace("Source · ", line + "\nSource · ", StringComparison.Ordinal);

        var result = SummaryImporter.Import(page, "x.txt", new Registries([], [], []), Added);

        Assert.Equal(1, result.RecommendationCount);
        Assert.DoesNotContain(result.Unresolved, u => u.StartsWith("the page says", StringComparison.Ordinal));
    }

    [Fact]
    public void Mutated_seed_pages_import_or_are_refused_as_not_a_summary_page()
    {
        // Hostile input throws nothing but FormatException ("not a summary page"), which the command reports.
        string[] tokens = ["99999999999999999999", "-1", "٣", "\u0000", "|", "\\|", "||||", "\r", "CSP:", "Published: Smarch 2019",
            "Extracted: 99999999999 recs", "Year of death: 9999", "Summary", "| # | Recommendation | Addressed to |", "|---|", "&#0;", new string('9', 400)];
        var seeds = new[] { "000_", "003_", "004_" }.Select(p => File.ReadAllText(Seed(p)).Split('\n')).ToArray();
        var random = new Random(20261203);
        for (var i = 0; i < 300; i++)
        {
            var lines = seeds[random.Next(seeds.Length)].ToList();
            for (var k = random.Next(1, 6); k > 0; k--)
            {
                var at = random.Next(lines.Count);
                var token = tokens[random.Next(tokens.Length)];
                switch (random.Next(3))
                {
                    case 0: lines[at] = token; break;
                    case 1: lines[at] = lines[at].Insert(random.Next(lines[at].Length + 1), token); break;
                    default: lines.Insert(at, token); break;
                }
            }
            var page = string.Join('\n', lines);
            try
            {
                SummaryImporter.Import(page, "mutated.txt", Real.Value.Registries, Added);
            }
            catch (FormatException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} threw {e.GetType().Name}: {e.Message}\n{page}");
            }
        }
    }

    [Fact]
    public void Not_a_summary_page_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => SummaryImporter.Import("just some text", "x.txt", new Registries([], [], []), Added));
        Assert.Throws<FormatException>(() => SummaryImporter.Import("CSP: Salford\nSummary\nNo table.", "x.txt", new Registries([], [], []), Added));
    }

    public static TheoryData<string> HostileTexts => new()
    {
        "Agency: must review # not a comment",
        "- starts like a list item",
        "\"quoted\" and 'single' and ‘curly’ quotes",
        "&anchor and *alias and !tag and %directive and @at and `tick`",
        "ends with a colon:",
        "? looks like a key",
        "{ flow: map } [flow, seq]",
        "back\\slash \\n not a newline",
        "---",
        "...",
        "# only a comment",
        "true",
        "null",
        "12:30",
        "0x1F",
        "a | pipe",
        "tab\there",
        "two  spaces   inside",
        "zero\u200Bwidth and nbsp\u00A0and line\u2028separator",
        "emoji 👍 and accents: café, naïve",
        "A very long recommendation that goes on and on, with commas, colons: and hashes # in it, so that the "
            + "folded block has to wrap it over several lines without changing a single character of the text.",
    };

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public void Hostile_texts_round_trip_through_the_checker(string hostile)
    {
        var registries = new Registries(
            [new ThemeArea
            {
                Id = "area", Name = "Area", Description = "d", Span = default,
                Themes = [new DhrPortal.Content.Theme { Id = "training-and-awareness", Name = "Training", AreaId = "area", Description = "d", Keywords = ["training"], Span = default }],
            }],
            [], []);
        // A table cell cannot hold '|' or a line break, so the row carries the escaped pipe and tabs collapse.
        var page = Page("Salford", ("9.1 a", "training " + hostile.Replace("|", "\\|", StringComparison.Ordinal), hostile.Replace("|", "\\|", StringComparison.Ordinal)));

        var result = SummaryImporter.Import(page, "hostile: #1.txt", registries, Added);
        var (review, bag) = Parse(result);

        Assert.False(bag.HasErrors, string.Join("\n", bag.Items) + "\n" + result.FileText);
        Assert.NotNull(review);
        var rec = Assert.Single(review.Recommendations);
        var expected = System.Text.RegularExpressions.Regex.Replace(hostile, @"\s+", " ").Trim();
        Assert.Equal("9.1 a", rec.Label);
        Assert.Equal("training " + expected, rec.Text);
        Assert.Equal(expected, Assert.Single(rec.To).AsWritten);
        Assert.Equal(["training-and-awareness"], rec.Themes.Select(t => t.Id));
    }

    private static string Page(string csp, params (string Label, string Text, string To)[] rows)
    {
        var sb = new StringBuilder();
        sb.Append("Source · Domestic Homicide Review\n").Append(csp).Append(" review\nCSP: ").Append(csp)
            .Append("\nPublished: March 2020\nYear of death: 2018\nSource: Home Office DHR Library\nSummary\nA summary.\n")
            .Append("Extracted recommendations\n| # | Recommendation | Addressed to |\n|---|---|---|\n");
        foreach (var (label, text, to) in rows)
            sb.Append("| ").Append(label).Append(" | ").Append(text).Append(" | ").Append(to).Append(" |\n");
        sb.Append("| Recommendations extracted from the published report. | ||");
        return sb.ToString();
    }
}
