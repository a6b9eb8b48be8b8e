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
    internal sealed record Doc(int Id, int Group, Review Review, Recommendation? Rec, int[] Facets, IReadOnlyList<FieldStats> Fields, Lexicon Lexicon)
    {
        /// <summary>The plain text indexed: the review's summary, or the recommendation's text (made once; the result texts reuse it).</summary>
        public string Plain { get; init; } = "";
    }

    /// <summary>
    /// Counts of one field of a document: stems (ids in the document's <see cref="Lexicon"/>), the
    /// distinct pairs of adjacent stems, its length in words, and (running text only) every stem written.
    /// </summary>
    internal sealed record FieldStats(string Name, double Weight, TermCounts Terms, int[] Pairs, int Length, int[]? Written = null);

    /// <summary>Stem ids of a field and how often each counts (parallel arrays, in no particular order).</summary>
    internal readonly record struct TermCounts(int[] Ids, int[] Counts);

    /// <summary>The names of bodies written in a recommendation's text (<see cref="BodyMentions(IReadOnlyList{ValueTuple{string, bool}})"/>).</summary>
    private const string BodiesField = "bodies";

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

    internal static FacetTable FacetVocabulary(SiteIndex site, IReadOnlyList<Review> reviews)
    {
        var model = site.Model;
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

    private static IEnumerable<(int Facet, string Id)> ReviewFacets(SiteIndex site, Review review)
    {
        yield return (4, review.CspId);
        if (site.FindCsp(review.CspId) is { } csp) yield return (5, Slug.From(csp.Region));
        if (review.Published is { } p) yield return (6, p.Year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
        yield return (7, Vocabulary.Key(review.Relationship));
    }

    private static List<Doc> Documents(SiteIndex site, List<Review> reviews, FacetTable facets, SortedDictionary<string, string> forms)
    {
        var lexicon = new Lexicon();
        var state = new DocumentBuilder(site, facets, lexicon);
        var docs = new List<Doc>();
        // The plain texts were made with the pages' HTML, from one parse (RenderedTexts); documents are
        // added in order so that ids in the lexicon are deterministic.
        for (var g = 0; g < reviews.Count; g++)
        {
            var review = reviews[g];
            var texts = review.Recommendations.OrderBy(r => r.Order).Select(r => site.Texts.Recommendation(review, r).Plain).ToArray();
            state.Review(docs, g, review, site.Texts.Summary(review).Plain, texts);
        }
        // Each form maps to one stem, so the dictionary is the same whatever the order of adding.
        foreach (var (word, stem) in lexicon.UsedWords()) forms.TryAdd(word, stem);
        return docs;
    }

    /// <summary>Each addressee as written, and its agency's name and aliases from agencies.yml.</summary>
    private static IEnumerable<string> AddresseeNames(SiteIndex site, Addressee a)
    {
        yield return a.AsWritten;
        if ((a.AgencyId is null ? null : site.FindAgency(a.AgencyId)) is not { } agency) yield break;
        yield return agency.Name;
        foreach (var alias in agency.Aliases) yield return alias;
    }

    /// <summary>
    /// Word forms, stems and pairs of stems of one build, each numbered in order of first sight, so
    /// that the documents count ints, not strings (the strings are made once each).
    /// </summary>
    internal sealed class Lexicon
    {
        private readonly Dictionary<string, int> _words = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _stems = new(StringComparer.Ordinal);
        private readonly Dictionary<long, int> _pairs = [];
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _wordSpans;
        private bool[] _used = new bool[256];

        public Lexicon() => _wordSpans = _words.GetAlternateLookup<ReadOnlySpan<char>>();

        /// <summary>Word id → folded word.</summary>
        public List<string> Words { get; } = [];

        /// <summary>Word id → stem id, or -1 for a stop word (never indexed).</summary>
        public List<int> WordStem { get; } = [];

        /// <summary>Stem id → stem.</summary>
        public List<string> Stems { get; } = [];

        /// <summary>Pair id → (first stem id, second stem id).</summary>
        public List<(int First, int Second)> Pairs { get; } = [];

        /// <summary>The id of a folded word (a run of letters and digits of two characters or more).</summary>
        public int Word(ReadOnlySpan<char> word)
        {
            if (_wordSpans.TryGetValue(word, out var id)) return id;
            var text = word.ToString();
            id = Words.Count;
            _words.Add(text, id);
            Words.Add(text);
            WordStem.Add(SearchText.IsStopWord(text) ? -1 : Stem(SearchText.Stem(text)));
            return id;
        }

        private int Stem(string stem)
        {
            if (_stems.TryGetValue(stem, out var id)) return id;
            _stems.Add(stem, id = Stems.Count);
            Stems.Add(stem);
            return id;
        }

        public int Pair(int first, int second)
        {
            var key = ((long)first << 32) | (uint)second;
            if (_pairs.TryGetValue(key, out var id)) return id;
            _pairs.Add(key, id = Pairs.Count);
            Pairs.Add((first, second));
            return id;
        }

        /// <summary>Marks a word as indexed (in a field of a document, so in the word forms of the index).</summary>
        public void Use(int word)
        {
            if (word >= _used.Length) Array.Resize(ref _used, Math.Max(word + 1, _used.Length * 2));
            _used[word] = true;
        }

        /// <summary>Every word form used in a field, with its stem.</summary>
        public IEnumerable<(string Word, string Stem)> UsedWords()
        {
            for (var i = 0; i < Words.Count && i < _used.Length; i++)
                if (_used[i]) yield return (Words[i], Stems[WordStem[i]]);
        }

        /// <summary>Stem id → its place in the ordinal order of all stems.</summary>
        public int[] StemRanks()
        {
            var ids = new int[Stems.Count];
            for (var i = 0; i < ids.Length; i++) ids[i] = i;
            var keys = Stems.ToArray();
            Array.Sort(keys, ids, StringComparer.Ordinal);
            var rank = new int[ids.Length];
            for (var r = 0; r < ids.Length; r++) rank[ids[r]] = r;
            return rank;
        }
    }

    /// <summary>
    /// Makes the documents of the reviews, one review at a time: the same fields and counts as
    /// described at <see cref="Documents"/>, with each short text (titles, names, abbreviations)
    /// split into words once per build rather than once per recommendation.
    /// </summary>
    private sealed class DocumentBuilder(SiteIndex site, FacetTable facets, Lexicon lexicon)
    {
        private readonly Dictionary<string, int[]> _shortTexts = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int[]> _themeFacets = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int[]> _agencyFacets = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int[][]> _addresseeNames = new(StringComparer.Ordinal);
        // Fields that are the same in many documents (an addressee's names, a list of themes, the
        // review's title in each of its recommendations) are counted once: field stats are immutable.
        private readonly Dictionary<string, FieldStats?> _addresseeFields = new(StringComparer.Ordinal);
        private readonly Dictionary<string, FieldStats?> _themeFields = new(StringComparer.Ordinal);
        private readonly Dictionary<ImplementationState, int> _stateFacets = [];
        private readonly List<int> _words = [];
        private readonly List<int> _facetScratch = [];
        // Per-field scratch, indexed by stem or pair id; an entry is current when its stamp is the field's.
        private int[] _termStamp = [], _termCount = [], _bodyStamp = [], _bodyCount = [], _writtenStamp = [], _pairStamp = [], _wordStamp = [];
        private int _stamp, _wordStampNow;
        private readonly List<int> _terms = [], _bodies = [], _written = [], _pairs = [];

        public void Review(List<Doc> docs, int g, Review review, string summary, string[] texts)
        {
            var csp = site.FindCsp(review.CspId)?.Name ?? review.CspId;
            var recs = review.Recommendations.OrderBy(r => r.Order).ToArray();
            var reviewFacets = FacetValues(facets, ReviewFacets(site, review));
            // A review is found by the themes and agencies of its recommendations too, so it is
            // narrowed by those facets; it is not counted in them (counts are of recommendations).
            _facetScratch.Clear();
            _facetScratch.AddRange(reviewFacets);
            foreach (var rec in recs) AddRecommendationTopics(rec);
            var stats = new List<FieldStats>();
            AddField(stats, "title", ReviewTitle, false, [Short(review.Title)]);
            AddField(stats, "summary", ReviewSummary, false, [Split(summary, null)]);
            AddField(stats, "csp", ReviewCsp, false, [Short(csp)]);
            docs.Add(new Doc(docs.Count, g, review, null, SortedDistinct(_facetScratch), stats, lexicon) { Plain = summary });

            var reviewTitle = Field("review", RecReviewTitle, false, [Short(review.Title)]);
            var abbreviations = review.Abbreviations.OrderBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => (Abbr: Short(a.Key), Meaning: Short(a.Value))).ToArray();
            for (var r = 0; r < recs.Length; r++)
            {
                var rec = recs[r];
                var capitals = new List<bool>();
                var text = Split(texts[r], capitals);
                var names = rec.To.Select(Names).ToArray();
                stats = [];
                // The text often opens by naming its addressee ("Local Authority Adults Safeguarding
                // Board to oversee ..."): that names who acts, which the "to" field already says,
                // not what the recommendation is about.
                AddField(stats, "text", RecText, false, [text], Named(text, names), Bodies(text, capitals));
                var themesKey = string.Join("\n", rec.Themes.Select(t => t.Id));
                if (!_themeFields.TryGetValue(themesKey, out var themes))
                    _themeFields[themesKey] = themes = Field("themes", RecThemes, false, rec.Themes.Select(t => Short(site.FindTheme(t.Id)?.Name ?? t.Id)).ToArray());
                if (themes is not null) stats.Add(themes);
                if (reviewTitle is not null) stats.Add(reviewTitle);
                AddField(stats, "abbreviations", RecAbbreviations, false, [Short(Abbreviations(abbreviations, text, names))]);
                for (var a = 0; a < names.Length; a++)
                {
                    var key = AddresseeKey(rec.To[a]);
                    if (!_addresseeFields.TryGetValue(key, out var to)) _addresseeFields[key] = to = Field("to", RecAddressees, true, names[a]);
                    if (to is not null) stats.Add(to);
                }
                _facetScratch.Clear();
                _facetScratch.AddRange(reviewFacets);
                AddRecommendationTopics(rec);
                if (rec.Status is { } status)
                {
                    if (!_stateFacets.TryGetValue(status.State, out var s))
                        _stateFacets[status.State] = s = facets.Index.TryGetValue((8, Vocabulary.Key(status.State)), out var i) ? i : -1;
                    if (s >= 0) _facetScratch.Add(s);
                }
                docs.Add(new Doc(docs.Count, g, review, rec, SortedDistinct(_facetScratch), stats, lexicon) { Plain = texts[r] });
            }
        }

        // The theme, area, agency and sector values of a recommendation.
        private void AddRecommendationTopics(Recommendation rec)
        {
            foreach (var t in rec.Themes)
            {
                if (!_themeFacets.TryGetValue(t.Id, out var values))
                {
                    IEnumerable<(int, string)> keys = site.FindTheme(t.Id) is { } theme ? [(0, t.Id), (1, theme.AreaId)] : [(0, t.Id)];
                    _themeFacets[t.Id] = values = Indexes(keys);
                }
                _facetScratch.AddRange(values);
            }
            foreach (var a in rec.To)
            {
                if (a.AgencyId is null) continue;
                if (!_agencyFacets.TryGetValue(a.AgencyId, out var values))
                {
                    IEnumerable<(int, string)> keys = site.FindAgency(a.AgencyId) is { } agency ? [(2, a.AgencyId), (3, agency.Sector)] : [(2, a.AgencyId)];
                    _agencyFacets[a.AgencyId] = values = Indexes(keys);
                }
                _facetScratch.AddRange(values);
            }
        }

        private int[] Indexes(IEnumerable<(int, string)> keys) =>
            keys.Select(k => facets.Index.TryGetValue(k, out var i) ? i : -1).Where(i => i >= 0).ToArray();

        private static int[] SortedDistinct(List<int> values)
        {
            values.Sort();
            var n = 0;
            for (var i = 0; i < values.Count; i++)
                if (n == 0 || values[i] != values[n - 1]) values[n++] = values[i];
            return values.GetRange(0, n).ToArray();
        }

        /// <summary>The words (ids) of an addressee's names: as written, its agency's name and aliases.</summary>
        private int[][] Names(Addressee a)
        {
            var key = AddresseeKey(a);
            if (!_addresseeNames.TryGetValue(key, out var names))
                _addresseeNames[key] = names = AddresseeNames(site, a).Select(Short).ToArray();
            return names;
        }

        private static string AddresseeKey(Addressee a) => a.AgencyId + "\n" + a.AsWritten;

        /// <summary>The words of a text that recurs (a title, a name): split once per build.</summary>
        private int[] Short(string text)
        {
            if (!_shortTexts.TryGetValue(text, out var words))
                _shortTexts[text] = words = Split(text, null);
            return words;
        }

        /// <summary>The words of a text as <see cref="SearchText.Tokens"/> splits it, as word ids (and capitals when asked).</summary>
        private int[] Split(string text, List<bool>? capitals)
        {
            _words.Clear();
            var folded = SearchText.Fold(text);
            // As SearchText.Tokens: a word's capital is read from the original where the lengths agree.
            var same = folded.Length == text.Length;
            var start = -1;
            var (previousStart, previousEnd) = (-1, -1);
            for (var i = 0; i <= folded.Length; i++)
            {
                var isWord = i < folded.Length && SearchText.IsWordChar(folded, i);
                if (isWord && start < 0) start = i;
                else if (!isWord && start >= 0)
                {
                    var adjacent = previousEnd >= 0 && folded.AsSpan(previousEnd, start - previousEnd).IsWhiteSpace();
                    var pseudonym = previousStart < 0 ? null
                        : SearchText.Pseudonym(folded.AsSpan(previousStart, previousEnd - previousStart), folded.AsSpan(start, i - start), adjacent);
                    if (pseudonym is not null || i - start > 1)
                    {
                        var id = pseudonym is not null ? lexicon.Word(pseudonym) : lexicon.Word(folded.AsSpan(start, Math.Min(i - start, SearchText.MaxWordLength)));
                        if (lexicon.WordStem[id] >= 0)
                        {
                            _words.Add(id);
                            capitals?.Add(same && char.IsUpper(text[start]));
                        }
                    }
                    (previousStart, previousEnd) = (start, i);
                    start = -1;
                }
            }
            return _words.ToArray();
        }

        /// <summary>
        /// <see cref="NameMentions"/> on word ids: the words inside a mention of any name of two words
        /// or more. NameMentions tries the longest name first at each word, but a shorter name matching
        /// at the same word marks a subset of the same words, so the union of all matches is the same.
        /// </summary>
        private static bool[] Named(int[] words, int[][][] names)
        {
            var named = new bool[words.Length];
            foreach (var addressee in names)
                foreach (var phrase in addressee)
                {
                    if (phrase.Length < 2) continue;
                    for (var i = 0; i + phrase.Length <= words.Length; i++)
                    {
                        if (words[i] != phrase[0]) continue;
                        var match = true;
                        for (var j = 1; j < phrase.Length && match; j++) match = words[i + j] == phrase[j];
                        if (match) Array.Fill(named, true, i, phrase.Length);
                    }
                }
            return named;
        }

        private bool[] Bodies(int[] words, List<bool> capitals) =>
            BodyMentions(words.Length, i => capitals[i], i => BodyNouns.Contains(lexicon.Words[words[i]]));

        /// <summary>
        /// The other half of every abbreviation of the review that the text uses: an "IRIS" in the text
        /// also indexes what IRIS stands for, and a written-out name also indexes its abbreviation.
        /// </summary>
        private string Abbreviations((int[] Abbr, int[] Meaning)[] abbreviations, int[] text, int[][][] names)
        {
            if (abbreviations.Length == 0) return "";
            _wordStampNow++;
            EnsureWords();
            foreach (var w in text) _wordStamp[w] = _wordStampNow;
            List<int>? extra = null;
            foreach (var (abbr, meaning) in abbreviations)
            {
                if (abbr.Length > 0 && abbr.All(w => _wordStamp[w] == _wordStampNow)) (extra ??= []).AddRange(meaning);
                else if (meaning.Length > 0 && Contains(text, meaning)) (extra ??= []).AddRange(abbr);
            }
            if (extra is null) return "";
            // Only words the recommendation does not already have count: an abbreviation that names an
            // addressee adds nothing to what the addressee's names already say.
            var known = new HashSet<int>(text);
            foreach (var addressee in names)
                foreach (var name in addressee) known.UnionWith(name);
            return string.Join(" ", extra.Where(known.Add).Select(w => lexicon.Words[w]));
        }

        private static bool Contains(int[] words, int[] phrase)
        {
            for (var i = 0; i + phrase.Length <= words.Length; i++)
            {
                var match = true;
                for (var j = 0; j < phrase.Length && match; j++) match = words[i + j] == phrase[j];
                if (match) return true;
            }
            return false;
        }

        private void EnsureWords()
        {
            if (_wordStamp.Length < lexicon.Words.Count) Array.Resize(ref _wordStamp, lexicon.Words.Count * 2);
        }

        private void EnsureStems()
        {
            var n = lexicon.Stems.Count;
            if (_termStamp.Length >= n) return;
            n *= 2;
            Array.Resize(ref _termStamp, n);
            Array.Resize(ref _termCount, n);
            Array.Resize(ref _bodyStamp, n);
            Array.Resize(ref _bodyCount, n);
            Array.Resize(ref _writtenStamp, n);
        }

        /// <summary>The stats of a field without name mentions (null when it has no words).</summary>
        private FieldStats? Field(string name, double weight, bool once, int[][] texts)
        {
            var stats = new List<FieldStats>(1);
            AddField(stats, name, weight, once, texts);
            return stats.Count == 0 ? null : stats[0];
        }

        /// <summary>
        /// Counts one field: texts indexed with one weight; when <paramref name="once"/>, each word
        /// counts once however many texts have it (an agency's name and aliases are one addressee, not
        /// many mentions). Words inside a mention of an addressee's name (<paramref name="named"/>)
        /// count towards the field's length but not as its terms (see <see cref="NameMentions"/>).
        /// </summary>
        private void AddField(List<FieldStats> stats, string name, double weight, bool once, int[][] texts, bool[]? named = null, bool[]? bodies = null)
        {
            EnsureStems();
            var s = ++_stamp;
            _terms.Clear(); _bodies.Clear(); _written.Clear(); _pairs.Clear();
            var length = 0;
            for (var t = 0; t < texts.Length; t++)
            {
                var previous = -1;
                var words = texts[t];
                for (var i = 0; i < words.Length; i++)
                {
                    lexicon.Use(words[i]);
                    var stem = lexicon.WordStem[words[i]];
                    if (_writtenStamp[stem] != s) { _writtenStamp[stem] = s; _written.Add(stem); }
                    // An addressee is as long as its name as written: its agency's other names make
                    // it findable by them, not a longer (so lower-scored) document.
                    if (!once || t == 0) length++;
                    if (named?[i] == true) { }                                   // in the "to" field already
                    else if (bodies?[i] == true)
                    {
                        if (_bodyStamp[stem] != s) { _bodyStamp[stem] = s; _bodyCount[stem] = 0; _bodies.Add(stem); }
                        _bodyCount[stem]++;
                    }
                    else if (_termStamp[stem] != s) { _termStamp[stem] = s; _termCount[stem] = 1; _terms.Add(stem); }
                    else if (!once) _termCount[stem]++;
                    if (previous >= 0)
                    {
                        var pair = lexicon.Pair(previous, stem);
                        if (pair >= _pairStamp.Length) Array.Resize(ref _pairStamp, Math.Max(1024, pair * 2));
                        if (_pairStamp[pair] != s) { _pairStamp[pair] = s; _pairs.Add(pair); }
                    }
                    previous = stem;
                }
            }
            if (_written.Count > 0)
                stats.Add(new FieldStats(name, weight, Counts(_terms, _termCount), _pairs.ToArray(), Math.Max(1, length),
                    name is "text" or "summary" ? _written.ToArray() : null));
            // Names of other bodies written in the text: the recommendation is found by them (a
            // posting of score 1) but they add nothing to what it is about (weight 0).
            if (_bodies.Count > 0)
            {
                var counts = Counts(_bodies, _bodyCount);
                stats.Add(new FieldStats(BodiesField, 0, counts, [], counts.Counts.Sum()));
            }
        }

        private static TermCounts Counts(List<int> ids, int[] count)
        {
            var result = new TermCounts(ids.ToArray(), new int[ids.Count]);
            for (var i = 0; i < ids.Count; i++) result.Counts[i] = count[ids[i]];
            return result;
        }
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
    internal static bool[] BodyMentions(IReadOnlyList<(string Word, bool Capital)> tokens) =>
        BodyMentions(tokens.Count, i => tokens[i].Capital, i => BodyNouns.Contains(tokens[i].Word));

    private static bool[] BodyMentions(int count, Func<int, bool> capital, Func<int, bool> bodyNoun)
    {
        var named = new bool[count];
        for (var i = 0; i < count;)
        {
            var j = i;
            while (j < count && capital(j)) j++;
            // The run is i..j-1; its name ends at the last body noun in it.
            for (var end = j - 1; end > i; end--)
                if (bodyNoun(end))
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
    internal static Dictionary<string, List<(int Doc, int Score)>> Postings(IReadOnlyList<Doc> docs, Func<FieldStats, TermCounts> termsOf)
    {
        if (docs.Count == 0) return new(StringComparer.Ordinal);
        var lexicon = docs[0].Lexicon;
        var n = lexicon.Stems.Count;
        // The lengths are whole numbers, so their sum (hence the average) does not depend on the order.
        var lengths = new Dictionary<string, (long Sum, int Count)>(StringComparer.Ordinal);
        foreach (var d in docs)
            foreach (var f in d.Fields)
            {
                var (sum, count) = lengths.GetValueOrDefault(f.Name);
                lengths[f.Name] = (sum + f.Length, count + 1);
            }
        var avg = lengths.ToDictionary(x => x.Key, x => (double)x.Value.Sum / x.Value.Count, StringComparer.Ordinal);
        var df = new int[n];
        var stamp = new int[n];
        Array.Fill(stamp, -1);
        foreach (var d in docs)
            foreach (var f in d.Fields)
                foreach (var t in termsOf(f).Ids)
                    if (stamp[t] != d.Id) { stamp[t] = d.Id; df[t]++; }
        var rank = lexicon.StemRanks();
        var tf = new double[n];
        var inText = new int[n];
        Array.Fill(stamp, -1);
        Array.Fill(inText, -1);
        var lists = new List<(int, int)>?[n];
        var order = new List<int>();
        var terms = new List<int>();
        var keys = new List<int>();
        foreach (var d in docs)
        {
            terms.Clear();
            foreach (var f in d.Fields)
            {
                // Only running text is normalised by length: a recommendation with three themes or
                // two addressees is not less about each of them.
                var b = f.Name is "text" or "summary" ? B : 0;
                var norm = 1 - b + b * f.Length / avg[f.Name];
                var (ids, counts) = termsOf(f);
                for (var i = 0; i < ids.Length; i++)
                {
                    var term = ids[i];
                    if (stamp[term] != d.Id) { stamp[term] = d.Id; tf[term] = 0; terms.Add(term); }
                    tf[term] = tf[term] + f.Weight * counts[i] / norm;
                }
                // Every word written in the running text, names included: a literal mention still wins a near-tie.
                if (f.Name is "text" or "summary")
                    foreach (var term in f.Written ?? ids) inText[term] = d.Id;
            }
            // In the ordinal order of the stems, as the postings were first made (the order of the keys).
            keys.Clear();
            foreach (var term in terms) keys.Add(rank[term]);
            var sorted = terms.ToArray();
            Array.Sort(keys.ToArray(), sorted);
            foreach (var term in sorted)
            {
                var x = tf[term];
                var idf = Math.Log(1 + (docs.Count - df[term] + 0.5) / (df[term] + 0.5));
                var score = (int)Math.Max(1, Math.Round(100 * idf * x * (K1 + 1) / (x + K1)));
                if (lists[term] is not { } list) { lists[term] = list = []; order.Add(term); }
                // The lowest bit says whether the running text has the term (the client's tie-break).
                list.Add((d.Id, score * 2 + (inText[term] == d.Id ? 1 : 0)));
            }
        }
        var postings = new Dictionary<string, List<(int, int)>>(order.Count, StringComparer.Ordinal);
        foreach (var term in order) postings.Add(lexicon.Stems[term], lists[term]!);
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
        if (docs.Count == 0) return new(StringComparer.Ordinal);
        var lexicon = docs[0].Lexicon;
        var n = lexicon.Pairs.Count;
        var df = new int[n];
        var stamp = new int[n];
        Array.Fill(stamp, -1);
        foreach (var d in docs)
            foreach (var f in d.Fields)
                foreach (var p in f.Pairs)
                    if (stamp[p] != d.Id) { stamp[p] = d.Id; df[p]++; }
        // "a b" sorts ordinally as (a, b) does: a space sorts before every character of a stem.
        var rank = lexicon.StemRanks();
        var stems = (long)lexicon.Stems.Count;
        var best = new double[n];
        Array.Fill(stamp, -1);
        var lists = new List<(int, int)>?[n];
        var order = new List<int>();
        var pairs = new List<int>();
        var keys = new List<long>();
        foreach (var d in docs)
        {
            pairs.Clear();
            foreach (var f in d.Fields)
                foreach (var p in f.Pairs)
                {
                    if (stamp[p] != d.Id) { stamp[p] = d.Id; best[p] = 0; pairs.Add(p); }
                    best[p] = best[p] + f.Weight;
                }
            keys.Clear();
            foreach (var p in pairs) keys.Add(rank[lexicon.Pairs[p].First] * stems + rank[lexicon.Pairs[p].Second]);
            var sorted = pairs.ToArray();
            Array.Sort(keys.ToArray(), sorted);
            foreach (var pair in sorted)
            {
                var weight = best[pair];
                var idf = Math.Log(1 + (docs.Count - df[pair] + 0.5) / (df[pair] + 0.5));
                var score = (int)Math.Max(1, Math.Round(100 * PairWeight * idf * weight));
                if (lists[pair] is not { } list) { lists[pair] = list = []; order.Add(pair); }
                list.Add((d.Id, score));
            }
        }
        var postings = new Dictionary<string, List<(int, int)>>(order.Count, StringComparer.Ordinal);
        foreach (var pair in order) postings.Add(lexicon.Stems[lexicon.Pairs[pair].First] + " " + lexicon.Stems[lexicon.Pairs[pair].Second], lists[pair]!);
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
