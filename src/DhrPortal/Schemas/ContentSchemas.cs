using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DhrPortal.Content;
using DhrPortal.Diagnostics;
using DhrPortal.Loading;

namespace DhrPortal.Schemas;

/// <summary>The ids and names of the registries that the schemas offer as choices.</summary>
public sealed record SchemaVocabulary
{
    /// <summary>Theme ids (themes.yml), offered and enforced in a recommendation's <c>themes:</c>.</summary>
    public required IReadOnlyList<string> ThemeIds { get; init; }
    /// <summary>Agency ids (agencies.yml), enforced in an agency's <c>successor:</c>.</summary>
    public required IReadOnlyList<string> AgencyIds { get; init; }
    /// <summary>Agency names and aliases, offered (not enforced: abbreviations also resolve) in a recommendation's <c>to:</c>.</summary>
    public required IReadOnlyList<string> AgencyNames { get; init; }
    /// <summary>CSP ids (csps.yml), enforced in a review's <c>csp:</c>.</summary>
    public required IReadOnlyList<string> CspIds { get; init; }

    /// <summary>
    /// The ids and names an input set's registries declare. Lenient: an entry whose id is valid counts
    /// even when its other fields are wrong (<c>dhr check</c> reports those); problems are not reported here.
    /// </summary>
    public static SchemaVocabulary Of(InputSet input)
    {
        var ignored = new DiagnosticBag();
        var load = new RegistryLoad();
        var themes = RegistryParser.Themes(input.Themes, ignored, load).SelectMany(a => a.Themes).Select(t => t.Id);
        var agencies = RegistryParser.Agencies(input.Agencies, ignored, load);
        var csps = RegistryParser.Csps(input.Csps, ignored, load).Select(c => c.Id);
        return new SchemaVocabulary
        {
            ThemeIds = Sorted(themes),
            AgencyIds = Sorted(agencies.Select(a => a.Id)),
            AgencyNames = Sorted(agencies.SelectMany(a => a.Aliases.Prepend(a.Name))),
            CspIds = Sorted(csps),
        };
    }

    private static List<string> Sorted(IEnumerable<string> values) =>
        values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}

/// <summary>
/// JSON Schemas (draft-07) of the review front matter and of each registry file, for the YAML
/// language server (completion and inline errors in editors). They are generated from the parsers'
/// own key lists, so a key the parser knows and the schema does not (or the reverse) fails the
/// generation; registry ids become enums. The schemas are a convenience for editors: <c>dhr check</c>
/// stays the authority (it also checks what a schema cannot see: cross-file ids, dates against today,
/// addressees, anonymity).
/// </summary>
public static class ContentSchemas
{
    /// <summary>The folder at the repository root that holds the committed schemas.</summary>
    public const string Folder = "schemas";
    public const string ReviewFile = "review.schema.json";
    public const string SiteFile = "site.schema.json";
    public const string ThemesFile = "themes.schema.json";
    public const string AgenciesFile = "agencies.schema.json";
    public const string CspsFile = "csps.schema.json";
    public const string SupportFile = "support.schema.json";
    public const string StudyFile = "study.schema.json";

    /// <summary>Which schema describes which input file (paths relative to the input folder; reviews are the front matter of <c>reviews/*.md</c>).</summary>
    public static IReadOnlyList<(string Schema, string InputPattern)> Files { get; } =
    [
        (ReviewFile, InputReader.ReviewsFolder + "/*.md"),
        (SiteFile, InputReader.SiteFile),
        (ThemesFile, InputReader.ThemesFile),
        (AgenciesFile, InputReader.AgenciesFile),
        (CspsFile, InputReader.CspsFile),
        (SupportFile, InputReader.SupportFile),
        (StudyFile, InputReader.StudiesFolder + "/*.md"),
    ];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        // Readable names ("Women's Aid") in the committed files; they are data, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Every schema as (file name, JSON text ending with a newline), in <see cref="Files"/> order. Deterministic.</summary>
    public static IReadOnlyList<(string FileName, string Json)> Generate(SchemaVocabulary vocabulary) =>
    [
        (ReviewFile, Write(Review(vocabulary))),
        (SiteFile, Write(Site())),
        (ThemesFile, Write(Themes())),
        (AgenciesFile, Write(Agencies(vocabulary))),
        (CspsFile, Write(Csps())),
        (SupportFile, Write(Support())),
        (StudyFile, Write(Study())),
    ];

    private static string Write(JsonObject schema) => schema.ToJsonString(Json) + "\n";

    // --- shapes the parser accepts (YamlMap) ---

    // Any single non-empty value: the parser reads a scalar's text whatever YAML thinks it is
    // ('label: 1' and 'title: 2022' are texts), so numbers and booleans are accepted too.
    private static JsonObject Text(string description) => new()
    {
        ["description"] = description,
        ["type"] = new JsonArray("string", "number", "boolean"),
        ["pattern"] = "\\S",
    };

    private static JsonObject Slug(string description) => new()
    {
        ["description"] = description + " Lower-case letters, digits and single hyphens.",
        ["type"] = "string",
        ["pattern"] = "^[a-z0-9]+(-[a-z0-9]+)*$",
        ["maxLength"] = 100,
    };

    private static JsonObject Month(string description) => new()
    {
        ["description"] = description + " Written YYYY-MM, e.g. 2023-07.",
        ["type"] = "string",
        ["pattern"] = "^(19|[2-9][0-9])[0-9]{2}-(0[1-9]|1[0-2])$",
    };

    private static JsonObject Date(string description) => new()
    {
        ["description"] = description + " Written YYYY-MM-DD.",
        ["type"] = "string",
        ["pattern"] = "^(19|[2-9][0-9])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
    };

    private static JsonObject Choice(string description, IEnumerable<string> keys) => new()
    {
        ["description"] = description,
        ["type"] = "string",
        ["enum"] = new JsonArray(keys.Select(k => (JsonNode)JsonValue.Create(k)!).ToArray()),
    };

    /// <summary>An id from a registry: an enum when the registry has entries, else any valid id.</summary>
    private static JsonObject RegistryId(string description, IReadOnlyList<string> ids) =>
        ids.Count > 0 ? Choice(description, ids) : Slug(description);

    /// <summary>
    /// A list of values; like the parser, a single value is accepted as a list of one, and an empty
    /// list only where the field is optional.
    /// </summary>
    private static JsonObject List(string description, JsonObject item, bool required = false)
    {
        var array = new JsonObject { ["type"] = "array", ["items"] = item };
        if (required) array["minItems"] = 1;
        return new JsonObject { ["description"] = description, ["anyOf"] = new JsonArray(array, item.DeepClone()) };
    }

    private static JsonObject Array(string description, JsonObject item) => new()
    {
        ["description"] = description,
        ["type"] = "array",
        ["items"] = item,
    };

    /// <summary>
    /// A mapping with exactly the parser's keys: every key of <paramref name="parserKeys"/> must have a
    /// property schema and every property a parser key, or generation fails (the schemas cannot drift).
    /// </summary>
    private static JsonObject Map(string description, IReadOnlyList<string> parserKeys, Dictionary<string, JsonObject> properties, params string[] required)
    {
        var missing = parserKeys.Where(k => !properties.ContainsKey(k)).ToList();
        var extra = properties.Keys.Where(k => !parserKeys.Contains(k)).ToList();
        if (missing.Count > 0 || extra.Count > 0 || required.Any(r => !parserKeys.Contains(r)))
            throw new InvalidOperationException($"Schema of {description} does not match the parser's keys: missing [{string.Join(", ", missing)}], unknown [{string.Join(", ", extra)}].");
        var props = new JsonObject();
        foreach (var key in parserKeys) props[key] = properties[key];
        var schema = new JsonObject
        {
            ["description"] = description,
            ["type"] = "object",
            ["properties"] = props,
            ["additionalProperties"] = false,
        };
        if (required.Length > 0) schema["required"] = new JsonArray(required.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray());
        return schema;
    }

    private static JsonObject Root(string title, JsonObject body)
    {
        var root = new JsonObject
        {
            // No $id: the schemas are files in the repository, not published at an address.
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["title"] = title,
        };
        foreach (var (k, v) in body) root[k] = v?.DeepClone();
        return root;
    }

    // --- the files ---

    private static JsonObject Review(SchemaVocabulary v)
    {
        var status = Map("Reported progress on the recommendation.", ReviewParser.StatusKeys, new()
        {
            ["state"] = Choice("How far it has been put into practice.", Vocabulary.ImplementationStates.Select(s => s.Key)),
            ["as_of"] = Month("When this was reported."),
            ["target"] = Month("Target month for completion."),
            ["source"] = Text("Who reported the status, e.g. \"Havering CSP action plan update\"."),
        }, "state", "as_of");
        var addressee = Text("An addressee as the report names it: an agency's name or alias from agencies.yml, or an abbreviation declared in 'abbreviations'.");
        if (v.AgencyNames.Count > 0) addressee["examples"] = new JsonArray(v.AgencyNames.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray());
        var recommendation = Map("One recommendation.", ReviewParser.RecommendationKeys, new()
        {
            ["label"] = Text("The label exactly as printed in the report: 1, 10.1.1, 9.1 a. Quote it: label: \"1\"."),
            ["to"] = List("Who the recommendation is addressed to.", addressee, required: true),
            ["themes"] = List("Theme ids from themes.yml.", RegistryId("A theme id from themes.yml.", v.ThemeIds), required: true),
            ["text"] = Text("The recommendation, as inline Markdown."),
            ["status"] = status,
            ["anchor"] = Slug("Sets the recommendation's fragment id; needed only to tell apart two recommendations with the same label and first addressee."),
            ["repeats"] = List("Earlier recommendations this one asks again, confirmed by an editor: <review-id>#<anchor>.", new JsonObject
            {
                ["description"] = "A recommendation of another review: <review-id>#<anchor>, e.g. havering-2022#r1-lft.",
                ["type"] = "string",
                ["pattern"] = "^[a-z0-9]+(-[a-z0-9]+)*#[a-z0-9]+(-[a-z0-9]+)*$",
            }),
        }, "label", "to", "themes", "text");
        var body = Map("Front matter of a review file (input/reviews/<id>.md).", ReviewParser.ReviewKeys, new()
        {
            ["id"] = Slug("The review's id: its URL is /reviews/<id>/ and the file is reviews/<id>.md."),
            ["title"] = Text("The review's title."),
            ["csp"] = RegistryId("The Community Safety Partnership that commissioned it: an id from csps.yml.", v.CspIds),
            ["published"] = Month("Month of publication."),
            ["added"] = Date("The day the review was added to the portal (dhr new and dhr import fill it in); the feed lists reviews by it."),
            ["year_of_death"] = new JsonObject
            {
                ["description"] = "Year of the death (the year only: no day or month).",
                ["type"] = "integer",
                ["minimum"] = 1900,
                ["maximum"] = 2999,
            },
            ["review_type"] = Choice("Statutory basis.", Vocabulary.ReviewTypes.Select(t => t.Key)),
            ["relationship"] = Choice("Relationship between the person who died and the perpetrator.", Vocabulary.Relationships.Select(t => t.Key)),
            ["source"] = Map("Where the full report is published.", ReviewParser.SourceKeys, new()
            {
                ["url"] = new JsonObject { ["description"] = "Full http(s) address of the report.", ["type"] = "string", ["pattern"] = "^https?://\\S+$" },
                ["library"] = Text("The library or site that publishes it."),
            }, "url", "library"),
            ["abbreviations"] = new JsonObject
            {
                ["description"] = "Abbreviations the report uses in addressees: SHORT: what it stands for.",
                ["type"] = "object",
                ["additionalProperties"] = Text("What the abbreviation stands for."),
            },
            ["recommendations_status"] = Choice("Whether the recommendations are extracted (the default).", Vocabulary.RecommendationStatuses.Select(t => t.Key)),
            ["recommendations"] = Array("The recommendations, in the report's order.", recommendation),
            ["qa_letter"] = Map("The Home Office Quality Assurance Panel letter.", ReviewParser.LetterKeys, new()
            {
                ["date"] = Date("Date of the letter."),
                ["points"] = List("The letter's main points.", Text("One point."), required: true),
                ["text"] = Text("The full letter, Markdown."),
            }, "date", "points", "text"),
            ["previous_ids"] = List("Ids the review had before it was renamed: their old URLs redirect to this review.", Slug("An old id of this review.")),
        }, "id", "title", "csp", "review_type", "relationship", "source");
        // Recommendations are required unless the status says they are not extracted yet, and then
        // they must be absent (DHR305 and DHR104 in dhr check).
        body["anyOf"] = new JsonArray(
            new JsonObject
            {
                ["required"] = new JsonArray("recommendations"),
                ["properties"] = new JsonObject { ["recommendations_status"] = new JsonObject { ["enum"] = new JsonArray("extracted") } },
            },
            new JsonObject
            {
                ["required"] = new JsonArray("recommendations_status"),
                ["properties"] = new JsonObject { ["recommendations_status"] = new JsonObject { ["enum"] = new JsonArray("not-extracted") } },
                ["not"] = new JsonObject { ["required"] = new JsonArray("recommendations") },
            });
        return Root("DhrPortal review front matter", body);
    }

    private static JsonObject Site() =>
        Root("DhrPortal site.yml", Map("Portal-wide settings (input/site.yml).", RegistryParser.SiteKeys, new()
        {
            ["title"] = Text("The portal's name."),
            ["base_url"] = new JsonObject
            {
                ["description"] = "The public address of the portal: https://, without a trailing '/'.",
                ["type"] = "string",
                ["pattern"] = "^https://\\S*[^/\\s]$",
            },
            ["licence"] = Text("The licence of the content and open data."),
            ["status_as_of"] = Month("The month implementation statuses are judged against (a target before it is overdue); default: the latest status month in the content."),
        }, "title", "base_url", "licence"));

    private static JsonObject Themes()
    {
        var theme = Map("A theme recommendations are coded with.", RegistryParser.ThemeKeys, new()
        {
            ["id"] = Slug("The theme's id, used in recommendations' 'themes:'."),
            ["name"] = Text("The theme's name."),
            ["description"] = Text("What the theme covers."),
            ["keywords"] = List("Words that suggest the theme.", Text("A keyword.")),
            ["source"] = Text("Where the theme comes from, e.g. a section of a thematic study."),
        }, "id", "name", "description");
        var area = Map("A thematic area.", RegistryParser.AreaKeys, new()
        {
            ["id"] = Slug("The area's id."),
            ["name"] = Text("The area's name."),
            ["description"] = Text("What the area covers."),
            ["themes"] = Array("The themes of the area.", theme),
        }, "id", "name", "description", "themes");
        return Root("DhrPortal themes.yml", Map("The themes (input/themes.yml).", RegistryParser.ThemesFileKeys, new()
        {
            ["areas"] = Array("Thematic areas, each with its themes.", area),
        }, "areas"));
    }

    private static JsonObject Agencies(SchemaVocabulary v)
    {
        var agency = Map("An organisation recommendations are addressed to.", RegistryParser.AgencyKeys, new()
        {
            ["id"] = Slug("The agency's id."),
            ["name"] = Text("The agency's name."),
            ["sector"] = Choice("The sector it belongs to.", Vocabulary.Sectors.Select(s => s.Key)),
            ["area"] = Text("The area it covers."),
            ["aliases"] = List("Other names reports use for it; each must lead to this agency only.", Text("An alias.")),
            ["successor"] = RegistryId("The agency that took over its work: an id from this file.", v.AgencyIds),
            ["note"] = Text("A note for readers."),
        }, "id", "name", "sector");
        return Root("DhrPortal agencies.yml", Map("The agencies (input/agencies.yml).", RegistryParser.AgenciesFileKeys, new()
        {
            ["agencies"] = Array("Agencies.", agency),
        }, "agencies"));
    }

    private static JsonObject Csps()
    {
        var csp = Map("A Community Safety Partnership.", RegistryParser.CspKeys, new()
        {
            ["id"] = Slug("The partnership's id, used in reviews' 'csp:'."),
            ["name"] = Text("The partnership's name."),
            ["region"] = Text("The region."),
            ["police_force_area"] = Text("The police force area."),
            ["nation"] = Choice("England or Wales.", Vocabulary.Nations.Select(n => n.Key)),
        }, "id", "name", "region", "nation");
        return Root("DhrPortal csps.yml", Map("The Community Safety Partnerships (input/csps.yml).", RegistryParser.CspsFileKeys, new()
        {
            ["csps"] = Array("Partnerships.", csp),
        }, "csps"));
    }

    private static JsonObject Support()
    {
        var link = Map("A service a reader at risk or bereaved can turn to; it needs a phone number, an address, or both.", SupportParser.LinkKeys, new()
        {
            ["name"] = Text("The service's name."),
            ["description"] = Text("Who it is for and when it is open."),
            ["phone"] = Text("The phone number as it should be shown, e.g. 0808 2000 247."),
            ["url"] = new JsonObject
            {
                ["description"] = "The service's website: https://.",
                ["type"] = "string",
                ["pattern"] = "^https://\\S+$",
            },
        }, "name", "description");
        return Root("DhrPortal support.yml", Map("Support links in the footer of every page (input/support.yml).", SupportParser.SupportFileKeys, new()
        {
            ["links"] = Array("Support links, in the order shown.", link),
        }, "links"));
    }

    private static JsonObject Study() =>
        Root("DhrPortal study", Map("The front matter of a study (input/studies/<id>.md); the Markdown after it is the page, a section per heading.", StudyParser.StudyKeys, new()
        {
            ["title"] = Text("The page's heading."),
            ["description"] = Text("One sentence for search engines and link previews."),
            ["caption"] = Text("The line above the heading, e.g. 'Thematic study, 2015'."),
            ["theme_source"] = Text("How themes.yml's 'source:' names the study, before a section number: 'West Midlands thematic study' for 'source: West Midlands thematic study 3.1.1'."),
        }, "title", "description"));
}
