using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DhrPortal.Content;
using DhrPortal.Text;
using DhrPortal.TestSupport;
using Microsoft.Playwright;
using YamlDotNet.RepresentationModel;

namespace DhrPortal.BrowserTests;

/// <summary>
/// The sharded search on the real content, driven in Chromium the way a practitioner uses it:
/// typing (docs/search.md). The labelled queries are in Search/relevance.yml.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SearchIndexTests(BrowserFixture fx)
{
    /// <summary>One labelled query: what is typed, the recommendation that must come first, all relevant ones.</summary>
    public sealed record Labelled(string Query, string First, IReadOnlyList<string> Relevant);

    [GeneratedRegex(@"\((\d+)\)\s*$")] private static partial Regex Count();

    public static IReadOnlyList<Labelled> RelevanceSet()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepoPaths.Root, "tests", "DhrPortal.BrowserTests", "Search", "relevance.yml")))
            yaml.Load(reader);
        var list = (YamlSequenceNode)yaml.Documents[0].RootNode;
        return list.Children.Cast<YamlMappingNode>().Select(m => new Labelled(
            ((YamlScalarNode)m[new YamlScalarNode("query")]).Value!,
            ((YamlScalarNode)m[new YamlScalarNode("first")]).Value!,
            ((YamlSequenceNode)m[new YamlScalarNode("relevant")]).Children.Cast<YamlScalarNode>().Select(s => s.Value!).ToList())).ToList();
    }

    /// <summary>Types <paramref name="query"/> into the empty search box and waits until the client says it rendered it.</summary>
    internal static async Task TypeAsync(IPage p, string query)
    {
        var box = p.Locator("#q");
        await box.FillAsync("");
        await box.PressSequentiallyAsync(query, new LocatorPressSequentiallyOptions { Delay = 10 });
        await RenderedAsync(p, query.Trim());
    }

    internal static Task RenderedAsync(IPage p, string query) =>
        p.WaitForFunctionAsync("q => document.getElementById('search-results').getAttribute('data-rendered-query') === q && document.getElementById('q').value.trim() === q", query);

    /// <summary>Every result link in order, after "Show more" until all are shown: <c>review-id#anchor</c> or <c>review-id</c>.</summary>
    internal static async Task<List<string>> AllResultsAsync(IPage p)
    {
        var more = p.Locator("#search-more");
        while (await more.IsVisibleAsync())
        {
            var before = await p.Locator("#search-results > li").CountAsync();
            await more.ClickAsync();
            await p.WaitForFunctionAsync("n => document.querySelectorAll('#search-results > li').length > n", before);
        }
        return await ResultsAsync(p);
    }

    internal static async Task<List<string>> ResultsAsync(IPage p) =>
        (await p.Locator("#search-results > li > a").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('href'))"))
            .Select(Key).ToList();

    /// <summary><c>/reviews/x/#r1</c> → <c>x#r1</c>; <c>/reviews/x/</c> → <c>x</c>.</summary>
    internal static string Key(string href)
    {
        var m = Regex.Match(href, @"^/reviews/([^/]+)/(?:#(.+))?$");
        Assert.True(m.Success, $"A result links to {href}, not to a review or a recommendation.");
        return m.Groups[2].Success ? m.Groups[1].Value + "#" + Uri.UnescapeDataString(m.Groups[2].Value) : m.Groups[1].Value;
    }

    /// <summary>The facet values of a recommendation, from the model (URL parameter → value ids).</summary>
    private ILookup<string, string> FacetsOf(Review review, Recommendation rec) =>
        ExpectedFacets.Of(fx.Site.Model, review, rec).ToLookup(v => v.Facet, v => v.Id);

    [Fact]
    public void The_relevance_set_has_30_queries_labelled_with_real_recommendations()
    {
        var set = RelevanceSet();
        var recs = fx.Site.Model.Reviews.SelectMany(r => r.Recommendations.Select(x => r.Id + "#" + x.Anchor)).ToHashSet(StringComparer.Ordinal);
        Assert.True(set.Count >= 30, $"{set.Count} labelled queries, fewer than 30.");
        foreach (var q in set)
        {
            Assert.True(recs.Contains(q.First), $"'{q.Query}': first '{q.First}' is not a recommendation of the real content.");
            Assert.Contains(q.First, q.Relevant);
            foreach (var r in q.Relevant) Assert.True(recs.Contains(r), $"'{q.Query}': relevant '{r}' is not a recommendation of the real content.");
        }
        Assert.Equal(set.Count, set.Select(q => q.Query).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Every_labelled_query_typed_shows_its_expected_recommendation_first()
    {
        await using var context = await fx.NewContextAsync();
        var p = await fx.OpenAsync(context, fx.Site.Pages.Get("search"));
        await RenderedAsync(p, "");
        var failures = new List<string>();
        double reciprocal = 0, recall = 0;
        var set = RelevanceSet();
        foreach (var q in set)
        {
            await TypeAsync(p, q.Query);
            var recs = (await ResultsAsync(p)).Where(r => r.Contains('#', StringComparison.Ordinal)).ToList();
            var rank = recs.IndexOf(q.First);
            if (rank != 0) failures.Add($"'{q.Query}': expected {q.First} first, got [{string.Join(", ", recs.Take(5))}] ({(rank < 0 ? "not shown" : $"rank {rank + 1}")})");
            var top = recs.Take(10).ToList();
            var firstRelevant = top.FindIndex(q.Relevant.Contains);
            reciprocal += firstRelevant < 0 ? 0 : 1.0 / (firstRelevant + 1);
            recall += (double)top.Count(q.Relevant.Contains) / Math.Min(10, q.Relevant.Count);
        }
        var summary = string.Create(CultureInfo.InvariantCulture, $"MRR@10 {reciprocal / set.Count:F3}, recall@10 {recall / set.Count:F3} over {set.Count} queries");
        Console.WriteLine(summary);
        Assert.True(failures.Count == 0, $"{failures.Count} of {set.Count} labelled queries fail ({summary}):\n  " + string.Join("\n  ", failures));
    }

    private (Review, Recommendation) Find(string key)
    {
        var (id, anchor) = (key.Split('#')[0], key.Split('#')[1]);
        var review = fx.Site.Model.Reviews.Single(r => r.Id == id);
        return (review, review.Recommendations.Single(r => r.Anchor == anchor));
    }

    private async Task<List<(string Facet, string Value, int Count)>> FacetCountsAsync(IPage p) =>
        (await p.Locator("#search-facets input[type=checkbox]").EvaluateAllAsync<string[][]>(
            "els => els.map(e => [e.name, e.value, e.parentElement.textContent])"))
            .Select(x => (x[0], x[1], int.Parse(Count().Match(x[2]).Groups[1].Value, CultureInfo.InvariantCulture))).ToList();

    [Theory]
    [InlineData("domestic abuse")]
    [InlineData("training")]          // one word: the stem's head file
    [InlineData("adult services")]    // two common words: their pair's file
    [InlineData("safe")]              // begins words of several stems: the word's own file
    public async Task Facet_counts_match_the_model_and_each_facet_filters_to_its_count(string query)
    {
        await using var context = await fx.NewContextAsync();
        var p = await fx.OpenAsync(context, fx.Site.Pages.Get("search"));
        await RenderedAsync(p, "");
        await TypeAsync(p, query);
        var counts = await CountsMatchTheModelAsync(p, query);
        await EachFilterNarrowsToItsCountAsync(p, query, counts.Where(c => c.Facet is "theme" or "agency" or "year" or "region").Take(6));
    }

    /// <summary>
    /// Every count shown is the number of the results' recommendations with that value (from the
    /// model), and values within a facet are ordered by count; returns the counts.
    /// </summary>
    private async Task<List<(string Facet, string Value, int Count)>> CountsMatchTheModelAsync(IPage p, string query)
    {
        var recs = (await AllResultsAsync(p)).Where(r => r.Contains('#', StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(recs);
        var counts = await FacetCountsAsync(p);
        Assert.NotEmpty(counts);
        var expected = recs.Select(Find).SelectMany(x => FacetsOf(x.Item1, x.Item2).SelectMany(g => g.Select(v => (g.Key, v))))
            .GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (facet, value, count) in counts)
            Assert.True(expected.GetValueOrDefault((facet, value)) == count, $"'{query}': {facet}={value} shows {count}, the model gives {expected.GetValueOrDefault((facet, value))}.");
        foreach (var facet in counts.GroupBy(c => c.Facet))
            Assert.True(facet.Select(c => c.Count).SequenceEqual(facet.Select(c => c.Count).OrderDescending()), $"{facet.Key} values are not ordered by count.");
        return counts;
    }

    /// <summary>Ticking each value leaves exactly the recommendations with it, as many as its count said.</summary>
    private async Task EachFilterNarrowsToItsCountAsync(IPage p, string query, IEnumerable<(string Facet, string Value, int Count)> values)
    {
        foreach (var (facet, value, count) in values)
        {
            await p.Locator($"#search-facets input[name='{facet}'][value='{value}']").CheckAsync();
            await p.WaitForURLAsync(u => u.Contains($"{facet}={value}", StringComparison.Ordinal));
            await RenderedAsync(p, query);
            var filtered = (await AllResultsAsync(p)).Where(r => r.Contains('#', StringComparison.Ordinal)).ToList();
            Assert.True(filtered.Count == count, $"'{query}' + {facet}={value}: {filtered.Count} recommendations shown, the facet said {count}.");
            foreach (var r in filtered)
            {
                var (review, rec) = Find(r);
                Assert.Contains(value, FacetsOf(review, rec)[facet]);
            }
            await p.Locator($"#search-facets input[name='{facet}'][value='{value}']").UncheckAsync();
            await p.WaitForURLAsync(u => !u.Contains($"{facet}={value}", StringComparison.Ordinal));
            await RenderedAsync(p, query);
        }
    }

    private static bool IsFacetTable(string url) => url.Contains("/search/index/h/f.", StringComparison.Ordinal);

    [Fact]
    public async Task On_a_phone_a_two_word_query_fetches_no_facet_table_until_the_filters_are_opened_then_counts_them_and_they_narrow()
    {
        const string query = "domestic abuse";
        await using var context = await fx.NewContextAsync(width: 360, height: 800);
        var requests = new List<string>();
        context.Request += (_, r) => { lock (requests) requests.Add(r.Url); };
        var p = await fx.OpenAsync(context, fx.Site.Pages.Get("search"));
        await RenderedAsync(p, "");
        await TypeAsync(p, query);
        // The result count, recommendations included, needs no table either.
        var status = await p.Locator("#search-status").TextContentAsync() ?? "";
        var all = await AllResultsAsync(p);
        Assert.Equal($"{all.Count} results ({all.Count(r => r.Contains('#', StringComparison.Ordinal))} recommendations) for “{query}”.", status);
        lock (requests) Assert.DoesNotContain(requests, IsFacetTable);

        // Opening the filters fetches the table and counts this query's results; the marker waits for the counts.
        await p.Locator("button.search-filter-toggle").ClickAsync();
        await RenderedAsync(p, query);
        lock (requests) Assert.Single(requests, IsFacetTable);
        Assert.Null(await p.Locator("#search-facets").GetAttributeAsync("aria-busy"));
        var counts = await CountsMatchTheModelAsync(p, query);
        await EachFilterNarrowsToItsCountAsync(p, query, counts.Where(c => c.Facet is "theme" or "agency").Take(2));
    }

    [Fact]
    public async Task On_a_wide_screen_a_two_word_query_shows_its_results_before_its_counts_and_the_marker_waits_for_the_counts()
    {
        const string query = "domestic abuse";
        await using var context = await fx.NewContextAsync();
        var p = await fx.OpenAsync(context, fx.Site.Pages.Get("search"));
        await RenderedAsync(p, "");
        // The facet table is held until the results are seen.
        var release = new TaskCompletionSource();
        await p.RouteAsync(IsFacetTable, async route => { await release.Task; await route.ContinueAsync(); });
        await p.Locator("#q").FillAsync(query);
        await p.WaitForFunctionAsync("q => document.getElementById('search-status').textContent.includes(q) && document.querySelector('#search-results > li')", query);
        Assert.NotEmpty(await ResultsAsync(p));
        Assert.Null(await p.Locator("#search-results").GetAttributeAsync("data-rendered-query"));
        Assert.Equal("true", await p.Locator("#search-facets").GetAttributeAsync("aria-busy"));
        Assert.False(await p.Locator("#search-facets .search-facet__count").First.IsVisibleAsync(), "The previous search's counts are shown beside this search's results.");

        release.SetResult();
        await RenderedAsync(p, query);
        Assert.Null(await p.Locator("#search-facets").GetAttributeAsync("aria-busy"));
        await CountsMatchTheModelAsync(p, query);
    }

    [Fact]
    public async Task A_shared_url_restores_the_search_and_back_undoes_a_filter()
    {
        var theme = "training-and-awareness";
        await using var context = await fx.NewContextAsync();
        var p = await context.NewPageAsync();
        await p.GotoAsync($"/search/?q=training&theme={theme}");
        await RenderedAsync(p, "training");
        Assert.Equal("training", await p.Locator("#q").InputValueAsync());
        Assert.True(await p.Locator($"#search-facets input[name=theme][value='{theme}']").IsCheckedAsync());
        var filtered = await ResultsAsync(p);
        Assert.NotEmpty(filtered);

        await p.Locator($"#search-facets input[name=theme][value='{theme}']").UncheckAsync();
        await p.WaitForURLAsync(u => !u.Contains("theme=", StringComparison.Ordinal));
        await RenderedAsync(p, "training");
        Assert.True((await AllResultsAsync(p)).Count > filtered.Count);

        await p.GoBackAsync();
        await p.WaitForURLAsync(u => u.Contains("theme=", StringComparison.Ordinal));
        await p.WaitForFunctionAsync("t => document.querySelector(`#search-facets input[name=theme][value='${t}']`)?.checked === true", theme);
        await RenderedAsync(p, "training");
        Assert.Equal(filtered, await ResultsAsync(p));
    }

    [Fact]
    public async Task The_search_page_with_results_has_no_axe_violations_and_no_request_leaves_the_site()
    {
        await using var context = await fx.NewContextAsync();
        var requests = new List<string>();
        context.Request += (_, r) => { lock (requests) requests.Add(r.Url); };
        var p = await fx.OpenAsync(context, fx.Site.Pages.Get("search"));
        await RenderedAsync(p, "");
        await TypeAsync(p, "marac");
        await TypeAsync(p, "safegaurding");
        Assert.NotEmpty(await ResultsAsync(p));
        Assert.True(await p.Locator("#search-results mark").CountAsync() > 0, "No matched word is highlighted.");

        var result = await p.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = AccessibilityTests.WcagTags } });
        Assert.True(result.Violations.Length == 0, AccessibilityTests.Describe(fx.Site.Pages.Get("search"), result.Violations));
        var outside = requests.Where(u => !fx.IsLocal(u)).Distinct().ToList();
        Assert.True(outside.Count == 0, "Requests left the site: " + string.Join(", ", outside));
        var csp = await p.EvaluateAsync<string[]>("() => window.__dhrCspViolations");
        Assert.Empty(csp);
        Assert.Contains(requests, u => u.Contains("/search/index/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_result_count_is_announced_and_results_are_reached_by_keyboard()
    {
        await using var context = await fx.NewContextAsync();
        var p = await fx.OpenAsync(context, fx.Site.Pages.Get("search"));
        await RenderedAsync(p, "");
        await p.Locator("#q").FocusAsync();
        await p.Keyboard.TypeAsync("marac");
        await RenderedAsync(p, "marac");
        Assert.Equal("polite", await p.Locator("#search-status").GetAttributeAsync("aria-live"));
        Assert.Matches(@"^\d+ results? ", await p.Locator("#search-status").TextContentAsync() ?? "");
        var first = await p.Locator("#search-results > li > a").First.GetAttributeAsync("href");
        for (var i = 0; i < 40; i++)
        {
            await p.Keyboard.PressAsync("Tab");
            if (await p.EvaluateAsync<string?>("() => document.activeElement.getAttribute('href')") == first) return;
        }
        Assert.Fail("Tabbing from the search box never reaches the first result.");
    }

    [Fact]
    public async Task On_a_phone_filters_without_words_list_newest_first_with_an_active_filter_summary_and_a_corrected_typo_is_announced()
    {
        await using var context = await fx.NewContextAsync(width: 360, height: 800);
        var p = await fx.OpenAsync(context, fx.Site.Pages.Get("search"));
        await RenderedAsync(p, "");
        // The filters are behind a "Filter" button above the results.
        var toggle = p.Locator("button.search-filter-toggle");
        Assert.True(await toggle.IsVisibleAsync());
        Assert.False(await p.Locator("#search-facets").IsVisibleAsync());
        var (toggleY, resultsY) = (await toggle.BoundingBoxAsync(), await p.Locator("#search-results").BoundingBoxAsync());
        Assert.True(toggleY!.Y < resultsY!.Y, "The Filter button is not above the results.");
        await toggle.ClickAsync();
        Assert.True(await p.Locator("#search-facets").IsVisibleAsync());

        // A filter with no words lists every matching recommendation, newest review first.
        var year = fx.Site.Model.Reviews.Select(r => r.Published?.Year).OfType<int>().Max().ToString(CultureInfo.InvariantCulture);
        await p.Locator($"#search-facets input[name=year][value='{year}']").CheckAsync();
        await p.WaitForURLAsync(u => u.Contains("year=" + year, StringComparison.Ordinal));
        await RenderedAsync(p, "");
        var listed = (await AllResultsAsync(p)).Where(r => r.Contains('#', StringComparison.Ordinal)).ToList();
        var expected = fx.Site.Model.Reviews.Where(r => r.Published?.Year.ToString(CultureInfo.InvariantCulture) == year).Sum(r => r.Recommendations.Count);
        Assert.Equal(expected, listed.Count);
        Assert.Contains("newest first", await p.Locator("#search-status").TextContentAsync() ?? "", StringComparison.Ordinal);

        // The active filter is summarised with a remove button, and "Clear all" clears it.
        Assert.Equal(1, await p.Locator("#search-active .search-active__remove").CountAsync());
        await p.Locator("#search-active .search-active__clear").ClickAsync();
        await p.WaitForURLAsync(u => !u.Contains("year=", StringComparison.Ordinal));
        await RenderedAsync(p, "");
        Assert.False(await p.Locator("#search-active").IsVisibleAsync());

        // A corrected typo is announced.
        await TypeAsync(p, "safegaurding");
        Assert.Contains("Showing results for", await p.Locator("#search-corrected").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Contains("safeguarding", await p.Locator("#search-corrected").TextContentAsync() ?? "", StringComparison.Ordinal);
    }
}
