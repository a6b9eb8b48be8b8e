using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DhrPortal.Content;
using DhrPortal.Site.Data;
using DhrPortal.Site.Markdown;
using DhrPortal.Text;

namespace DhrPortal.Site.Search;

/// <summary>One file of the search index: its site-relative URL and bytes.</summary>
public sealed record SearchIndexFile(string Url, byte[] Bytes);

/// <summary>The files of the search index, and the URL of its manifest (the one file the page names).</summary>
public sealed record SearchIndexFiles(string ManifestUrl, IReadOnlyList<SearchIndexFile> Files);

/// <summary>
/// Builds the sharded search index from the checked model (docs/search.md describes the format).
/// One document per review summary and per recommendation. Everything the client needs for a query
/// word is in one shard keyed by the word's first two letters: every word form seen with that
/// prefix (so prefix matching is a scan of one small list), the stem each form maps to (so the client
/// needs no stemmer), the postings of those stems with build-time BM25F scores, and for every posted
/// document its facet values and the file holding its text. Typo candidates come from a SymSpell
/// deletion index, sharded the same way. The manifest holds only the facet vocabularies, the stop
/// words and the shard maps, whose size is bounded by the alphabet, never by the number of documents.
/// Pure and deterministic: ordinal sorts, integer scores, content-hashed names.
/// </summary>
public static class SearchIndexBuilder
{
    /// <summary>Version of the format, written as <c>"v"</c> in the manifest.</summary>
    public const int FormatVersion = 3;

    /// <summary>Query words at least this long may match a word one edit away.</summary>
    public const int TypoMinLength = 5;

    /// <summary>Characters of a review summary kept as its result snippet.</summary>
    public const int SnippetLength = 300;

    /// <summary>The facets, in the order the manifest lists them; also the URL parameter names.</summary>
    public static IReadOnlyList<(string Key, string Name)> Facets { get; } =
    [
        ("theme", "Theme"), ("area", "Theme area"), ("agency", "Agency"), ("sector", "Sector"),
        ("csp", "Community Safety Partnership"), ("region", "Region"), ("year", "Year published"),
        ("relationship", "Relationship"), ("status", "Implementation status"),
    ];

    // Field weights (BM25F): what a recommendation is about (its text, who it is addressed to, its
    // themes) counts more than the review it comes from.
    internal const double RecText = 1.0, RecAddressees = 1.0, RecThemes = 1.0, RecReviewTitle = 0.3, RecAbbreviations = 0.5;
    internal const double ReviewTitle = 2.0, ReviewSummary = 1.0, ReviewCsp = 1.0;
    private const double K1 = 1.2, B = 0.75, PairWeight = 1.0;

    /// <summary>A document: a review (Rec null) or one of its recommendations.</summary>
    internal sealed record Doc(int Id, int Group, Review Review, Recommendation? Rec, int[] Facets, IReadOnlyList<FieldStats> Fields);

    /// <summary>Counts of one field of a document: stems, pairs of adjacent stems, and its length in words.</summary>
    internal sealed record FieldStats(string Name, double Weight, Dictionary<string, int> Terms, Dictionary<string, int> Pairs, int Length, IReadOnlySet<string>? Written = null);

    /// <summary>The field of the names of bodies written in a recommendation's text (<see cref="BodyMentions"/>).</summary>
    private const string BodiesField = "bodies";

    /// <summary>
    /// Texts indexed with one weight; when <paramref name="Once"/>, each word counts once however many
    /// texts have it (an agency's name and aliases are one addressee, not many mentions). Words of the
    /// texts inside a mention of one of <paramref name="Names"/> count towards the field's length but
    /// not as its terms (see <see cref="NameMentions"/>).
    /// </summary>
    internal sealed record Field(string Name, IReadOnlyList<string> Texts, double Weight, bool Once = false, IReadOnlyList<string>? Names = null);

    /// <summary>The facet vocabularies: per facet, (id, label) pairs; and each document's values as global indexes.</summary>
    internal sealed record FacetTable(IReadOnlyList<IReadOnlyList<(string Id, string Label)>> Values, IReadOnlyList<int> Offsets)
    {
        /// <summary>(facet, value id) → global value index.</summary>
        public Dictionary<(int, string), int> Index { get; } = Values
            .SelectMany((list, f) => list.Select((v, i) => (Key: (f, v.Id), Value: Offsets[f] + i)))
            .DistinctBy(x => x.Key).ToDictionary(x => x.Key, x => x.Value);
    }

    /// <summary>Builds every file of the index.</summary>
    public static SearchIndexFiles Build(ContentModel model)
    {
        var reviews = model.Reviews.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var facets = FacetVocabulary(model, reviews);
        var seen = new SortedDictionary<string, string>(StringComparer.Ordinal); // every word form in the content → stem
        var docs = Documents(model, reviews, facets, seen);
        var files = new List<SearchIndexFile>();

        // 1. Result texts, one file per review (its summary and its recommendations).
        var groupFiles = new string[reviews.Count];
        var byGroup = docs.ToLookup(d => d.Group);
        for (var g = 0; g < reviews.Count; g++)
            groupFiles[g] = Add(files, "d", GroupJson(model, byGroup[g]));

        // 2. Postings per stem and per pair of adjacent stems, and the word forms that map to each
        //    stem: those in the content, and other forms of the same stems.
        var postings = Postings(docs, f => f.Terms);
        var pairs = PairPostings(docs);
        var forms = new SortedDictionary<string, string>(seen, StringComparer.Ordinal);
        foreach (var stem in postings.Keys.Order(StringComparer.Ordinal))
            foreach (var form in Inflections(stem)) forms.TryAdd(form, stem);

        // 3. Word shards by two-letter prefix: the forms with that prefix, and the pairs whose first stem has it.
        var formsByKey = forms.GroupBy(f => SearchText.ShardKey(f.Key)).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var pairsByKey = pairs.Keys.GroupBy(p => SearchText.ShardKey(p[..p.IndexOf(' ', StringComparison.Ordinal)]))
            .ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var shardKeys = formsByKey.Keys.Union(pairsByKey.Keys).Order(StringComparer.Ordinal).ToArray();
        var shardJson = new string[shardKeys.Length];
        // Per review: its first document (the summary) and the facet values all its documents share.
        var groupFirst = new int[reviews.Count];
        var groupShared = new int[reviews.Count][];
        foreach (var d in docs.Where(d => d.Rec is null))
        {
            groupFirst[d.Group] = d.Id;
            groupShared[d.Group] = FacetValues(facets, ReviewFacets(model, d.Review));
        }
        Parallel.For(0, shardKeys.Length, i => shardJson[i] =
            ShardJson(formsByKey.GetValueOrDefault(shardKeys[i]) ?? [], pairsByKey.GetValueOrDefault(shardKeys[i]) ?? [], postings, pairs, docs, groupFiles, groupFirst, groupShared));
        var wordShards = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < shardKeys.Length; i++) wordShards[shardKeys[i]] = Add(files, "w", shardJson[i]);

        // 4. Typo shards: SymSpell deletion keys (and the words themselves) → word forms.
        var deletes = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var form in seen.Keys.Where(f => f.Length >= TypoMinLength - 1))
        {
            IEnumerable<string> keys = form.Length >= TypoMinLength ? [form, .. SearchText.Deletes(form)] : [form];
            foreach (var key in keys)
            {
                if (!deletes.TryGetValue(key, out var set)) deletes[key] = set = new SortedSet<string>(StringComparer.Ordinal);
                set.Add(form);
            }
        }
        var typoShards = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var shard in deletes.GroupBy(d => SearchText.ShardKey(d.Key)))
            typoShards[shard.Key] = Add(files, "t", TypoJson(shard));

        // 5. The manifest.
        var manifest = Add(files, "manifest", ManifestJson(facets, wordShards, typoShards));
        files.Sort((a, b) => string.CompareOrdinal(a.Url, b.Url));
        return new SearchIndexFiles(UrlScheme.SearchIndexFile(manifest), files);
    }

    // ---------------------------------------------------------------------------------------------
    // Documents and facets

    internal static FacetTable FacetVocabulary(ContentModel model, IReadOnlyList<Review> reviews)
    {
        var recs = reviews.SelectMany(r => r.Recommendations).ToList();
        var themeIds = recs.SelectMany(r => r.Themes).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var themes = model.Themes.Where(t => themeIds.Contains(t.Id)).ToList();
        var areaIds = themes.Select(t => t.AreaId).ToHashSet(StringComparer.Ordinal);
        var agencyIds = recs.SelectMany(r => r.To).Select(a => a.AgencyId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var agencies = model.Agencies.Where(a => agencyIds.Contains(a.Id)).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        var sectors = agencies.Select(a => a.Sector).ToHashSet(StringComparer.Ordinal);
        var cspIds = reviews.Select(r => r.CspId).ToHashSet(StringComparer.Ordinal);
        var csps = model.Csps.Where(c => cspIds.Contains(c.Id)).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        var relationships = reviews.Select(r => r.Relationship).ToHashSet();
        var states = recs.Select(r => r.Status?.State).OfType<ImplementationState>().ToHashSet();

        IReadOnlyList<(string, string)>[] values =
        [
            themes.Select(t => (t.Id, t.Name)).ToList(),
            model.Areas.Where(a => areaIds.Contains(a.Id)).Select(a => (a.Id, a.Name)).ToList(),
            agencies.Select(a => (a.Id, a.Name)).ToList(),
            Vocabulary.Sectors.Where(s => sectors.Contains(s.Key)).Select(s => (s.Key, s.Label))
                .Concat(sectors.Where(s => Vocabulary.Sectors.All(v => v.Key != s)).Order(StringComparer.Ordinal).Select(s => (s, s))).ToList(),
            csps.Select(c => (c.Id, c.Name)).ToList(),
            csps.Select(c => c.Region).Distinct().Order(StringComparer.Ordinal).Select(r => (Slug.From(r), r)).ToList(),
            reviews.Select(r => r.Published?.Year).OfType<int>().Distinct().Order()
                .Select(y => (y.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), y.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))).ToList(),
            Vocabulary.Relationships.Where(r => relationships.Contains(r.Value)).Select(r => (r.Key, r.Label)).ToList(),
            Vocabulary.ImplementationStates.Where(s => states.Contains(s.Value)).Select(s => (s.Key, s.Label)).ToList(),
        ];
        var offsets = new int[values.Length];
        for (var i = 1; i < values.Length; i++) offsets[i] = offsets[i - 1] + values[i - 1].Count;
        return new FacetTable(values, offsets);
    }

    private static int[] FacetValues(FacetTable table, IEnumerable<(int Facet, string Id)> values) =>
        values.Select(v => table.Index.TryGetValue(v, out var i) ? i : -1).Where(i => i >= 0).Distinct().Order().ToArray();

    private sealed record Lookups(Dictionary<string, Theme> Themes, Dictionary<string, Agency> Agencies, Dictionary<string, Csp> Csps);
    private static readonly ConditionalWeakTable<ContentModel, Lookups> Cache = new();

    // The model's registries by id, made once per model (the builder looks them up per document).
    private static Lookups Find(ContentModel model) => Cache.GetValue(model, m => new Lookups(
        m.Themes.DistinctBy(t => t.Id).ToDictionary(t => t.Id, StringComparer.Ordinal),
        m.Agencies.DistinctBy(a => a.Id).ToDictionary(a => a.Id, StringComparer.Ordinal),
        m.Csps.DistinctBy(c => c.Id).ToDictionary(c => c.Id, StringComparer.Ordinal)));

    /// <summary>The facet values of a recommendation (facet index, value id).</summary>
    internal static IEnumerable<(int Facet, string Id)> RecommendationFacets(ContentModel model, Review review, Recommendation rec)
    {
        foreach (var t in rec.Themes)
        {
            yield return (0, t.Id);
            if (Find(model).Themes.GetValueOrDefault(t.Id) is { } theme) yield return (1, theme.AreaId);
        }
        foreach (var a in rec.To)
        {
            if (a.AgencyId is null) continue;
            yield return (2, a.AgencyId);
            if ((a.AgencyId is null ? null : Find(model).Agencies.GetValueOrDefault(a.AgencyId)) is { } agency) yield return (3, agency.Sector);
        }
        foreach (var v in ReviewFacets(model, review)) yield return v;
        if (rec.Status is { } status) yield return (8, Vocabulary.Key(status.State));
    }

    private static IEnumerable<(int Facet, string Id)> ReviewFacets(ContentModel model, Review review)
    {
        yield return (4, review.CspId);
        if (Find(model).Csps.GetValueOrDefault(review.CspId) is { } csp) yield return (5, Slug.From(csp.Region));
        if (review.Published is { } p) yield return (6, p.Year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
        yield return (7, Vocabulary.Key(review.Relationship));
    }

    private static List<Doc> Documents(ContentModel model, List<Review> reviews, FacetTable facets, SortedDictionary<string, string> forms)
    {
        var docs = new List<Doc>();
        for (var g = 0; g < reviews.Count; g++)
        {
            var review = reviews[g];
            var csp = Find(model).Csps.GetValueOrDefault(review.CspId)?.Name ?? review.CspId;
            // A review is found by the themes and agencies of its recommendations too, so it is
            // narrowed by those facets; it is not counted in them (counts are of recommendations).
            var reviewFacets = ReviewFacets(model, review)
                .Concat(review.Recommendations.SelectMany(r => RecommendationFacets(model, review, r)).Where(f => f.Facet <= 3));
            docs.Add(Weighted(docs.Count, g, review, null, FacetValues(facets, reviewFacets), forms,
                [new("title", [review.Title], ReviewTitle), new("summary", [MarkdownRenderer.PlainText(review.Summary)], ReviewSummary), new("csp", [csp], ReviewCsp)]));
            foreach (var rec in review.Recommendations.OrderBy(r => r.Order))
            {
                var text = MarkdownRenderer.InlinePlainText(rec.Text);
                List<Field> fields =
                [
                    // The text often opens by naming its addressee ("Local Authority Adults Safeguarding
                    // Board to oversee ..."): that names who acts, which the "to" field already says,
                    // not what the recommendation is about.
                    new("text", [text], RecText, Names: Addressees(model, rec).ToList()),
                    new("themes", rec.Themes.Select(t => Find(model).Themes.GetValueOrDefault(t.Id)?.Name ?? t.Id).ToList(), RecThemes),
                    new("review", [review.Title], RecReviewTitle),
                    new("abbreviations", [Abbreviations(model, review, rec, text)], RecAbbreviations),
                ];
                fields.AddRange(rec.To.Select(a => new Field("to", AddresseeNames(model, a).ToList(), RecAddressees, Once: true)));
                docs.Add(Weighted(docs.Count, g, review, rec, FacetValues(facets, RecommendationFacets(model, review, rec)), forms, fields));
            }
        }
        return docs;
    }

    /// <summary>Each addressee as written, and its agency's name and aliases from agencies.yml.</summary>
    private static IEnumerable<string> Addressees(ContentModel model, Recommendation rec) => rec.To.SelectMany(a => AddresseeNames(model, a));

    private static IEnumerable<string> AddresseeNames(ContentModel model, Addressee a)
    {
        yield return a.AsWritten;
        if ((a.AgencyId is null ? null : Find(model).Agencies.GetValueOrDefault(a.AgencyId)) is not { } agency) yield break;
        yield return agency.Name;
        foreach (var alias in agency.Aliases) yield return alias;
    }

    /// <summary>
    /// The other half of every abbreviation of the review that the text uses: an "IRIS" in the text
    /// also indexes what IRIS stands for, and a written-out name also indexes its abbreviation.
    /// </summary>
    private static string Abbreviations(ContentModel model, Review review, Recommendation rec, string text)
    {
        var words = SearchText.Words(text).ToHashSet(StringComparer.Ordinal);
        var folded = " " + string.Join(" ", SearchText.Words(text)) + " ";
        // Only words the recommendation does not already have count: an abbreviation that names an
        // addressee adds nothing to what the addressee's names already say.
        var known = new HashSet<string>(words, StringComparer.Ordinal);
        known.UnionWith(Addressees(model, rec).SelectMany(SearchText.Words));
        var extra = new List<string>();
        foreach (var (abbr, meaning) in review.Abbreviations.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var abbrWords = SearchText.Words(abbr).ToList();
            var meaningWords = SearchText.Words(meaning).ToList();
            if (abbrWords.Count > 0 && abbrWords.All(words.Contains)) extra.AddRange(meaningWords);
            else if (meaningWords.Count > 0 && folded.Contains(" " + string.Join(" ", meaningWords) + " ", StringComparison.Ordinal)) extra.AddRange(abbrWords);
        }
        return string.Join(" ", extra.Where(known.Add));
    }

    private static Doc Weighted(int id, int group, Review review, Recommendation? rec, int[] facets, SortedDictionary<string, string> forms, IReadOnlyList<Field> fields)
    {
        var stats = new List<FieldStats>();
        foreach (var field in fields)
        {
            var terms = new Dictionary<string, int>(StringComparer.Ordinal);
            var pairs = new Dictionary<string, int>(StringComparer.Ordinal);
            var length = 0;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var written = new HashSet<string>(StringComparer.Ordinal);
            var bodyTerms = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var t = 0; t < field.Texts.Count; t++)
            {
                string? previous = null;
                var tokens = SearchText.Tokens(field.Texts[t]).ToList();
                var words = tokens.Select(x => x.Word).ToList();
                var named = field.Names is null ? null : NameMentions(words, field.Names);
                var bodies = field.Names is null ? null : BodyMentions(tokens);
                for (var i = 0; i < words.Count; i++)
                {
                    var word = words[i];
                    var stem = SearchText.Stem(word);
                    forms.TryAdd(word, stem);
                    written.Add(stem);
                    // An addressee is as long as its name as written: its agency's other names make
                    // it findable by them, not a longer (so lower-scored) document.
                    if (!field.Once || t == 0) length++;
                    if (named?[i] == true) { }                                   // in the "to" field already
                    else if (bodies?[i] == true) bodyTerms[stem] = bodyTerms.GetValueOrDefault(stem) + 1;
                    else if (!field.Once || seen.Add(stem)) terms[stem] = terms.GetValueOrDefault(stem) + 1;
                    if (previous is not null && (!field.Once || seen.Add(previous + " " + stem)))
                        pairs[previous + " " + stem] = pairs.GetValueOrDefault(previous + " " + stem) + 1;
                    previous = stem;
                }
            }
            if (written.Count > 0) stats.Add(new FieldStats(field.Name, field.Weight, terms, pairs, Math.Max(1, length), written));
            // Names of other bodies written in the text: the recommendation is found by them (a
            // posting of score 1) but they add nothing to what it is about (weight 0).
            if (bodyTerms.Count > 0) stats.Add(new FieldStats(BodiesField, 0, bodyTerms, [], bodyTerms.Values.Sum()));
        }
        return new Doc(id, group, review, rec, facets, stats);
    }

    /// <summary>
    /// Which of <paramref name="words"/> are inside a mention of one of <paramref name="names"/> (as
    /// whole words, longest name first). A recommendation addressed to the "Adults Safeguarding Board"
    /// that says so in its text is not, by that, about safeguarding: the name is indexed once in the
    /// addressee field, and counting it again as running text let the board's recommendations
    /// outrank one whose text is about safeguarding. The words still count towards the text's length,
    /// its pairs (phrase matches) and the near-tie rule's "written in the running text" bit, so a
    /// literal mention ("CCG commissioner") still beats a name found only through an alias. Only
    /// names of two words or more: a one-word name ("Police", "GP") is also the ordinary word for the topic.
    /// </summary>
    internal static bool[] NameMentions(IReadOnlyList<string> words, IEnumerable<string> names)
    {
        var named = new bool[words.Count];
        var phrases = names.Select(n => SearchText.Words(n).ToArray()).Where(n => n.Length > 1)
            .DistinctBy(n => string.Join(" ", n), StringComparer.Ordinal)
            .OrderByDescending(n => n.Length).ThenBy(n => string.Join(" ", n), StringComparer.Ordinal).ToList();
        for (var i = 0; i < words.Count; i++)
            foreach (var phrase in phrases)
            {
                if (i + phrase.Length > words.Count) continue;
                var match = true;
                for (var j = 0; j < phrase.Length && match; j++) match = words[i + j] == phrase[j];
                if (!match) continue;
                for (var j = 0; j < phrase.Length; j++) named[i + j] = true;
                break;
            }
        return named;
    }

    // Last words that make a capitalised run of words the name of a body ("Safeguarding Adults Team",
    // "Domestic Abuse Governance Boards"), not a thing or a topic ("Safeguarding Adults Protocol").
    private static readonly HashSet<string> BodyNouns = new(StringComparer.Ordinal)
    {
        "board", "boards", "team", "teams", "hub", "unit", "panel", "partnership", "partnerships",
        "trust", "council", "committee", "group", "service", "services",
    };

    /// <summary>
    /// Which words are inside the name of a body written in the text: a run of two or more words
    /// with capitals ending in a word such as Team or Board. Like the addressee's own name, "the
    /// expertise of the Safeguarding Adults Team" says who has the expertise, not that the
    /// recommendation is about safeguarding.
    /// </summary>
    internal static bool[] BodyMentions(IReadOnlyList<(string Word, bool Capital)> tokens)
    {
        var named = new bool[tokens.Count];
        for (var i = 0; i < tokens.Count;)
        {
            var j = i;
            while (j < tokens.Count && tokens[j].Capital) j++;
            // The run is i..j-1; its name ends at the last body noun in it.
            for (var end = j - 1; end > i; end--)
                if (BodyNouns.Contains(tokens[end].Word))
                {
                    for (var k = i; k <= end; k++) named[k] = true;
                    break;
                }
            i = Math.Max(j, i + 1);
        }
        return named;
    }

    /// <summary>
    /// Term → (document, score) ascending by document, for the terms <paramref name="termsOf"/> gives
    /// (stems). BM25F: each field's count is normalised by the field's length against that field's
    /// average, weighted, summed, then saturated; times 100, rounded, at least 1; then times 2 plus 1
    /// when the term is in the document's running text (recommendation text or review summary).
    /// </summary>
    internal static Dictionary<string, List<(int Doc, int Score)>> Postings(IReadOnlyList<Doc> docs, Func<FieldStats, Dictionary<string, int>> termsOf)
    {
        var avg = docs.SelectMany(d => d.Fields).GroupBy(f => f.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(f => (double)f.Length), StringComparer.Ordinal);
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in docs)
            foreach (var t in d.Fields.SelectMany(f => termsOf(f).Keys).Distinct(StringComparer.Ordinal)) df[t] = df.GetValueOrDefault(t) + 1;
        var postings = new Dictionary<string, List<(int, int)>>(StringComparer.Ordinal);
        foreach (var d in docs)
        {
            var tf = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var f in d.Fields)
            {
                // Only running text is normalised by length: a recommendation with three themes or
                // two addressees is not less about each of them.
                var b = f.Name is "text" or "summary" ? B : 0;
                var norm = 1 - b + b * f.Length / avg[f.Name];
                foreach (var (term, count) in termsOf(f)) tf[term] = tf.GetValueOrDefault(term) + f.Weight * count / norm;
            }
            // Every word written in the running text, names included: a literal mention still wins a near-tie.
            var inText = d.Fields.Where(f => f.Name is "text" or "summary").SelectMany(f => f.Written ?? (IEnumerable<string>)termsOf(f).Keys).ToHashSet(StringComparer.Ordinal);
            foreach (var (term, x) in tf)
            {
                var idf = Math.Log(1 + (docs.Count - df[term] + 0.5) / (df[term] + 0.5));
                var score = (int)Math.Max(1, Math.Round(100 * idf * x * (K1 + 1) / (x + K1)));
                if (!postings.TryGetValue(term, out var list)) postings[term] = list = [];
                // The lowest bit says whether the running text has the term (the client's tie-break).
                list.Add((d.Id, score * 2 + (inText.Contains(term) ? 1 : 0)));
            }
        }
        return postings;
    }

    /// <summary>
    /// Pair of adjacent stems → (document, bonus): the words typed next to each other are next to each
    /// other in the document. The bonus is the pair's IDF times the summed weights of the fields that
    /// have it (once each), times <see cref="PairWeight"/>: a phrase match lifts a document above those
    /// with the words apart, whatever the length of the field it is in.
    /// </summary>
    internal static Dictionary<string, List<(int Doc, int Score)>> PairPostings(IReadOnlyList<Doc> docs)
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in docs)
            foreach (var t in d.Fields.SelectMany(f => f.Pairs.Keys).Distinct(StringComparer.Ordinal)) df[t] = df.GetValueOrDefault(t) + 1;
        var postings = new Dictionary<string, List<(int, int)>>(StringComparer.Ordinal);
        foreach (var d in docs)
        {
            var best = new SortedDictionary<string, double>(StringComparer.Ordinal);
            foreach (var f in d.Fields)
                foreach (var pair in f.Pairs.Keys) best[pair] = best.GetValueOrDefault(pair) + f.Weight;
            foreach (var (pair, weight) in best)
            {
                var idf = Math.Log(1 + (docs.Count - df[pair] + 0.5) / (df[pair] + 0.5));
                var score = (int)Math.Max(1, Math.Round(100 * PairWeight * idf * weight));
                if (!postings.TryGetValue(pair, out var list)) postings[pair] = list = [];
                list.Add((d.Id, score));
            }
        }
        return postings;
    }

    // Endings tried on every stem to find other forms of it that the content does not use; a form is
    // kept only when the Snowball stemmer maps it back to the stem, so this never decides what a
    // stem is, it only lists forms ("cancelled" for the stem "cancel" of "cancellation") so that the
    // client, which has no stemmer, finds the stem from any of them.
    private static readonly string[] Endings =
        ["", "s", "es", "ed", "ing", "er", "ers", "e", "ion", "ions", "ation", "ations", "ment", "ments", "ly", "ness", "ies", "ied", "y", "al", "ity"];

    /// <summary>Forms of <paramref name="stem"/> not seen in the content that the stemmer maps to it.</summary>
    internal static IEnumerable<string> Inflections(string stem)
    {
        if (stem.Length < 3 || !stem.All(char.IsLetter)) yield break;
        var bases = new List<string> { stem };
        var last = stem[^1];
        if (last == 'i') bases.Add(stem[..^1]);
        if (last == 'e') bases.Add(stem[..^1]);
        if (!"aeiouy".Contains(last, StringComparison.Ordinal)) bases.Add(stem + last);
        foreach (var b in bases)
            foreach (var ending in Endings)
            {
                var form = b + ending;
                if (form != stem && SearchText.Stem(form) == stem) yield return form;
            }
    }

    // ---------------------------------------------------------------------------------------------
    // Files

    private static string Add(List<SearchIndexFile> files, string prefix, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var name = $"{prefix}.{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}.json";
        var url = UrlScheme.SearchIndexFile(name);
        if (!files.Any(f => f.Url == url)) files.Add(new SearchIndexFile(url, bytes));
        return name;
    }

    /// <summary><c>[[doc, kind (0 review, 1 recommendation), url, review title, label, addressees, text]...]</c></summary>
    private static string GroupJson(ContentModel model, IEnumerable<Doc> docs)
    {
        using var json = new JsonText(indented: false);
        var w = json.Writer;
        w.WriteStartArray();
        foreach (var d in docs)
        {
            w.WriteStartArray();
            w.WriteNumberValue(d.Id);
            w.WriteNumberValue(d.Rec is null ? 0 : 1);
            w.WriteStringValue(d.Rec is null ? UrlScheme.Review(d.Review) : UrlScheme.Recommendation(d.Review, d.Rec));
            w.WriteStringValue(d.Review.Title);
            w.WriteStringValue(d.Rec?.Label ?? "");
            w.WriteStringValue(d.Rec is null ? "" : string.Join("; ", d.Rec.To.Select(a =>
                (a.AgencyId is null ? null : Find(model).Agencies.GetValueOrDefault(a.AgencyId))?.Name ?? a.AsWritten).Distinct(StringComparer.Ordinal)));
            w.WriteStringValue(d.Rec is null ? Snippet(MarkdownRenderer.PlainText(d.Review.Summary)) : MarkdownRenderer.InlinePlainText(d.Rec.Text));
            w.WriteEndArray();
        }
        w.WriteEndArray();
        return json.ToString();
    }

    private static string Snippet(string text)
    {
        text = string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= SnippetLength) return text;
        var cut = text.LastIndexOf(' ', SnippetLength);
        return text[..(cut > 0 ? cut : SnippetLength)] + " …";
    }

    /// <summary>
    /// <c>{"w": [[form, stem index]...], "s": [[stem, [doc delta, score, doc delta, score...]]...],
    /// "b": [["stem stem", [doc delta, score...]]...], "d": [[doc delta, own facet value...]...],
    /// "g": [[file, first doc, shared facet value...]...]}</c>.
    /// Compact because a common word posts most documents (docs/search.md, "Sizes"): document numbers
    /// ascend, so each is written as the difference from the one before it (the first from 0); a
    /// review's documents are numbered together, summary first, so a row needs neither its text file
    /// nor its kind: its group is the last in "g" whose first document is at or before it, and it is
    /// the review summary when it is that first document; and the facet values every document of a
    /// review shares (CSP, region, year, relationship) are written once per group, not per row.
    /// </summary>
    private static string ShardJson(List<KeyValuePair<string, string>> forms, List<string> pairKeys,
        Dictionary<string, List<(int Doc, int Score)>> postings, Dictionary<string, List<(int Doc, int Score)>> pairs, List<Doc> docs, string[] groupFiles,
        int[] groupFirst, int[][] groupShared)
    {
        var stems = forms.Select(f => f.Value).Where(postings.ContainsKey).Distinct().Order(StringComparer.Ordinal).ToList();
        var stemIndex = stems.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        var docIds = stems.SelectMany(s => postings[s]).Concat(pairKeys.SelectMany(p => pairs[p])).Select(p => p.Doc).Distinct().Order().ToList();
        var groups = docIds.Select(d => docs[d].Group).Distinct().Order().ToList();

        using var json = new JsonText(indented: false);
        var w = json.Writer;
        w.WriteStartObject();
        w.WriteStartArray("w");
        foreach (var (form, stem) in forms)
        {
            if (!stemIndex.TryGetValue(stem, out var si)) continue;
            w.WriteStartArray();
            w.WriteStringValue(form);
            w.WriteNumberValue(si);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteStartArray("s");
        foreach (var stem in stems) Posting(w, stem, postings[stem]);
        w.WriteEndArray();
        w.WriteStartArray("b");
        foreach (var pair in pairKeys) Posting(w, pair, pairs[pair]);
        w.WriteEndArray();
        w.WriteStartArray("d");
        var previous = 0;
        foreach (var id in docIds)
        {
            var shared = groupShared[docs[id].Group];
            w.WriteStartArray();
            w.WriteNumberValue(id - previous);
            previous = id;
            foreach (var f in docs[id].Facets) if (Array.BinarySearch(shared, f) < 0) w.WriteNumberValue(f);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteStartArray("g");
        foreach (var g in groups)
        {
            w.WriteStartArray();
            w.WriteStringValue(groupFiles[g]);
            w.WriteNumberValue(groupFirst[g]);
            foreach (var f in groupShared[g]) w.WriteNumberValue(f);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        return json.ToString();
    }

    /// <summary><c>[key, [doc delta, score, ...]]</c>: postings ascend by document.</summary>
    private static void Posting(Utf8JsonWriter w, string key, List<(int Doc, int Score)> list)
    {
        w.WriteStartArray();
        w.WriteStringValue(key);
        w.WriteStartArray();
        var previous = 0;
        foreach (var (doc, score) in list) { w.WriteNumberValue(doc - previous); w.WriteNumberValue(score); previous = doc; }
        w.WriteEndArray();
        w.WriteEndArray();
    }

    /// <summary><c>{"k": [[deletion key or word, [word...]]...]}</c></summary>
    private static string TypoJson(IEnumerable<KeyValuePair<string, SortedSet<string>>> keys)
    {
        using var json = new JsonText(indented: false);
        var w = json.Writer;
        w.WriteStartObject();
        w.WriteStartArray("k");
        foreach (var (key, words) in keys)
        {
            w.WriteStartArray();
            w.WriteStringValue(key);
            w.WriteStartArray();
            foreach (var word in words) w.WriteStringValue(word);
            w.WriteEndArray();
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        return json.ToString();
    }

    /// <summary>
    /// <c>{"v": 2, "typo": 5, "stop": [word...], "facets": [[key, name, [[id, label]...]]...],
    /// "w": {prefix: file}, "t": {prefix: file}}</c>
    /// </summary>
    private static string ManifestJson(FacetTable facets, SortedDictionary<string, string> words, SortedDictionary<string, string> typos)
    {
        using var json = new JsonText(indented: false);
        var w = json.Writer;
        w.WriteStartObject();
        w.WriteNumber("v", FormatVersion);
        w.WriteNumber("typo", TypoMinLength);
        w.WriteStartArray("stop");
        foreach (var s in SearchText.StopWords) w.WriteStringValue(s);
        w.WriteEndArray();
        w.WriteStartArray("facets");
        for (var i = 0; i < Facets.Count; i++)
        {
            w.WriteStartArray();
            w.WriteStringValue(Facets[i].Key);
            w.WriteStringValue(Facets[i].Name);
            w.WriteStartArray();
            foreach (var (id, label) in facets.Values[i])
            {
                w.WriteStartArray();
                w.WriteStringValue(id);
                w.WriteStringValue(label);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteEndArray();
        }
        w.WriteEndArray();
        Map(w, "w", words);
        Map(w, "t", typos);
        w.WriteEndObject();
        return json.ToString();
    }

    private static void Map(Utf8JsonWriter w, string name, SortedDictionary<string, string> map)
    {
        w.WriteStartObject(name);
        foreach (var (key, file) in map) w.WriteString(key, file);
        w.WriteEndObject();
    }
}
