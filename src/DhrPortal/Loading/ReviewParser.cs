using DhrPortal.Content;
using DhrPortal.Diagnostics;
using DhrPortal.Text;

namespace DhrPortal.Loading;

/// <summary>Binds one review file (front matter + Markdown summary) to a <see cref="Review"/>.</summary>
internal static class ReviewParser
{
    // The key vocabulary of the front matter; the JSON Schema (Schemas/ContentSchemas) is generated from these.
    internal static readonly string[] ReviewKeys =
        ["id", "title", "csp", "published", "added", "year_of_death", "review_type", "relationship", "source", "abbreviations",
         "recommendations_status", "recommendations", "qa_letter", "previous_ids"];
    internal static readonly string[] SourceKeys = ["url", "library"];
    internal static readonly string[] RecommendationKeys = ["label", "to", "themes", "text", "status", "anchor", "repeats"];
    internal static readonly string[] StatusKeys = ["state", "as_of", "target", "source"];
    internal static readonly string[] LetterKeys = ["date", "points", "text"];

    /// <summary>
    /// Binds a review. When some fields are wrong (already reported), the review is still returned
    /// with <paramref name="complete"/> false and placeholders in their place, so that later checks
    /// can report the file's other problems in the same run; it is never published.
    /// </summary>
    public static Review? Parse(SourceFile file, DiagnosticBag bag, out bool complete) => Parse(file, bag, out complete, out _);

    /// <summary>Binds a review, and returns where its parts are for the checker's diagnostics.</summary>
    public static Review? Parse(SourceFile file, DiagnosticBag bag, out bool complete, out ReviewLocations locations)
    {
        complete = false;
        locations = new ReviewLocations();
        if (FrontMatter.Read(file, bag, out var yaml, out var body, out var bodyLine) is not { } root) return null;
        var ctx = new YamlContext(file.Path, 1, bag);
        var map = ctx.AsMap(root, "the front matter", ReviewKeys);
        if (map is null) return null;

        var id = map.Slug("id");
        var title = map.String("title");
        var csp = map.Slug("csp");
        var published = map.Month("published", required: false);
        var added = map.Date("added", required: false);
        var yearOfDeath = map.Int("year_of_death", required: false, 1900, 2999);
        var type = map.Choice("review_type", Vocabulary.ReviewTypes);
        var relationship = map.Choice("relationship", Vocabulary.Relationships);
        var source = ParseSource(map);
        var abbreviations = map.StringMap("abbreviations");
        var recStatus = map.Choice("recommendations_status", Vocabulary.RecommendationStatuses, required: false) ?? RecommendationsStatus.Extracted;
        var locs = locations;
        var recommendations = map.MapList("recommendations", n => $"recommendation {n}", RecommendationKeys, required: false)
            .Select((m, i) => ParseRecommendation(m, i + 1, yaml, locs))
            .ToList();
        var letter = map.Map("qa_letter", "the QA letter", LetterKeys, required: false) is { } lm ? ParseLetter(lm, yaml, locs) : null;
        var previousIds = ParsePreviousIds(map);

        if (recStatus == RecommendationsStatus.Extracted && !map.Has("recommendations"))
            bag.Error(DiagnosticCodes.MissingRecommendations, map.Span, "The review lists no recommendations.");
        if (recStatus == RecommendationsStatus.NotExtracted && map.Has("recommendations"))
            bag.Error(DiagnosticCodes.InvalidValue, map.SpanOf("recommendations_status"),
                "'recommendations_status' is 'not-extracted' but the review lists recommendations.",
                "Remove 'recommendations_status' (it defaults to 'extracted').");

        if (id is not null && Path.GetFileNameWithoutExtension(file.Path) != id)
            bag.Warning(DiagnosticCodes.FileNameMismatch, map.SpanOf("id"), $"The review id is '{id}' but the file is '{Path.GetFileName(file.Path)}'.");

        complete = id is not null && title is not null && csp is not null && type is not null && relationship is not null
            && source is not null && recommendations.All(r => r is not null) && !(map.Has("qa_letter") && letter is null)
            && previousIds is not null;

        return new Review
        {
            Id = id ?? Path.GetFileNameWithoutExtension(file.Path),
            Title = title ?? "",
            CspId = csp ?? "",
            Published = published,
            Added = added,
            YearOfDeath = yearOfDeath,
            Type = type ?? ReviewType.Dhr,
            Relationship = relationship ?? Relationship.Other,
            Source = source ?? new SourceRef(new Uri("https://invalid.invalid/"), ""),
            Abbreviations = abbreviations,
            RecommendationsStatus = recStatus,
            Recommendations = recommendations.OfType<Recommendation>().ToList(),
            QaLetter = letter,
            PreviousIds = previousIds ?? [],
            Summary = body,
            SummaryLine = bodyLine,
            SourcePath = file.Path,
            IdSpan = map.SpanOf("id"),
            CspSpan = csp is null ? default : map.SpanOf("csp"),
            PublishedSpan = map.SpanOf("published"),
            AddedSpan = map.SpanOf("added"),
            YearOfDeathSpan = map.SpanOf("year_of_death"),
        };
    }

    /// <summary>The ids the review was renamed from; null when one of them is not a valid id (reported).</summary>
    private static List<PreviousId>? ParsePreviousIds(YamlMap map)
    {
        var result = new List<PreviousId>();
        var valid = true;
        foreach (var (value, span) in map.StringList("previous_ids", required: false))
        {
            if (Slug.IsValid(value))
            {
                result.Add(new PreviousId(value, span));
                continue;
            }
            valid = false;
            map.Context.Bag.Error(DiagnosticCodes.InvalidSlug, span, $"'{value}' in 'previous_ids' is not a valid id.",
                "Write the review's old id exactly as it appeared in its URL (/reviews/<id>/).");
        }
        return valid ? result : null;
    }

    private static SourceRef? ParseSource(YamlMap map)
    {
        var m = map.Map("source", "the source", SourceKeys);
        if (m is null) return null;
        var url = m.String("url");
        var library = m.String("library");
        if (url is null || library is null) return null;
        if (WebAddress.Problem(url, allowHttp: true, siteRoot: false, out var uri) is { } problem)
        {
            m.Context.Bag.Error(DiagnosticCodes.InvalidUrl, m.SpanOf("url"), $"'{url}' {problem}.");
            return null;
        }
        return new SourceRef(uri!, library);
    }

    private static Recommendation? ParseRecommendation(YamlMap m, int order, string yaml, ReviewLocations locations)
    {
        if (m.ScalarNode("text") is { } textNode) locations.RecommendationText[order] = TextLocator.For(textNode, yaml, m.Context);
        if (m.ScalarNode("anchor") is not null) locations.Anchor[order] = m.SpanOf("anchor");
        var label = m.String("label");
        var to = m.StringList("to");
        var themes = m.StringList("themes");
        var text = m.Text("text");
        var anchor = m.Slug("anchor", required: false);
        var repeats = ParseRepeats(m);
        ImplementationStatus? status = null;
        var statusOk = true;
        if (m.Map("status", $"the status of {m.What}", StatusKeys, required: false) is { } sm)
        {
            var state = sm.Choice("state", Vocabulary.ImplementationStates);
            var asOf = sm.Month("as_of");
            var target = sm.Month("target", required: false);
            var source = sm.String("source", required: false);
            if (asOf is not null) locations.StatusAsOf[order] = sm.SpanOf("as_of");
            statusOk = state is not null && asOf is not null;
            if (statusOk) status = new ImplementationStatus(state!.Value, asOf!.Value, target, source);
        }
        if (label is null || to.Count == 0 || themes.Count == 0 || text is null || !statusOk) return null;
        return new Recommendation
        {
            Label = label,
            Order = order,
            Anchor = anchor ?? AnchorFor(label, to[0].Value),
            AnchorIsExplicit = anchor is not null,
            Text = text,
            To = to.Select(t => new Addressee(t.Value, t.Span)).ToList(),
            Themes = themes.Select(t => new ThemeRef(t.Value, t.Span)).ToList(),
            Status = status,
            Repeats = repeats,
            Span = m.Span,
            TextSpan = m.SpanOf("text"),
        };
    }

    // References are resolved by the checker once every review is known (Validation/RepeatReferences);
    // here only their form is checked: <review-id>#<anchor>, both slugs.
    private static List<RepeatRef> ParseRepeats(YamlMap m)
    {
        var refs = new List<RepeatRef>();
        foreach (var (value, span) in m.StringList("repeats", required: false))
        {
            var hash = value.IndexOf('#', StringComparison.Ordinal);
            var (id, anchor) = hash < 0 ? (value, "") : (value[..hash], value[(hash + 1)..]);
            if (!Slug.IsValid(id) || !Slug.IsValid(anchor))
            {
                m.Context.Bag.Error(DiagnosticCodes.InvalidValue, span, $"'{value}' is not a reference to a recommendation.",
                    "Write it as <review-id>#<anchor>, e.g. havering-2022#r1-lft.");
                continue;
            }
            refs.Add(new RepeatRef(id, anchor, span));
        }
        return refs;
    }

    /// <summary>The default anchor: label and first addressee as written, e.g. <c>r9-1-a-nsab</c>.</summary>
    internal static string AnchorFor(string label, string firstAddressee) =>
        "r" + Slug.From(label, 20) + "-" + Slug.From(firstAddressee, 40);

    private static QaLetter? ParseLetter(YamlMap m, string yaml, ReviewLocations locations)
    {
        var date = m.Date("date");
        var points = m.StringList("points");
        var text = m.Text("text");
        if (date is not null) locations.LetterDate = m.SpanOf("date");
        if (m.ScalarNode("text") is { } textNode) locations.LetterText = TextLocator.For(textNode, yaml, m.Context);
        foreach (var p in m.ScalarItems("points"))
            locations.LetterPoints.Add(TextLocator.For(p, yaml, m.Context, p.Value!.Length - p.Value.TrimStart().Length));
        if (date is null || points.Count == 0 || text is null) return null;
        return new QaLetter { Date = date.Value, Points = points.Select(p => p.Value).ToList(), Text = text, TextSpan = m.SpanOf("text") };
    }
}

/// <summary>Splits <c>---</c> fenced YAML front matter from a Markdown body.</summary>
internal static class FrontMatter
{
    /// <summary>
    /// Decodes a Markdown file with front matter and parses its YAML: the one reading of reviews and
    /// studies. Null, with the problem reported, when the file cannot be decoded, has no closed front
    /// matter, or its front matter is empty or not YAML.
    /// </summary>
    public static YamlValue? Read(SourceFile file, DiagnosticBag bag, out string yaml, out string body, out int bodyLine)
    {
        yaml = body = "";
        bodyLine = 0;
        var text = TextDecoder.Decode(file, bag);
        if (text is null) return null;
        if (!TrySplit(text, out yaml, out body, out bodyLine))
        {
            bag.Error(DiagnosticCodes.NoFrontMatter, new SourceSpan(file.Path, 1, 1),
                Opens(text) ? "The front matter is not closed by a line '---'." : "The file does not start with front matter ('---').");
            return null;
        }
        var before = bag.Items.Count;
        var root = SafeYaml.Parse(yaml, file.Path, lineOffset: 1, bag);
        if (root is null && bag.Items.Count == before)
            bag.Error(DiagnosticCodes.MissingField, new SourceSpan(file.Path, 1, 1), "The front matter is empty.");
        return root;
    }

    /// <summary>True when the first line is '---' (trailing spaces allowed, as on the closing line).</summary>
    public static bool Opens(string text) => FirstLineEnd(text) >= 0;

    // Index just after the opening '---' line, or -1 when the text does not open with one.
    private static int FirstLineEnd(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var first = end < 0 ? text.AsSpan() : text.AsSpan(0, end);
        return IsFence(first) ? (end < 0 ? text.Length : end + 1) : -1;
    }

    private static bool IsFence(ReadOnlySpan<char> line) => line.TrimEnd().SequenceEqual("---");

    /// <summary>Splits; <paramref name="bodyLine"/> is the 1-based line on which the body starts.</summary>
    public static bool TrySplit(string text, out string yaml, out string body, out int bodyLine)
    {
        yaml = body = "";
        bodyLine = 0;
        var start = FirstLineEnd(text);
        if (start < 0) return false;
        var pos = start;
        var line = 2;
        while (pos <= text.Length)
        {
            var end = text.IndexOf('\n', pos);
            // Spans, not substrings: a copy of every line of every file was a tenth of the check's allocations.
            var lineText = end < 0 ? text.AsSpan(pos) : text.AsSpan(pos, end - pos);
            if (IsFence(lineText))
            {
                yaml = text[start..pos];
                body = end < 0 ? "" : text[(end + 1)..];
                bodyLine = line + 1;
                return true;
            }
            if (end < 0) break;
            pos = end + 1;
            line++;
        }
        return false;
    }
}
