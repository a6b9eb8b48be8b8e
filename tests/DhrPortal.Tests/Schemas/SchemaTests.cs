using System.Text.Json.Nodes;
using DhrPortal.Loading;
using DhrPortal.Schemas;
using DhrPortal.Tests.TestSupport;
using DhrPortal.Tests.Validation;
using NJsonSchema;

namespace DhrPortal.Tests.Schemas;

/// <summary>
/// The JSON Schemas under schemas/ are generated from the parsers' key lists and the registries;
/// they accept every file in input/, and reject every invalid fixture whose mistake a schema can see.
/// The other fixtures are classified below, each with the reason, and checked to be classified right.
/// </summary>
public sealed class SchemaTests
{
    private const string Regenerate = "dotnet run --project src/DhrPortal.Cli -- schemas";

    /// <summary>Fixtures whose file is not readable YAML: the YAML language server reports those itself, before any schema.</summary>
    private static readonly Dictionary<string, string> RefusedBeforeSchema = new(StringComparer.Ordinal)
    {
        ["file-too-large"] = "over the size limit (DHR002)",
        ["front-matter-missing"] = "no front matter to validate (DHR003)",
        ["front-matter-unclosed"] = "front matter never closed (DHR003)",
        ["non-utf8-after-multibyte"] = "not UTF-8 text (DHR001)",
        ["non-utf8-bytes"] = "not UTF-8 text (DHR001)",
        ["nul-bytes"] = "not text (DHR001)",
        ["utf16-bom"] = "not UTF-8 text (DHR001)",
        ["registry-two-documents"] = "two YAML documents in one file (DHR004)",
        ["yaml-alias-bomb"] = "YAML anchors refused (DHR005)",
        ["yaml-anchor-alias"] = "YAML anchors refused (DHR005)",
        ["yaml-duplicate-key"] = "duplicate key: YAML error (DHR007)",
        ["yaml-nested-too-deep"] = "nesting refused before it is read (DHR006)",
        ["yaml-nested-too-deep-registry"] = "nesting refused before it is read (DHR006)",
        ["yaml-syntax-error"] = "YAML syntax (DHR004)",
        ["yaml-tab-indentation"] = "YAML syntax (DHR004)",
    };

    /// <summary>Fixtures whose mistake a schema of one file cannot see: dhr check finds them; the schema must accept the files.</summary>
    private static readonly Dictionary<string, string> SemanticOnly = new(StringComparer.Ordinal)
    {
        ["abbreviation-whole-words-only"] = "addressees resolve through aliases and the review's abbreviations; names are offered, not enforced",
        ["unknown-addressee"] = "addressees resolve through aliases and the review's abbreviations; names are offered, not enforced",
        ["unknown-addressee-nothing-close"] = "addressees resolve through aliases and the review's abbreviations; names are offered, not enforced",
        ["unknown-repeat-review"] = "a reference to another review is resolved against the reviews read, not the schema",
        ["unknown-repeat-anchor"] = "a reference to another review is resolved against the reviews read, not the schema",
        ["alias-shared-by-two-agencies"] = "a name shared by two entries (after normalisation) is a relation between entries",
        ["duplicate-agency-id"] = "unique ids across list entries (uniqueItems compares whole entries)",
        ["duplicate-theme-id"] = "unique ids across list entries, across areas",
        ["duplicate-anchor"] = "recommendation identity within a review",
        ["duplicate-generated-anchor"] = "recommendation identity within a review (generated anchors)",
        ["duplicate-recommendation"] = "recommendation identity within a review (label and resolved first addressee)",
        ["duplicate-review-id"] = "ids across files",
        ["previous-id-taken"] = "ids across files",
        ["death-after-publication"] = "compares the values of two fields",
        ["death-in-future"] = "depends on today's date",
        ["published-in-future"] = "depends on today's date",
        ["added-in-future"] = "depends on today's date",
        ["added-before-publication"] = "compares two fields (added and published): dhr check explains it (DHR203); the schema checks the format",
        ["qa-letter-date-in-future"] = "depends on today's date",
        ["status-in-future"] = "depends on today's date",
        ["published-before-dhrs-began"] = "a date range with its own explanation (DHR203); the schema checks the format",
        ["full-date-near-death-in-qa-letter"] = "anonymity: a check of sentences in the text",
        ["full-date-near-death-in-recommendation"] = "anonymity: a check of sentences in the text",
        ["full-date-near-death-in-summary"] = "anonymity: a check of the Markdown summary, outside the front matter",
        ["missing-registry"] = "a missing file",
        ["full-date-near-death-hidden-by-markdown"] = "anonymity: a check of the text as rendered from Markdown",
        ["anchor-collides-with-page-id"] = "compares an anchor with the ids of the page the theme renders",
        ["word-too-long"] = "a content limit, checked in the text (ContentLimits)",
        ["markdown-nested-too-deep"] = "a content limit, checked in the Markdown (ContentLimits)",
        ["too-many-links"] = "a content limit, checked in the Markdown (ContentLimits)",
        ["site-base-url-query"] = "the schema checks the form of an address; what it may not hold is checked by WebAddress",
        ["site-base-url-fragment"] = "the schema checks the form of an address; what it may not hold is checked by WebAddress",
        ["site-base-url-credentials"] = "the schema checks the form of an address; what it may not hold is checked by WebAddress",
        ["source-url-credentials"] = "the schema checks the form of an address; what it may not hold is checked by WebAddress",
    };

    private enum Outcome { Accepted, Rejected, Refused }

    [Fact]
    public void Committed_schemas_are_generated_from_the_parsers_and_input_registries()
    {
        var generated = ContentSchemas.Generate(SchemaVocabulary.Of(InputReader.Read(RepoPaths.Input)));
        var folder = Path.Combine(RepoPaths.Root, ContentSchemas.Folder);
        var stale = generated
            .Where(g => !File.Exists(Path.Combine(folder, g.FileName)) || File.ReadAllText(Path.Combine(folder, g.FileName)) != g.Json)
            .Select(g => g.FileName).ToList();
        Assert.True(stale.Count == 0, $"schemas/ is out of date ({string.Join(", ", stale)}). Run: {Regenerate}, then commit schemas/.");
        var extra = Directory.EnumerateFiles(folder).Select(Path.GetFileName).Except(generated.Select(g => g.FileName)).ToList();
        Assert.True(extra.Count == 0, $"schemas/ holds files the generator does not make: {string.Join(", ", extra)}");
    }

    [Fact]
    public void Schema_properties_are_exactly_the_parser_keys()
    {
        var review = Parse(ContentSchemas.Generate(Vocabulary()).Single(s => s.FileName == ContentSchemas.ReviewFile).Json);
        Assert.Equal(ReviewParser.ReviewKeys, Keys(review));
        Assert.Equal(ReviewParser.RecommendationKeys, Keys(review["properties"]!["recommendations"]!["items"]!));
        Assert.Equal(ReviewParser.LetterKeys, Keys(review["properties"]!["qa_letter"]!));
        Assert.Equal(["previous_ids"], Keys(review).Except(["id", "title", "csp", "published", "added", "year_of_death", "review_type", "relationship", "source", "abbreviations", "recommendations_status", "recommendations", "qa_letter"]));
        Assert.False(review["additionalProperties"]!.GetValue<bool>());
        var study = Parse(ContentSchemas.Generate(Vocabulary()).Single(s => s.FileName == ContentSchemas.StudyFile).Json);
        Assert.Equal(StudyParser.StudyKeys, Keys(study));
        Assert.False(study["additionalProperties"]!.GetValue<bool>());
    }

    [Fact]
    public void Theme_agency_and_csp_ids_of_input_are_enums()
    {
        var model = FixtureSupport.CheckFolder(RepoPaths.Input).Model!;
        var folder = Path.Combine(RepoPaths.Root, ContentSchemas.Folder);
        var review = Parse(File.ReadAllText(Path.Combine(folder, ContentSchemas.ReviewFile)));
        var agencies = Parse(File.ReadAllText(Path.Combine(folder, ContentSchemas.AgenciesFile)));

        var themeEnum = review["properties"]!["recommendations"]!["items"]!["properties"]!["themes"]!["anyOf"]![1]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal(model.Themes.Select(t => t.Id).Order(StringComparer.Ordinal), themeEnum);
        var cspEnum = review["properties"]!["csp"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal(model.Csps.Select(c => c.Id).Order(StringComparer.Ordinal), cspEnum);
        var successorEnum = agencies["properties"]!["agencies"]!["items"]!["properties"]!["successor"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal(model.Agencies.Select(a => a.Id).Order(StringComparer.Ordinal), successorEnum);
    }

    [Fact]
    public async Task Every_file_in_input_is_accepted_by_the_committed_schemas()
    {
        var schemas = await Load(Path.Combine(RepoPaths.Root, ContentSchemas.Folder));
        var input = InputReader.Read(RepoPaths.Input);
        var files = FixtureSupport.Files(input).ToList();
        Assert.True(input.Reviews.Count >= 4, "input/ has fewer reviews than expected");
        foreach (var file in files)
        {
            var (outcome, detail) = Validate(schemas, file);
            Assert.True(outcome == Outcome.Accepted, $"input/{file.Path}: {outcome}: {detail}");
        }
    }

    public static TheoryData<string> Fixtures() => InvalidFixturesTests.Cases();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task Invalid_fixture_is_rejected_by_the_schema_unless_classified(string name)
    {
        var folder = FixtureSupport.Invalid(name);
        var input = InputReader.Read(folder);
        if (InvalidFixturesTests.Generated.TryGetValue(name, out var generate)) input = generate(input);
        var expectedErrors = File.ReadAllLines(Path.Combine(folder, "expected.txt"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && l.Contains(": error ", StringComparison.Ordinal))
            .Select(l => l.Split(':')[0]).ToHashSet(StringComparer.Ordinal);
        // The schemas of a fixture are generated from its own registries, as `dhr schemas` would.
        var schemas = await FromGenerated(ContentSchemas.Generate(SchemaVocabulary.Of(input)));

        var classes = new[] { RefusedBeforeSchema.ContainsKey(name), SemanticOnly.ContainsKey(name) };
        Assert.False(classes.All(c => c), $"{name} is classified twice");
        var expectedForNamedFiles = expectedErrors.Count == 0 || SemanticOnly.ContainsKey(name) ? Outcome.Accepted
            : RefusedBeforeSchema.ContainsKey(name) ? Outcome.Refused
            : Outcome.Rejected;

        foreach (var file in FixtureSupport.Files(input))
        {
            var want = expectedErrors.Contains(file.Path) ? expectedForNamedFiles : Outcome.Accepted;
            var (got, detail) = Validate(schemas, file);
            var why = RefusedBeforeSchema.GetValueOrDefault(name) ?? SemanticOnly.GetValueOrDefault(name) ?? "a mistake in one file's shape: the schema must see it";
            Assert.True(want == got, $"{name}/{file.Path}: expected {want} ({why}), got {got}: {detail}");
        }
    }

    [Fact]
    public void Every_classified_fixture_exists_and_has_an_error()
    {
        foreach (var name in RefusedBeforeSchema.Keys.Concat(SemanticOnly.Keys))
        {
            var expected = Path.Combine(FixtureSupport.Invalid(name), "expected.txt");
            Assert.True(File.Exists(expected), $"classified fixture '{name}' does not exist");
            Assert.Contains(File.ReadAllLines(expected), l => l.Contains(": error ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_review_with_a_list_of_one_as_a_single_value_and_a_numeric_label_is_accepted()
    {
        // The parser accepts 'to: Example Police' (a list of one) and 'label: 1' (a text); the schema must too.
        var schemas = await FromGenerated(ContentSchemas.Generate(SchemaVocabulary.Of(InputReader.Read(FixtureSupport.Valid("minimal")))));
        var text = File.ReadAllText(Path.Combine(FixtureSupport.Valid("minimal"), "reviews", "exampleton-2022.md"))
            .Replace("label: \"1\"", "label: 1", StringComparison.Ordinal)
            .Replace("to: [Example Police]", "to: Example Police", StringComparison.Ordinal)
            .Replace("relationship: intimate-partner", "relationship: intimate-partner\nprevious_ids: exampleton-review", StringComparison.Ordinal);
        var (outcome, detail) = Validate(schemas, new SourceFile("reviews/exampleton-2022.md", System.Text.Encoding.UTF8.GetBytes(text)));
        Assert.True(outcome == Outcome.Accepted, detail);
        Assert.True(FixtureSupport.Check(FixtureSupport.WithFile(InputReader.Read(FixtureSupport.Valid("minimal")), "reviews/exampleton-2022.md", System.Text.Encoding.UTF8.GetBytes(text))).Model is not null);
    }

    private static SchemaVocabulary Vocabulary() => SchemaVocabulary.Of(InputReader.Read(RepoPaths.Input));

    private static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    private static List<string> Keys(JsonNode objectSchema) => objectSchema["properties"]!.AsObject().Select(p => p.Key).ToList();

    private static async Task<Dictionary<string, JsonSchema>> Load(string folder) =>
        await FromGenerated(ContentSchemas.Files.Select(f => (f.Schema, File.ReadAllText(Path.Combine(folder, f.Schema)))).ToList());

    private static async Task<Dictionary<string, JsonSchema>> FromGenerated(IReadOnlyList<(string FileName, string Json)> files)
    {
        var result = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var (name, json) in files) result[name] = await JsonSchema.FromJsonAsync(json);
        return result;
    }

    private static (Outcome, string) Validate(Dictionary<string, JsonSchema> schemas, SourceFile file)
    {
        var isReview = file.Path.StartsWith(InputReader.ReviewsFolder + "/", StringComparison.Ordinal);
        var schema = isReview ? schemas[ContentSchemas.ReviewFile] : schemas[ContentSchemas.Files.Single(f => f.InputPattern == file.Path).Schema];
        var json = YamlJson.Read(file, isReview, out var refusal, out var readable);
        if (!readable) return (Outcome.Refused, refusal ?? "");
        var errors = schema.Validate(json?.ToJsonString() ?? "null");
        return errors.Count == 0 ? (Outcome.Accepted, "") : (Outcome.Rejected, string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }
}
