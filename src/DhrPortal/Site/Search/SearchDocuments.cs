using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DhrPortal.Content;
using DhrPortal.Site.Data;
using DhrPortal.Site.Markdown;
using DhrPortal.Text;

namespace DhrPortal.Site.Search;

// The documents of the index and their scored postings: what is searched and how each word weighs
// (docs/search.md, "What is searched"). SearchIndexBuilder.cs writes them out as files.
public static partial class SearchIndexBuilder
{
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

}
