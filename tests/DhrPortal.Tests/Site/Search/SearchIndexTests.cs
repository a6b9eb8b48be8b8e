using DhrPortal.TestSupport;
using System.Globalization;
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

/// <summary>The sharded search index (docs/search.md): what the client can find from the files alone.</summary>
public sealed class SearchIndexTests
{
    private static readonly Lazy<SearchIndexFiles> RealIndex = new(() => SearchIndexBuilder.Build(TestSites.Real.Model));

    private static JsonElement Json(SearchIndexFiles index, string name) =>
        JsonDocument.Parse(index.Files.Single(f => f.Url == UrlScheme.SearchIndexFile(name)).Bytes).RootElement;

    private static JsonElement Manifest(SearchIndexFiles index) =>
        JsonDocument.Parse(index.Files.Single(f => f.Url == index.ManifestUrl).Bytes).RootElement;

    /// <summary>The shard a client loads for a typed word, or null when no word starts like it.</summary>
    private static JsonElement? Shard(SearchIndexFiles index, string word) =>
        Manifest(index).GetProperty("w").TryGetProperty(SearchText.ShardKey(word), out var file) ? Json(index, file.GetString()!) : null;

    /// <summary>The stem a word form maps to in its shard, as the client finds it (no stemmer).</summary>
    private static string? StemOf(SearchIndexFiles index, string form)
    {
        if (Shard(index, form) is not { } shard) return null;
        foreach (var w in shard.GetProperty("w").EnumerateArray())
            if (w[0].GetString() == form) return shard.GetProperty("s")[w[1].GetInt32()][0].GetString();
        return null;
    }

    /// <summary>The forms-shard entry of a stem: [stem, documents, hash, flags].</summary>
    private static JsonElement StemEntry(SearchIndexFiles index, string stem)
    {
        foreach (var file in Manifest(index).GetProperty("w").EnumerateObject())
            foreach (var s in Json(index, file.Value.GetString()!).GetProperty("s").EnumerateArray())
                if (s[0].GetString() == stem) return s;
        throw new InvalidOperationException($"No stem {stem}.");
    }

    /// <summary>Every stem entry of every forms shard.</summary>
    private static IEnumerable<JsonElement> StemEntries(SearchIndexFiles index) =>
        Manifest(index).GetProperty("w").EnumerateObject().SelectMany(f => Json(index, f.Value.GetString()!).GetProperty("s").EnumerateArray())
            .DistinctBy(s => s[0].GetString());

    /// <summary>A stem's <paramref name="kind"/> part (p, f or b) as the client finds it: its own file when flagged, else in the head.</summary>
    private static JsonElement? Part(SearchIndexFiles index, JsonElement entry, string kind)
    {
        var hash = entry[2].GetString()!;
        var flag = kind == "b" ? 2 : 1;
        if ((entry[3].GetInt32() & flag) != 0) return Json(index, $"{kind}.{hash}.json");
        return Json(index, $"h.{hash}.json").TryGetProperty(kind, out var e) ? e : null;
    }

    /// <summary>A stem's files read as the client reads them: postings, and per posting [doc, text file, kind, facet values (implied ones added)].</summary>
    private sealed record Decoded(List<(int Doc, int Score)> Postings, List<(int Doc, string File, int Kind, int[] Facets)> Rows);

    private static Decoded Decode(SearchIndexFiles index, JsonElement entry)
    {
        var manifest = Manifest(index);
        var up = new Dictionary<int, int>();
        var u = manifest.GetProperty("up").EnumerateArray().Select(e => e.GetInt32()).ToList();
        for (var i = 0; i < u.Count; i += 2) up[u[i]] = u[i + 1];
        var chunk = manifest.GetProperty("chunk").GetInt32();
        var p = Part(index, entry, "p")!.Value.EnumerateArray().Select(e => e.GetInt32()).ToList();
        var postings = new List<(int, int)>();
        for (int i = 0, doc = 0; i < p.Count; i += 2) postings.Add((doc += p[i], p[i + 1]));
        var f = Part(index, entry, "f")!.Value;
        var groups = f.GetProperty("g").EnumerateArray().Select(g => (First: g[0].GetInt32(), Shared: g.EnumerateArray().Skip(1).Select(v => v.GetInt32()).ToArray())).ToList();
        var textHash = manifest.GetProperty("x").GetString()!;
        var rows = new List<(int, string, int, int[])>();
        var k = 0;
        foreach (var r in f.GetProperty("d").EnumerateArray())
        {
            var doc = postings[k++].Item1;
            var g = groups.Last(x => x.First <= doc);
            var values = r.EnumerateArray().Select(v => v.GetInt32()).Concat(g.Shared).ToList();
            values.AddRange(values.Where(up.ContainsKey).Select(v => up[v]).ToList());
            rows.Add((doc, $"x.{textHash}.{doc / chunk}.json", doc == g.First ? 0 : 1, values.Distinct().Order().ToArray()));
        }
        return new Decoded(postings, rows);
    }

    // ---------------------------------------------------------------------------------------------
    // Tokenising and stemming

    [Fact]
    public void Text_is_folded_split_on_non_letters_and_loses_stop_words_and_single_letters()
    {
        Assert.Equal(["cafe", "victim", "multi", "agency", "risk", "2016"], SearchText.Words("The Café: a victim’s multi-agency risk (2016)"));
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
    public void A_word_form_maps_to_its_stem_in_the_shard_of_its_first_two_letters()
    {
        var index = RealIndex.Value;
        Assert.Equal("recommend", StemOf(index, "recommendations"));
        Assert.Equal("safeguard", StemOf(index, "safeguarding"));
        Assert.Equal("marac", StemOf(index, "marac"));
        Assert.Equal("marac", StemOf(index, "maracs"));
    }

    [Fact]
    public void Forms_the_content_does_not_use_still_find_their_stem()
    {
        // The content has "cancellation", not "cancelled"; both stem to "cancel".
        var index = RealIndex.Value;
        Assert.DoesNotContain("cancelled", TestSites.Real.Model.Reviews.SelectMany(r => r.Recommendations).SelectMany(r => SearchText.Words(r.Text)));
        Assert.Equal("cancel", StemOf(index, "cancelled"));
        Assert.Equal("cancel", StemOf(index, "cancellation"));
    }

    [Fact]
    public void A_prefix_finds_every_word_that_starts_with_it_in_one_shard()
    {
        var index = RealIndex.Value;
        var shard = Shard(index, "safeg")!.Value;
        var forms = shard.GetProperty("w").EnumerateArray().Select(w => w[0].GetString()!).Where(f => f.StartsWith("safeg", StringComparison.Ordinal)).ToList();
        Assert.Contains("safeguarding", forms);
        var inContent = TestSites.Real.Model.Reviews.SelectMany(r => r.Recommendations).SelectMany(r => SearchText.Words(r.Text))
            .Where(w => w.StartsWith("safeg", StringComparison.Ordinal)).Distinct();
        Assert.All(inContent, w => Assert.Contains(w, forms));
        Assert.Null(Shard(index, "zq"));
    }

    [Theory]
    [InlineData("safegaurding", "safeguarding")] // swap
    [InlineData("phramacy", "pharmacy")]         // swap
    [InlineData("coersive", "coercive")]         // substitution
    [InlineData("dementa", "dementia")]          // deletion
    public void A_word_one_edit_away_is_found_through_the_deletion_shards(string typed, string meant)
    {
        var index = RealIndex.Value;
        var manifest = Manifest(index);
        Assert.True(typed.Length >= manifest.GetProperty("typo").GetInt32());
        // What the client does: look up the word and each deletion of it, in the shards of their prefixes.
        var keys = new HashSet<string>(StringComparer.Ordinal) { typed };
        keys.UnionWith(SearchText.Deletes(typed));
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var shardKey in keys.Select(SearchText.ShardKey).Distinct())
        {
            if (!manifest.GetProperty("t").TryGetProperty(shardKey, out var file)) continue;
            foreach (var entry in Json(index, file.GetString()!).GetProperty("k").EnumerateArray())
                if (keys.Contains(entry[0].GetString()!))
                    candidates.UnionWith(entry[1].EnumerateArray().Select(w => w.GetString()!).Where(w => SearchText.WithinOneEdit(typed, w)));
        }
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
        var scores = Scores(RealIndex.Value, SearchText.Stem("team"));
        Assert.Contains("havering-2022#r4-la", scores.Keys);
    }

    /// <summary>The single-word score of <paramref name="stem"/> for each recommendation (review id '#' anchor), from the files as the client reads them.</summary>
    private static Dictionary<string, int> Scores(SearchIndexFiles index, string stem)
    {
        var stemData = Decode(index, StemEntry(index, stem));
        var urls = stemData.Rows.Select(r => r.File).Distinct().SelectMany(f => Json(index, f).EnumerateArray())
            .ToDictionary(d => d[0].GetInt32(), d => d[2].GetString()!);
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (doc, score) in stemData.Postings)
        {
            var m = System.Text.RegularExpressions.Regex.Match(urls[doc], "^/reviews/([^/]+)/#(.+)$");
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

    // ---------------------------------------------------------------------------------------------
    // Facets travel with the postings

    [Fact]
    public void Every_stem_carries_the_facet_values_and_text_file_of_each_document_it_posts()
    {
        var (model, _) = TestSites.Real;
        var index = RealIndex.Value;
        var manifest = Manifest(index);
        var values = manifest.GetProperty("facets").EnumerateArray()
            .SelectMany(f => f[2].EnumerateArray().Select(v => (Facet: f[0].GetString()!, Id: v[0].GetString()!))).ToList();
        var recs = model.Reviews.SelectMany(r => r.Recommendations.Select(x => (Url: UrlScheme.Recommendation(r, x), Review: r, Rec: x)))
            .ToDictionary(x => x.Url, StringComparer.Ordinal);

        var checkedRows = 0;
        foreach (var entry in StemEntries(index))
        {
            var stem = Decode(index, entry);
            Assert.Equal(entry[1].GetInt32(), stem.Postings.Count);
            Assert.Equal(stem.Postings.Select(p => p.Doc), stem.Rows.Select(r => r.Doc));
            foreach (var row in stem.Rows)
            {
                var text = Json(index, row.File).EnumerateArray().Single(d => d[0].GetInt32() == row.Doc);
                Assert.Equal(text[1].GetInt32(), row.Kind);
                if (row.Kind != 1) continue; // a review summary
                var (_, review, rec) = recs[text[2].GetString()!];
                var stemValues = row.Facets.Select(v => values[v]).ToHashSet();
                Assert.Equal(ExpectedFacets.Of(model, review, rec).Order(), stemValues.Select(v => (v.Facet, v.Id)).Order());
                checkedRows++;
            }
        }
        Assert.True(checkedRows > model.Reviews.Sum(r => r.Recommendations.Count));
    }

    [Fact]
    public void A_stems_head_holds_the_first_page_in_the_clients_order_and_the_facet_counts_of_all_its_recommendations()
    {
        // What the client shows for a one-word query from the head file alone must be what it would
        // compute from the postings: checked for every stem of a generated corpus (large stems too).
        var index = SearchIndexBuilder.Build(Generated(120));
        var page = Manifest(index).GetProperty("page").GetInt32();
        var large = 0;
        foreach (var entry in StemEntries(index))
        {
            var stem = Decode(index, entry);
            var head = Json(index, $"h.{entry[2].GetString()}.json");
            var top = head.GetProperty("top").EnumerateArray().Select(e => e.GetInt32()).Chunk(2).Select(x => (x[0], x[1])).ToList();
            Assert.Equal(ClientOrder(stem.Postings).Take(page), top);
            Assert.Equal(top.Select(t => t.Item1), head.GetProperty("d").EnumerateArray().Select(d => d[0].GetInt32()));
            var counts = stem.Rows.Where(r => r.Kind == 1).SelectMany(r => r.Facets).GroupBy(v => v).OrderBy(g => g.Key).SelectMany(g => new[] { g.Key, g.Count() });
            Assert.Equal(counts, head.GetProperty("c").EnumerateArray().Select(e => e.GetInt32()));
            Assert.Equal(stem.Postings.Count, head.GetProperty("n").GetInt32());
            Assert.Equal(stem.Rows.Count(r => r.Kind == 1), head.GetProperty("r").GetInt32());
            if ((entry[3].GetInt32() & 1) != 0) large++;
        }
        Assert.True(large > 20, $"only {large} stems have postings files of their own");
    }

    [Fact]
    public void A_pair_of_common_stems_has_the_first_page_both_ways_round_and_the_facet_counts_of_the_two_word_query()
    {
        var index = SearchIndexBuilder.Build(Generated(120));
        var page = Manifest(index).GetProperty("page").GetInt32();
        var common = StemEntries(index).Where(e => (e[3].GetInt32() & 4) != 0).OrderBy(e => e[0].GetString(), StringComparer.Ordinal).ToList();
        Assert.True(common.Count > 5, $"{common.Count} common stems");
        var checkedPairs = 0;
        foreach (var (a, b) in common.SelectMany((a, i) => common.Skip(i + 1).Select(b => (a, b))).Where((_, i) => i % 7 == 0))
        {
            var (sa, sb) = (Decode(index, a), Decode(index, b));
            var both = sa.Postings.Join(sb.Postings, x => x.Doc, y => y.Doc, (x, y) => (x.Doc, A: x.Score, B: y.Score)).ToList();
            var q = Json(index, $"q.{a[2].GetString()}.{b[2].GetString()}.json");
            Assert.Equal(both.Count, q.GetProperty("n").GetInt32());
            var rows = sa.Rows.ToDictionary(r => r.Doc);
            var counts = both.Select(x => rows[x.Doc]).Where(r => r.Kind == 1).SelectMany(r => r.Facets).GroupBy(v => v).OrderBy(g => g.Key).SelectMany(g => new[] { g.Key, g.Count() });
            Assert.Equal(counts, q.GetProperty("c").EnumerateArray().Select(e => e.GetInt32()));
            // As the client scores "a b" and "b a": each word × 5, plus 5 × the bonus of the pair in the order typed.
            foreach (var (name, first, second) in new[] { ("top", a, b), ("top2", b, a) })
            {
                var bonus = PairBonus(index, first, second, a, b);
                var expected = ClientOrder(both.Select(x => (x.Doc, 5L * (x.A >> 1) + 5L * (x.B >> 1) + 5L * bonus.GetValueOrDefault(x.Doc), (x.A & 1) + (x.B & 1))).ToList()).Take(page);
                var top = q.GetProperty(name).EnumerateArray().Select(e => e.GetInt64()).Chunk(3).Select(t => ((int)t[0], t[1], (int)t[2]));
                Assert.Equal(expected, top);
            }
            checkedPairs++;
        }
        Assert.True(checkedPairs > 3);
    }

    [Fact]
    public void A_word_matching_several_stems_has_its_first_page_and_facet_counts_in_the_file_its_forms_shard_names()
    {
        var index = SearchIndexBuilder.Build(Generated(120));
        var manifest = Manifest(index);
        var (page, most) = (manifest.GetProperty("page").GetInt32(), manifest.GetProperty("most").GetInt32());
        var entries = StemEntries(index).ToDictionary(e => e[0].GetString()!, StringComparer.Ordinal);
        var checkedWords = 0;
        foreach (var shardFile in manifest.GetProperty("w").EnumerateObject())
        {
            var shard = Json(index, shardFile.Value.GetString()!);
            var stems = shard.GetProperty("s").EnumerateArray().Select(e => e[0].GetString()!).ToList();
            var forms = shard.GetProperty("w").EnumerateArray().Select(w => (Form: w[0].GetString()!, Stem: stems[w[1].GetInt32()])).ToList();
            var named = shard.GetProperty("m").EnumerateArray().ToDictionary(m => m[0].GetString()!, m => m[1].GetString()!, StringComparer.Ordinal);
            // Every word that begins a form of this shard and matches several stems is named, and no other.
            var words = forms.SelectMany(f => Enumerable.Range(2, f.Form.Length - 1).Select(n => f.Form[..n])).Distinct().Where(w => !SearchText.IsStopWord(w));
            foreach (var word in words)
            {
                // As the client: the form itself × 5, forms it begins × 3; best per stem; by factor, documents, stem; at most `most`.
                var matched = forms.Where(f => f.Form.StartsWith(word, StringComparison.Ordinal))
                    .GroupBy(f => f.Stem).Select(g => (Stem: g.Key, Factor: g.Any(f => f.Form == word) ? 5 : 3))
                    .OrderByDescending(x => x.Factor).ThenByDescending(x => entries[x.Stem][1].GetInt32()).ThenBy(x => x.Stem, StringComparer.Ordinal).Take(most).ToList();
                Assert.Equal(matched.Count > 1, named.ContainsKey(word));
                if (matched.Count < 2 || checkedWords++ % 5 != 0) continue;
                var best = new Dictionary<int, (long Score, int InText)>();
                foreach (var (stem, factor) in matched)
                    foreach (var (doc, score) in Decode(index, entries[stem]).Postings)
                        if (!best.TryGetValue(doc, out var old) || old.Score < (score >> 1) * factor) best[doc] = ((score >> 1) * factor, score & 1);
                var file = Json(index, named[word]);
                Assert.Equal(best.Count, file.GetProperty("n").GetInt32());
                var expected = ClientOrder(best.Select(b => (b.Key, b.Value.Score, b.Value.InText)).ToList()).Take(page);
                Assert.Equal(expected, file.GetProperty("top").EnumerateArray().Select(e => e.GetInt64()).Chunk(3).Select(t => ((int)t[0], t[1], (int)t[2])));
            }
        }
        Assert.True(checkedWords > 10, $"{checkedWords} words");
    }

    /// <summary>doc → bonus of the pair "first second", from the pairs of the rarer of the two stems (as the client finds them).</summary>
    private static Dictionary<int, int> PairBonus(SearchIndexFiles index, JsonElement first, JsonElement second, JsonElement a, JsonElement b)
    {
        var (da, db) = (a[1].GetInt32(), b[1].GetInt32());
        var owner = da < db || (da == db && string.CompareOrdinal(a[0].GetString(), b[0].GetString()) <= 0) ? a : b;
        var result = new Dictionary<int, int>();
        if (Part(index, owner, "b") is not { } pairs) return result;
        foreach (var pair in pairs.EnumerateArray())
        {
            if (pair[0].GetString() != first[0].GetString() || pair[1].GetString() != second[0].GetString()) continue;
            var p = pair[2].EnumerateArray().Select(e => e.GetInt32()).ToList();
            for (int i = 0, doc = 0; i < p.Count; i += 2) result[doc += p[i]] = p[i + 1];
        }
        return result;
    }

    /// <summary>
    /// theme/assets/search.js <c>order</c>, written again from its comment: by score, then document;
    /// runs of scores with 20 × score ≥ 19 × the run's best put words in the running text first, then documents in order.
    /// </summary>
    private static List<(int Doc, int Score)> ClientOrder(List<(int Doc, int Score)> postings) =>
        ClientOrder(postings.Select(p => (p.Doc, (long)(p.Score >> 1), p.Score & 1)).ToList()).Select(r => (r.Doc, (int)r.Score * 2 + r.InText)).ToList();

    private static List<(int Doc, long Score, int InText)> ClientOrder(List<(int Doc, long Score, int InText)> results)
    {
        var sorted = results.OrderByDescending(p => p.Score).ThenBy(p => p.Doc).ToList();
        var ordered = new List<(int, long, int)>();
        for (var i = 0; i < sorted.Count;)
        {
            var best = sorted[i].Score;
            var run = sorted.Skip(i).TakeWhile(p => 20 * p.Score >= 19 * best).ToList();
            ordered.AddRange(run.OrderByDescending(p => p.InText).ThenBy(p => p.Doc));
            i += run.Count;
        }
        return ordered;
    }

    // ---------------------------------------------------------------------------------------------
    // Files

    [Fact]
    public void The_same_content_builds_the_same_bytes_under_content_hashed_names()
    {
        var a = SearchIndexBuilder.Build(TestSites.Real.Model);
        var b = SearchIndexBuilder.Build(TestSites.Real.Model);
        Assert.Equal(a.ManifestUrl, b.ManifestUrl);
        Assert.Equal(a.Files.Select(f => f.Url), b.Files.Select(f => f.Url));
        Assert.All(a.Files.Zip(b.Files), x => Assert.Equal(x.First.Bytes, x.Second.Bytes));
        Assert.All(a.Files, f => Assert.StartsWith(UrlScheme.SearchIndexFolder, f.Url, StringComparison.Ordinal));

        // A single file is named by the hash of its bytes; a family (a stem's files, a review's text
        // files) by the hash of all its files' bytes in ordinal order of their names.
        var names = a.Files.ToDictionary(f => f.Url[UrlScheme.SearchIndexFolder.Length..], f => f.Bytes, StringComparer.Ordinal);
        string Hash(IEnumerable<byte[]> parts, int n) => Convert.ToHexStringLower(SHA256.HashData(parts.SelectMany(x => x).ToArray()))[..n];
        var single = names.Where(n => n.Key.Split('.')[0] is "manifest" or "w" or "t" or "m").ToList();
        Assert.All(single, n => Assert.Equal(n.Key.Split('.')[1], Hash([n.Value], 16)));
        // (The format version is hashed first, so a new format renames every family.)
        byte[] version = System.Text.Encoding.UTF8.GetBytes($"v{SearchIndexBuilder.FormatVersion}\n");
        var stems = names.Where(n => n.Key.Split('.')[0] is "h" or "p" or "f" or "b").GroupBy(n => n.Key.Split('.')[1]).ToList();
        Assert.All(stems, g => Assert.Equal(g.Key, Hash([version, .. g.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => n.Value)], 12)));
        var texts = names.Where(n => n.Key.StartsWith("x.", StringComparison.Ordinal)).GroupBy(n => n.Key.Split('.')[1]).ToList();
        Assert.All(texts, g => Assert.Equal(g.Key, Hash([version, .. g.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => n.Value)], 12)));
        // A pair head is named by the hashes of its two stems (ordinal order of the stems).
        var pairs = names.Keys.Where(n => n.StartsWith("q.", StringComparison.Ordinal)).ToList();
        Assert.All(pairs, n => Assert.True(stems.Any(g => g.Key == n.Split('.')[1]) && stems.Any(g => g.Key == n.Split('.')[2]), n));
        Assert.Equal(names.Count, single.Count + stems.Sum(g => g.Count()) + texts.Sum(g => g.Count()) + pairs.Count);
        Assert.Single(texts);
    }

    [Fact]
    public void Every_file_a_file_names_exists()
    {
        var index = RealIndex.Value;
        var urls = index.Files.Select(f => f.Url).ToHashSet(StringComparer.Ordinal);
        var manifest = Manifest(index);
        var named = manifest.GetProperty("w").EnumerateObject().Concat(manifest.GetProperty("t").EnumerateObject()).Select(p => p.Value.GetString()!).ToList();
        foreach (var entry in StemEntries(index))
        {
            var hash = entry[2].GetString()!;
            named.Add($"h.{hash}.json");
            if ((entry[3].GetInt32() & 1) != 0) named.AddRange([$"p.{hash}.json", $"f.{hash}.json"]);
            if ((entry[3].GetInt32() & 2) != 0) named.Add($"b.{hash}.json");
            named.AddRange(Decode(index, entry).Rows.Select(r => r.File));
        }
        // Files of words matching several stems, named by their forms shards.
        foreach (var shard in manifest.GetProperty("w").EnumerateObject())
            named.AddRange(Json(index, shard.Value.GetString()!).GetProperty("m").EnumerateArray().Select(m => m[1].GetString()!));
        // Pair heads: one for every two common stems.
        var common = StemEntries(index).Where(e => (e[3].GetInt32() & 4) != 0).OrderBy(e => e[0].GetString(), StringComparer.Ordinal).ToList();
        Assert.NotEmpty(common);
        for (var i = 0; i < common.Count; i++)
            for (var j = i + 1; j < common.Count; j++) named.Add($"q.{common[i][2].GetString()}.{common[j][2].GetString()}.json");
        foreach (var name in named.Distinct()) Assert.Contains(UrlScheme.SearchIndexFile(name), urls);
        Assert.Equal(urls.Count, named.Distinct().Count() + 1); // and nothing else but the manifest
    }

    private static readonly CheckOptions GeneratedOptions = new()
    {
        Today = new DateOnly(CorpusGenerator.LatestMonth.Year, CorpusGenerator.LatestMonth.Month, 1).AddMonths(1).AddDays(-1),
    };

    private static ContentModel Generated(int reviews) =>
        ContentChecker.Check(CorpusGenerator.Generate(reviews, 7), GeneratedOptions).Model ?? throw new InvalidOperationException("The generated corpus does not check.");

    [Fact]
    public void The_manifest_does_not_grow_with_the_number_of_documents()
    {
        // Two corpora from the generator, the second with every review also published a second time
        // under another id: four times the documents, the same words and the same registries.
        var model = Generated(150);
        var copies = model.Reviews.Select(r => r with { Id = r.Id + "-again" });
        var doubled = model with { Reviews = model.Reviews.Concat(copies).Concat(model.Reviews.Select(r => r with { Id = r.Id + "-more" })).Concat(copies.Select(r => r with { Id = r.Id + "-2" })).OrderBy(r => r.Id, StringComparer.Ordinal).ToList() };
        var small = SearchIndexBuilder.Build(model);
        var large = SearchIndexBuilder.Build(doubled);
        Assert.Equal(4 * Documents(small), Documents(large));
        static long Texts(SearchIndexFiles index) => index.Files.Where(f => f.Url.StartsWith(UrlScheme.SearchIndexFile("x."), StringComparison.Ordinal)).Sum(f => (long)f.Bytes.Length);
        Assert.True(Texts(large) > 3 * Texts(small), "The index itself does grow.");

        // The manifest is the same size, and the same but for the content hashes of the files it names.
        var (ms, ml) = (Manifest(small), Manifest(large));
        Assert.Equal(small.Files.Single(f => f.Url == small.ManifestUrl).Bytes.Length, large.Files.Single(f => f.Url == large.ManifestUrl).Bytes.Length);
        Assert.Equal(ms.GetProperty("facets").GetRawText(), ml.GetProperty("facets").GetRawText());
        Assert.Equal(ms.GetProperty("w").EnumerateObject().Select(p => p.Name), ml.GetProperty("w").EnumerateObject().Select(p => p.Name));
        Assert.Equal(ms.GetProperty("t").EnumerateObject().Select(p => p.Name), ml.GetProperty("t").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void The_manifest_holds_only_facet_vocabularies_stop_words_and_shard_maps_keyed_by_two_letters()
    {
        var model = Generated(300);
        var manifest = Manifest(SearchIndexBuilder.Build(model));
        Assert.Equal(["v", "typo", "page", "chunk", "x", "most", "stop", "facets", "up", "w", "t"], manifest.EnumerateObject().Select(p => p.Name));
        // "up" maps a theme to its area, an agency to its sector, a CSP to its region: values, not documents.
        var facetOf = manifest.GetProperty("facets").EnumerateArray().SelectMany(f => f[2].EnumerateArray().Select(_ => f[0].GetString()!)).ToList();
        var up = manifest.GetProperty("up").EnumerateArray().Select(v => v.GetInt32()).Chunk(2).Select(x => (facetOf[x[0]], facetOf[x[1]])).Distinct().Order();
        Assert.Equal([("agency", "sector"), ("csp", "region"), ("theme", "area")], up);
        Assert.All(manifest.GetProperty("w").EnumerateObject().Concat(manifest.GetProperty("t").EnumerateObject()), p => Assert.InRange(p.Name.Length, 1, 2));
        // Facet values come from the registries (themes, agencies, CSPs) and vocabularies, never from documents.
        var bound = model.Themes.Count() + model.Areas.Count + model.Agencies.Count + Vocabulary.Sectors.Count + model.Agencies.Select(a => a.Sector).Distinct().Count()
            + model.Csps.Count * 2 + model.Reviews.Select(r => r.Published?.Year).Distinct().Count() + Vocabulary.Relationships.Count + Vocabulary.ImplementationStates.Count;
        Assert.True(manifest.GetProperty("facets").EnumerateArray().Sum(f => f[2].GetArrayLength()) <= bound);
    }

    private static int Documents(SearchIndexFiles index) =>
        index.Files.Where(f => f.Url.StartsWith(UrlScheme.SearchIndexFile("x."), StringComparison.Ordinal))
            .Sum(f => JsonDocument.Parse(f.Bytes).RootElement.GetArrayLength());
}
