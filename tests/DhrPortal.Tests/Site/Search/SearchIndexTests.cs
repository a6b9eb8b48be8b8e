using DhrPortal.TestSupport;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using DhrPortal.Content;
using DhrPortal.Generation;
using DhrPortal.Site;
using DhrPortal.Site.Search;
using DhrPortal.Tests.Site.Build;
using DhrPortal.Text;
using DhrPortal.Validation;

namespace DhrPortal.Tests.Site.Search;

/// <summary>The search index (docs/search.md): what the client can find from the files alone.</summary>
public sealed class SearchIndexTests
{
    private static readonly Lazy<Index> RealIndex = new(() => new Index(SearchIndexBuilder.Build(SiteIndex.Create(TestSites.Real.Model))));

    /// <summary>The files of an index, read as the client reads them (gunzipped, deserialised to the same records).</summary>
    private sealed class Index(IReadOnlyList<SearchIndexFile> files)
    {
        public IReadOnlyList<SearchIndexFile> Files { get; } = files;
        public SearchEntry Entry { get; } = Read<SearchEntry>(files.Single(f => f.Url == UrlScheme.SearchIndexEntry).Bytes);

        public byte[] Bytes(string name) => Gunzip(Files.Single(f => f.Url == UrlScheme.SearchIndexFile(name)).Bytes);
        public T File<T>(string name) => Read<T>(Bytes(name));

        /// <summary>The chunk holding an exact word, stem or typo key.</summary>
        public SearchWordChunk Words(string word) => File<SearchWordChunk>(Chunk(Entry.Words, word));
        public SearchTable Table => File<SearchTable>(Entry.Table);

        /// <summary>The forms a prefix matches, from every chunk the client reads for it (chunksOf in search.js).</summary>
        public List<string> FormsStarting(string prefix)
        {
            var at = Entry.Words.Select((r, i) => (r, i)).Last(x => string.CompareOrdinal(x.r.From, prefix) <= 0).i;
            var names = new List<string> { Entry.Words[at].File };
            if (prefix.Length >= Entry.ChunkKey)
                names.AddRange(Entry.Words.Skip(at + 1).TakeWhile(r => r.From.StartsWith(prefix, StringComparison.Ordinal)).Select(r => r.File));
            return names.SelectMany(n => File<SearchWordChunk>(n).Forms).Select(f => f[0]).Where(f => f.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        }

        public string? StemOf(string form) => Words(form).Forms.SingleOrDefault(f => f[0] == form)?[1];
        public SearchStem Stem(string stem) => Words(stem).Stems.Single(s => s.Stem == stem);
        public IEnumerable<SearchStem> Stems => Entry.Words.SelectMany(w => File<SearchWordChunk>(w.File).Stems);

        public SearchResultText Text(int doc) =>
            File<SearchResultText[]>($"t.{Entry.Texts}.{doc / Entry.TextChunk}.json.gz")[doc % Entry.TextChunk];

        /// <summary>Each document's facet values, rebuilt from the facet table as the client does (implied values added).</summary>
        public List<(bool Rec, int Review, HashSet<int> Values)> Documents()
        {
            var up = Entry.Up;
            HashSet<int> Imply(IEnumerable<int> vs) => vs.SelectMany(v => up[v] >= 0 ? new[] { v, up[v] } : [v]).ToHashSet();
            var docs = new List<(bool, int, HashSet<int>)>();
            var own = 0;
            var table = Table;
            var ownValues = Enumerable.Range(0, Entry.Recommendations).Select(_ => new List<int>()).ToArray();
            for (var v = 0; v < table.Values.Count; v++)
            {
                var rec = -1;
                foreach (var gap in table.Values[v]) ownValues[rec += gap + 1].Add(v);
            }
            for (var r = 0; r < table.Reviews.Count; r++)
            {
                var shared = table.Reviews[r].Skip(1).ToArray();
                var first = docs.Count;
                var all = Imply(shared);
                docs.Add((false, r, all));
                for (var i = 0; i < Entry.ReviewRecs[r]; i++)
                {
                    var values = Imply(shared.Concat(ownValues[own++]));
                    all.UnionWith(values);
                    docs.Add((true, r, values));
                }
            }
            return docs;
        }

        public static string Chunk(IReadOnlyList<SearchChunkRef> refs, string key) => refs.Last(r => string.CompareOrdinal(r.From, key) <= 0).File;

        /// <summary>A stem's postings: in its chunk, or in its own file for a large stem.</summary>
        public List<(int Doc, int Score)> Postings(SearchStem s)
        {
            var p = s.File is null ? s.Postings! : File<SearchPostings>(s.File).Postings;
            var list = new List<(int, int)>();
            for (int i = 0, d = 0; i < p.Length; i += 2) list.Add((d += p[i], p[i + 1]));
            return list;
        }
    }

    private static readonly JsonSerializerOptions CamelCase = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static T Read<T>(byte[] bytes) => JsonSerializer.Deserialize<T>(bytes, CamelCase)!;

    private static byte[] Gunzip(byte[] bytes)
    {
        using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    // ---------------------------------------------------------------------------------------------
    // Tokenising and stemming

    [Fact]
    public void Text_is_folded_split_on_non_letters_and_loses_stop_words_and_single_letters()
    {
        Assert.Equal(["cafe", "victim", "multi", "agency", "risk", "2016"], SearchText.Words("The Café: a victim’s multi-agency risk (2016)"));
    }

    [Fact]
    public void A_pseudonyms_letter_is_joined_to_its_word_and_an_ampersand_between_letters_joins_them()
    {
        Assert.Equal(["adult", "adultb", "child", "childa", "a&e", "gp"], SearchText.Words("Adult B with Child A to A&E and the GP"));
        // Only a letter right after the word, with spaces between: other single letters still go.
        Assert.Equal(["adult", "adults", "police"], SearchText.Words("adult, b; adults a & e police"));
    }

    [Fact]
    public void A_pseudonym_is_one_term_posting_the_recommendations_that_name_it_and_A_and_E_and_GP_are_terms()
    {
        var index = new Index(SearchIndexBuilder.Build(SiteIndex.Create(Generated(120))));
        // The generated reports name people "Adult A" to "Adult Z"; a summary's snippet is its beginning.
        var naming = Enumerable.Range(0, index.Entry.Documents)
            .Select(d => (Doc: d, Match: System.Text.RegularExpressions.Regex.Match(index.Text(d).Text, @"\bAdult ([A-Z])\b")))
            .Where(x => x.Match.Success).ToList();
        Assert.NotEmpty(naming);
        var letter = naming[0].Match.Groups[1].Value;
        var posted = index.Postings(index.Stem(index.StemOf("adult" + letter.ToLowerInvariant())!)).Select(p => p.Doc).ToHashSet();
        Assert.All(naming.Where(x => x.Match.Groups[1].Value == letter), x => Assert.Contains(x.Doc, posted));
        Assert.True(posted.Count < index.Stem(index.StemOf("adult")!).Documents / 4, "the pseudonym is not every adult");
        Assert.NotNull(RealIndex.Value.StemOf("gp"));
        Assert.Equal(["a&e"], SearchText.Words("A&E"));
    }

    [Theory]
    [InlineData("recommendations", "recommend")]
    [InlineData("safeguarding", "safeguard")]
    [InlineData("cancelled", "cancel")]
    [InlineData("cancellation", "cancel")]
    [InlineData("agencies", "agenc")]
    public void Words_are_stemmed_with_the_Snowball_English_stemmer(string word, string stem) =>
        Assert.Equal(stem, SearchText.Stem(word));

    [Theory]
    [InlineData("safegaurding", "safeguarding", true)]   // two neighbouring letters swapped
    [InlineData("phramacy", "pharmacy", true)]
    [InlineData("coersive", "coercive", true)]           // one letter replaced
    [InlineData("carers", "carer", true)]                // one letter more
    [InlineData("dementa", "dementia", true)]            // one letter less
    [InlineData("safgaurding", "safeguarding", false)]   // two edits
    [InlineData("police", "policies", false)]
    public void Words_one_edit_apart_count_a_swap_as_one_edit(string a, string b, bool expected)
    {
        Assert.Equal(expected, SearchText.WithinOneEdit(a, b));
        Assert.Equal(expected, SearchText.WithinOneEdit(b, a));
    }

    // ---------------------------------------------------------------------------------------------
    // What the shards resolve at build time


    [Fact]
    public void A_word_longer_than_any_real_one_is_cut_so_what_the_index_derives_from_it_stays_bounded()
    {
        var word = new string('x', 100_000);
        Assert.Equal([new string('x', SearchText.MaxWordLength)], SearchText.Words("a " + word + " b"));
    }

    [Fact]
    public void A_word_form_maps_to_its_stem_in_the_chunk_of_its_first_three_letters()
    {
        var index = RealIndex.Value;
        Assert.Equal("recommend", index.StemOf("recommendations"));
        Assert.Equal("safeguard", index.StemOf("safeguarding"));
        Assert.Equal("marac", index.StemOf("marac"));
        Assert.Equal("marac", index.StemOf("maracs"));
        Assert.NotEmpty(index.Postings(index.Stem("safeguard")));
    }

    [Fact]
    public void Forms_the_content_does_not_use_still_find_their_stem()
    {
        // The content has "cancellation", not "cancelled"; both stem to "cancel".
        var index = RealIndex.Value;
        Assert.DoesNotContain("cancelled", TestSites.Real.Model.Reviews.SelectMany(r => r.Recommendations).SelectMany(r => SearchText.Words(r.Text)));
        Assert.Equal("cancel", index.StemOf("cancelled"));
        Assert.Equal("cancel", index.StemOf("cancellation"));
    }

    [Fact]
    public void A_prefix_finds_every_word_that_starts_with_it()
    {
        var index = RealIndex.Value;
        var forms = index.FormsStarting("safeg");
        Assert.Contains("safeguarding", forms);
        var inContent = TestSites.Real.Model.Reviews.SelectMany(r => r.Recommendations).SelectMany(r => SearchText.Words(r.Text))
            .Where(w => w.StartsWith("safeg", StringComparison.Ordinal)).Distinct();
        Assert.All(inContent, w => Assert.Contains(w, forms));
    }

    [Fact]
    public void A_key_too_large_for_one_chunk_is_split_and_its_words_and_stems_are_still_found()
    {
        var index = new Index(SearchIndexBuilder.Build(SiteIndex.Create(Generated(SplitReviews))));
        var refs = index.Entry.Words;
        // A "from" longer than a key is a boundary inside a key.
        var splitAt = refs.Select((r, i) => (r, i)).First(x => x.r.From.Length > index.Entry.ChunkKey).i;
        var key = refs[splitAt].From[..index.Entry.ChunkKey];
        var before = index.File<SearchWordChunk>(refs[splitAt - 1].File).Forms.Select(f => f[0]).Where(f => f.StartsWith(key, StringComparison.Ordinal)).ToList();
        var after = index.File<SearchWordChunk>(refs[splitAt].File).Forms.Select(f => f[0]).Where(f => f.StartsWith(key, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(before);
        Assert.NotEmpty(after);
        // Typing the key finds the words of both chunks.
        var typed = index.FormsStarting(key);
        Assert.Superset(before.Concat(after).ToHashSet(), typed.ToHashSet());
        // Every form, looked up as an exact word, is in the one chunk the client reads, and names a
        // stem found in the one chunk of the stem, also when that is another chunk than the form's.
        var across = 0;
        foreach (var r in refs)
            foreach (var form in index.File<SearchWordChunk>(r.File).Forms)
            {
                Assert.Equal(form[1], index.StemOf(form[0]));
                Assert.Equal(form[1], index.Stem(form[1]).Stem);
                if (Index.Chunk(refs, form[0]) != Index.Chunk(refs, form[1])) across++;
            }
        Assert.True(across > 0, "some form's stem is in another chunk");
    }

    /// <summary>Generated reviews enough for the largest key ("con") to overflow a word chunk.</summary>
    private const int SplitReviews = 600;

    [Theory]
    [InlineData("safegaurding", "safeguarding")] // swap
    [InlineData("phramacy", "pharmacy")]         // swap
    [InlineData("coersive", "coercive")]         // substitution
    [InlineData("dementa", "dementia")]          // deletion
    public void A_word_one_edit_away_is_found_through_the_typo_chunks(string typed, string meant)
    {
        var index = RealIndex.Value;
        Assert.InRange(typed.Length, index.Entry.TypoMin, index.Entry.TypoMax);
        // What the client does: look up the word and each deletion of it, each in its chunk.
        var keys = new HashSet<string>(StringComparer.Ordinal) { typed };
        keys.UnionWith(SearchText.Deletes(typed));
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
            foreach (var entry in index.Words(key).Typos)
                if (keys.Contains(entry[0]))
                    candidates.UnionWith(entry.Skip(1).Where(w => SearchText.WithinOneEdit(typed, w)));
        Assert.Contains(meant, candidates);
    }

    // ---------------------------------------------------------------------------------------------
    // Ranking

    [Fact]
    public void Words_inside_a_mention_of_a_name_of_two_words_or_more_are_marked_and_one_word_names_are_not()
    {
        var words = SearchText.Words("LA Adults Safeguarding Board to ensure safeguarding training; police to attend").ToList();
        var named = SearchIndexBuilder.NameMentions(words, ["LA Adults Safeguarding Board", "Police"]);
        Assert.Equal(["la", "adults", "safeguarding", "board"], words.Where((_, i) => named[i]));
        Assert.False(named[words.IndexOf("police")]);
        Assert.False(named[words.LastIndexOf("safeguarding")]);
    }

    [Fact]
    public void A_capitalised_name_ending_in_a_word_for_a_body_is_a_body_and_other_capitalised_names_are_not()
    {
        var tokens = SearchText.Tokens("The expertise of the Safeguarding Adults Team on the LA Safeguarding Adults Protocol").ToList();
        var bodies = SearchIndexBuilder.BodyMentions(tokens);
        Assert.Equal(["safeguarding", "adults", "team"], tokens.Where((_, i) => bodies[i]).Select(t => t.Word));
    }


    [Fact]
    public void A_body_named_only_in_the_text_still_finds_the_recommendation()
    {
        // havering-2022 LA 4 names the "Safeguarding Adults Team"; "team" appears nowhere else in it.
        Assert.Contains("havering-2022#r4-la", Scores(RealIndex.Value, SearchText.Stem("team")).Keys);
    }

    /// <summary>The single-word score of <paramref name="stem"/> for each recommendation (review id '#' anchor), from the files as the client reads them.</summary>
    private static Dictionary<string, int> Scores(Index index, string stem)
    {
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (doc, score) in index.Postings(index.Stem(stem)))
        {
            var m = System.Text.RegularExpressions.Regex.Match(index.Text(doc).Url, "^/reviews/([^/]+)/#(.+)$");
            if (m.Success) scores[m.Groups[1].Value + "#" + m.Groups[2].Value] = score >> 1;
        }
        return scores;
    }

    [Fact]
    public void A_recommendation_about_safeguarding_outranks_those_that_only_name_a_safeguarding_board_as_their_addressee()
    {
        // havering-2022 r1 (homecare provider) asks for an adult safeguarding policy; r3 and r4 are
        // addressed to the "Adults Safeguarding Board" and open their text with its name.
        var scores = Scores(RealIndex.Value, SearchText.Stem("safeguarding"));
        var about = scores["havering-2022#r1-homecare-provider"];
        Assert.True(about > scores["havering-2022#r3-local-authority-adults-safeguarding-boar"], string.Join(", ", scores));
        Assert.True(about > scores["havering-2022#r4-la"], string.Join(", ", scores));
    }

    [Fact]
    public void The_golden_ordering_cases_hold_for_the_build_and_use_the_ranking_constants_the_entry_file_gives_the_client()
    {
        // The rule is applied by the client (theme/assets/search.js, order), whose tests (tests/js) run
        // every case of the golden file; the constants it depends on come from the build, here.
        using var golden = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "Shared", "search-order.json")));
        var ranking = Read<SearchRanking>(System.Text.Encoding.UTF8.GetBytes(golden.RootElement.GetProperty("ranking").GetRawText()));
        Assert.Equal(SearchIndexBuilder.Ranking, ranking);
        Assert.Equal(SearchIndexBuilder.Ranking, RealIndex.Value.Entry.Ranking);
        var cases = golden.RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.True(cases.Count >= 8);
        // The build ranks a large stem's first page with the same rule.
        foreach (var c in cases)
        {
            var results = c.GetProperty("results").EnumerateArray().Select(r => (r[1].GetInt32(), (long)r[0].GetInt32(), r[2].GetInt32()));
            Assert.Equal(c.GetProperty("expected").EnumerateArray().Select(e => e.GetInt32()), SearchIndexBuilder.Ranked(results, int.MaxValue).Select(r => r.Doc));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Facets: once per document

    [Fact]
    public void The_facet_table_gives_every_recommendation_its_facet_values_and_the_text_file_its_url()
    {
        var (model, _) = TestSites.Real;
        var index = RealIndex.Value;
        var values = index.Entry.Facets.SelectMany(f => f.Values.Select(v => (f.Key, Id: v[0]))).ToList();
        var recs = model.Reviews.SelectMany(r => r.Recommendations.Select(x => (Url: UrlScheme.Recommendation(r, x), Review: r, Rec: x)))
            .ToDictionary(x => x.Url, StringComparer.Ordinal);
        var docs = index.Documents();
        Assert.Equal(index.Entry.Documents, docs.Count);
        Assert.Equal(recs.Count, docs.Count(d => d.Rec));
        for (var d = 0; d < docs.Count; d++)
        {
            var text = index.Text(d);
            Assert.Equal(docs[d].Rec ? 1 : 0, text.Kind);
            if (!docs[d].Rec) continue;
            var (_, review, rec) = recs[text.Url];
            Assert.Equal(ExpectedFacets.Of(model, review, rec).Order(), docs[d].Values.Select(v => values[v]).Order());
        }
    }

    [Fact]
    public void Each_stems_facet_counts_are_those_of_its_recommendations_in_the_facet_table()
    {
        // A one-word query shows a stem's counts from its chunk; they must be what the client would count.
        var index = new Index(SearchIndexBuilder.Build(SiteIndex.Create(Generated(120))));
        var docs = index.Documents();
        var (stems, large) = (0, 0);
        foreach (var stem in index.Stems)
        {
            var postings = index.Postings(stem);
            Assert.Equal(postings.Count, stem.Documents);
            if (stem.File is not null)
            {
                // A large stem's first page, in the chunk, is the ranking of all its postings.
                Assert.True(stem.Documents > index.Entry.LargeStem);
                var all = SearchIndexBuilder.Ranked(postings.Select(p => (p.Doc, (long)(p.Score >> 1) * index.Entry.Ranking.Exact, p.Score & 1)), int.MaxValue);
                Assert.Equal(all.Take(index.Entry.Page).SelectMany(t => new[] { t.Doc, (int)t.Score, t.InText }), stem.Top);
                large++;
            }
            var posted = postings.Select(p => p.Doc).Where(d => docs[d].Rec).ToList();
            Assert.Equal(posted.Count, stem.Recs);
            var counts = posted.SelectMany(d => docs[d].Values).GroupBy(v => v).OrderBy(g => g.Key).SelectMany(g => new[] { g.Key, g.Count() });
            Assert.Equal(counts, stem.Counts);
            stems++;
        }
        Assert.True(stems > 500);
        Assert.True(large > 2, $"only {large} large stems");
        // Browsing with no words: the entry's totals.
        var totals = docs.Where(d => d.Rec).SelectMany(d => d.Values).GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(0, index.Entry.Totals.Count).Select(v => totals.GetValueOrDefault(v)), index.Entry.Totals);
    }

    [Fact]
    public void The_facet_table_ranks_reviews_newest_first()
    {
        var model = Generated(40);
        var site = SiteIndex.Create(model);
        var index = new Index(SearchIndexBuilder.Build(site));
        var byId = model.Reviews.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var ranks = index.Table.Reviews.Select(r => r[0]).ToList();
        Assert.Equal(site.ReviewsByPublication.Select(r => r.Id), ranks.Select((rank, i) => (rank, i)).OrderBy(x => x.rank).Select(x => byId[x.i].Id));
    }

    // ---------------------------------------------------------------------------------------------
    // Files

    [Fact]
    public void The_same_content_builds_the_same_bytes_and_every_name_but_the_entry_is_a_hash()
    {
        var a = SearchIndexBuilder.Build(SiteIndex.Create(TestSites.Real.Model));
        var b = SearchIndexBuilder.Build(SiteIndex.Create(TestSites.Real.Model));
        Assert.Equal(a.Select(f => f.Url), b.Select(f => f.Url));
        Assert.All(a.Zip(b), x => Assert.Equal(x.First.Bytes, x.Second.Bytes));
        Assert.Equal(UrlScheme.SearchIndexEntry, a[0].Url);
        var names = a.Skip(1).Select(f => (Name: f.Url[UrlScheme.SearchIndexFiles.Length..], f.Bytes)).ToList();
        Assert.All(a.Skip(1), f => Assert.StartsWith(UrlScheme.SearchIndexFiles, f.Url, StringComparison.Ordinal));
        string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        // A single file is named by the hash of its bytes; the text files by one hash of them all.
        Assert.All(names.Where(n => n.Name[0] != 't'), n => Assert.Equal(n.Name.Split('.')[1], Hash(n.Bytes)));
        Assert.Single(names.Where(n => n.Name[0] == 't').Select(n => n.Name.Split('.')[1]).Distinct());
        // At most five kinds: the entry, the facet table, word chunks, large stems' postings and texts.
        // (The four real reviews have no stem large enough for a postings file.)
        Assert.Equal(["f", "t", "w"], names.Select(n => n.Name[..1]).Distinct().Order(StringComparer.Ordinal));
        var generated = SearchIndexBuilder.Build(SiteIndex.Create(Generated(120))).Skip(1).Select(f => f.Url[UrlScheme.SearchIndexFiles.Length..][..1]);
        Assert.Equal(["f", "p", "t", "w"], generated.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_file_the_entry_names_exists_and_nothing_else_is_written()
    {
        var index = RealIndex.Value;
        var e = index.Entry;
        var named = new List<string> { e.Table };
        named.AddRange(e.Words.Select(w => w.File));
        named.AddRange(index.Stems.Select(s => s.File).OfType<string>());
        named.AddRange(Enumerable.Range(0, (e.Documents + e.TextChunk - 1) / e.TextChunk).Select(k => $"t.{e.Texts}.{k}.json.gz"));
        Assert.Equal(named.Select(UrlScheme.SearchIndexFile).Order(StringComparer.Ordinal), index.Files.Skip(1).Select(f => f.Url).Order(StringComparer.Ordinal));
        Assert.Equal("", e.Words[0].From);
        // Every stem a form names is in the chunk whose range holds the stem.
        foreach (var w in e.Words)
            foreach (var form in index.File<SearchWordChunk>(w.File).Forms)
                Assert.Equal(form[1], index.Stem(form[1]).Stem);
    }

    [Fact]
    public void The_index_of_the_four_real_reviews_is_a_handful_of_files()
    {
        Assert.InRange(RealIndex.Value.Files.Count, 4, 20);
    }

    private static readonly CheckOptions GeneratedOptions = new()
    {
        Today = CorpusGenerator.LatestDay,
    };

    private static ContentModel Generated(int reviews) =>
        ContentChecker.Check(CorpusGenerator.Generate(reviews, 7), GeneratedOptions).Model ?? throw new InvalidOperationException("The generated corpus does not check.");
}
