using System.Text.RegularExpressions;
using DhrPortal.Content;
using Microsoft.Playwright;

namespace DhrPortal.BrowserTests;

/// <summary>The client-side search finds recommendations and its facets narrow the results.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class SearchTests(BrowserFixture fx)
{
    private const string ResultLinks = "main a[href*='/reviews/'][href*='#']";

    [GeneratedRegex(@"[\p{L}]{6,}")] private static partial Regex Word();
    [GeneratedRegex(@"^/reviews/(?<review>[a-z0-9-]+)/#(?<anchor>.+)$")] private static partial Regex RecommendationLink();

    /// <summary>
    /// A word from recommendation texts that picks out a handful of recommendations across several
    /// reviews and themes (so some facet must narrow them); with the URLs of those recommendations.
    /// </summary>
    private (string Word, HashSet<string> Urls) PickWord()
    {
        var recs = fx.Site.Pages.Recommendations().ToList();
        var byWord = new Dictionary<string, List<(Review Review, Recommendation Rec)>>(StringComparer.Ordinal);
        foreach (var x in recs)
        {
            foreach (var w in Word().Matches(x.Rec.Text).Select(m => m.Value.ToLowerInvariant()).Distinct())
            {
                if (!byWord.TryGetValue(w, out var list)) byWord[w] = list = [];
                list.Add(x);
            }
        }
        var pick = byWord
            .Where(kv => kv.Value.Count is >= 2 and <= 15
                         && kv.Value.Select(x => x.Review.Id).Distinct().Count() >= 2
                         && kv.Value.SelectMany(x => x.Rec.Themes.Select(t => t.Id)).Distinct().Count() >= 2)
            .OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        Assert.True(pick.Key is not null, $"No word of 6+ letters is in 2-15 recommendations of 2+ reviews and 2+ themes ({recs.Count} recommendations).");
        return (pick.Key, pick.Value.Select(x => Site.UrlScheme.Recommendation(x.Review, x.Rec)).ToHashSet(StringComparer.Ordinal));
    }

    private static async Task<List<string>> ResultsAsync(IPage p) =>
        (await p.Locator(ResultLinks).EvaluateAllAsync<string[]>("els => els.filter(e => e.offsetParent !== null).map(e => e.getAttribute('href'))"))
            .Select(h => PageHelpers.PathOf(new Uri(new Uri(p.Url), h).ToString())).ToList();

    /// <summary>Polls the visible result links until they differ from <paramref name="before"/>, or time runs out.</summary>
    private static async Task<List<string>> ResultsChangedAsync(IPage p, IReadOnlyList<string> before, int ms)
    {
        var until = DateTime.UtcNow.AddMilliseconds(ms);
        while (true)
        {
            var now = await ResultsAsync(p);
            if (!now.SequenceEqual(before) || DateTime.UtcNow > until) return now;
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Typing_a_word_finds_its_recommendations_and_a_facet_narrows_them()
    {
        var (word, expected) = PickWord();
        await using var context = await fx.NewContextAsync();
        var p = await fx.OpenAsync(context, fx.Site.Pages.Get("search"));
        await p.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var box = p.Locator("input[type=search], [role=searchbox], main input[type=text]").First;
        Assert.True(await box.CountAsync() > 0, "/search/ has no search box (input[type=search]).");
        var initial = await ResultsAsync(p);
        await box.PressSequentiallyAsync(word, new LocatorPressSequentiallyOptions { Delay = 20 });
        var results = await ResultsChangedAsync(p, initial, 5000);
        if (results.Count == 0 || results.SequenceEqual(initial))
        {
            await box.PressAsync("Enter"); // a search that waits for the form to be submitted
            await p.WaitForLoadStateAsync(LoadState.NetworkIdle);
            results = await ResultsChangedAsync(p, [], 5000);
        }

        Assert.True(results.Count > 0, $"Searching for '{word}' shows no links to recommendations (expected some of: {string.Join(", ", expected.Take(5))}).");
        var bad = results.Where(r => !IsRecommendation(r)).ToList();
        Assert.True(bad.Count == 0, $"Search results link to anchors that are not recommendations: {string.Join(", ", bad.Take(10))}");
        Assert.True(results.Any(expected.Contains),
            $"Searching for '{word}' finds {string.Join(", ", results.Take(10))}, none of the recommendations containing it ({string.Join(", ", expected.Take(10))}).");

        // Some facet narrows the results to a non-empty subset.
        var tried = new List<string>();
        var facets = p.Locator("main input[type=checkbox]:visible, main input[type=radio]:visible, main select:visible");
        var count = await facets.CountAsync();
        Assert.True(count > 0, "/search/ shows no facets (checkboxes, radio buttons or selects in <main>).");
        for (var i = 0; i < count && tried.Count < 120; i++)
        {
            var facet = facets.Nth(i);
            var tag = await facet.EvaluateAsync<string>("e => e.tagName.toLowerCase() + ':' + (e.type || '')");
            var label = await facet.EvaluateAsync<string>("e => (e.labels && e.labels[0] ? e.labels[0].innerText : e.name || e.id || '').trim()");
            if (tag.StartsWith("select", StringComparison.Ordinal))
            {
                var values = await facet.EvaluateAsync<string[]>("e => [...e.options].map(o => o.value).filter(v => v !== '')");
                var original = await facet.InputValueAsync();
                foreach (var v in values.Take(60))
                {
                    await facet.SelectOptionAsync(v);
                    if (await NarrowsAsync(p, box, results, $"select {label}={v}", tried)) return;
                }
                await facet.SelectOptionAsync(original);
            }
            else
            {
                var wasChecked = await facet.IsCheckedAsync();
                await facet.ClickAsync();
                if (await NarrowsAsync(p, box, results, $"{tag} {label}", tried)) return;
                if (await facet.IsCheckedAsync() != wasChecked && tag.EndsWith("checkbox", StringComparison.Ordinal)) await facet.ClickAsync();
                await ResultsChangedAsync(p, [], 200);
            }
        }
        Assert.Fail($"No facet narrowed the {results.Count} results for '{word}' to a smaller non-empty subset. Tried:\n  " + string.Join("\n  ", tried));
    }

    private static async Task<bool> NarrowsAsync(IPage p, ILocator box, List<string> all, string facet, List<string> tried)
    {
        var now = await ResultsChangedAsync(p, all, 1500);
        if (now.SequenceEqual(all))
        {
            await box.PressAsync("Enter");
            await p.WaitForLoadStateAsync(LoadState.NetworkIdle);
            now = await ResultsChangedAsync(p, all, 1500);
        }
        var subset = now.All(all.Contains);
        tried.Add($"{facet}: {now.Count} results{(subset ? "" : " (not a subset)")}");
        return now.Count > 0 && now.Count < all.Count && subset;
    }

    private const int PhoneWidth = 360, PhoneHeight = 800, Target = 44;

    /// <summary>The box of every visible element matching <paramref name="selector"/>: "what: WxH at y".</summary>
    private static async Task<List<(string What, double Y, double Width, double Height, double Bottom)>> BoxesAsync(IPage p, string selector) =>
        (await p.Locator(selector).EvaluateAllAsync<double[][]>(
            "els => els.filter(e => e.offsetParent !== null).map(e => { const r = e.getBoundingClientRect(); return [r.top + scrollY, r.width, r.height, r.bottom + scrollY]; })"))
        .Select((b, i) => ($"{selector} #{i + 1}", b[0], b[1], b[2], b[3])).ToList();

    [Fact]
    public async Task On_a_phone_every_filter_value_and_search_control_is_a_touch_target_of_at_least_44px()
    {
        // A filter (so the active-filter summary shows) broad enough for "Show more".
        await using var context = await fx.NewContextAsync(width: PhoneWidth, height: PhoneHeight);
        var p = await context.NewPageAsync();
        await p.GotoAsync(Site.UrlScheme.SearchTheme(fx.Site.Pages.BusiestTheme()));
        await SearchIndexTests.RenderedAsync(p, "");
        await p.Locator("button.search-filter-toggle").ClickAsync();
        // Every value of every facet shown ("Show all N").
        foreach (var all in await p.Locator("#search-facets .search-facet__all:visible").AllAsync()) await all.ClickAsync();

        var values = await BoxesAsync(p, "#search-facets .search-facet__value");
        Assert.True(values.Count > 20, $"Only {values.Count} filter values are visible with every facet expanded.");
        var controls = new List<(string What, double Y, double Width, double Height, double Bottom)>(values);
        foreach (var selector in new[]
                 {
                     "#q", "#search-form button[type=submit]", "button.search-filter-toggle", "#search-sort",
                     "#search-facets input[type=search]", "#search-facets button", "#search-active button", "#search-more",
                 })
        {
            var boxes = await BoxesAsync(p, selector);
            Assert.True(boxes.Count > 0, $"No visible {selector} on {p.Url} at {PhoneWidth} px.");
            controls.AddRange(boxes);
        }
        var small = controls.Where(c => c.Width < Target || c.Height < Target).Select(c => $"{c.What}: {c.Width:F0}x{c.Height:F0} px").ToList();
        Assert.True(small.Count == 0, $"{small.Count} of {controls.Count} touch targets are under {Target}x{Target} px at {PhoneWidth} px:\n  " + string.Join("\n  ", small.Take(30)));

        // A value's row, not only its small box, ticks it.
        var row = p.Locator("#search-facets .search-facet__value:visible").Filter(new LocatorFilterOptions { Has = p.Locator("input:not(:checked)") }).First;
        var value = await row.Locator("input").GetAttributeAsync("value");
        await row.ScrollIntoViewIfNeededAsync();
        var box = (await row.BoundingBoxAsync())!;
        await p.Mouse.ClickAsync(box.X + box.Width - 4, box.Y + box.Height / 2);
        await p.WaitForURLAsync(u => u.Contains("=" + value, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("training", false)]
    [InlineData("safegaurding", false)] // corrected: "Showing results for" takes a line
    [InlineData("", true)]              // a filter and no words: the active-filter summary takes lines
    public async Task On_a_phone_the_filter_control_and_the_first_result_are_on_the_first_screen(string words, bool filter)
    {
        await using var context = await fx.NewContextAsync(width: PhoneWidth, height: PhoneHeight);
        var p = await fx.OpenAsync(context, fx.Site.Pages.Get("search"));
        await SearchIndexTests.RenderedAsync(p, "");
        if (filter)
        {
            await p.GotoAsync(Site.UrlScheme.SearchTheme(fx.Site.Pages.BusiestTheme()));
            await SearchIndexTests.RenderedAsync(p, "");
        }
        if (words.Length > 0) await SearchIndexTests.TypeAsync(p, words);

        var toggle = (await BoxesAsync(p, "button.search-filter-toggle")).Single();
        var first = (await BoxesAsync(p, "#search-results > li > a")).FirstOrDefault();
        Assert.True(first.What is not null, $"'{words}': no result shown.");
        Assert.True(toggle.Bottom < first.Y, $"'{words}': the Filter button (y = {toggle.Y:F0}) is not above the first result (y = {first.Y:F0}).");
        Assert.True(first.Bottom <= PhoneHeight,
            $"'{words}'{(filter ? " with a filter" : "")}: the first result's link ends at y = {first.Bottom:F0}, below the first screen ({PhoneWidth}x{PhoneHeight}).");
    }

    [Fact]
    public async Task A_corrected_typo_links_to_a_search_for_the_word_as_typed_which_is_not_corrected()
    {
        await using var context = await fx.NewContextAsync(width: PhoneWidth, height: PhoneHeight);
        var p = await fx.OpenAsync(context, fx.Site.Pages.Get("search"));
        await SearchIndexTests.RenderedAsync(p, "");
        await SearchIndexTests.TypeAsync(p, "safegaurding");
        var corrected = p.Locator("#search-corrected");
        Assert.StartsWith("Showing results for safeguarding.", await corrected.InnerTextAsync(), StringComparison.Ordinal);
        Assert.NotEmpty(await SearchIndexTests.ResultsAsync(p));

        var link = corrected.Locator("a");
        Assert.Equal("safegaurding", await link.InnerTextAsync());
        Assert.Equal("/search/?q=safegaurding&exact=1", await link.GetAttributeAsync("href"));
        await link.ClickAsync();
        await p.WaitForURLAsync("**/search/?q=safegaurding&exact=1");
        await SearchIndexTests.RenderedAsync(p, "safegaurding");
        Assert.Empty(await SearchIndexTests.ResultsAsync(p));
        Assert.False(await corrected.IsVisibleAsync());
        Assert.StartsWith("No results for “safegaurding”", await p.Locator("#search-status").InnerTextAsync(), StringComparison.Ordinal);

        // The address alone searches the word as typed (a shared link, a new tab).
        var fresh = await context.NewPageAsync();
        await fresh.GotoAsync("/search/?q=safegaurding&exact=1");
        await SearchIndexTests.RenderedAsync(fresh, "safegaurding");
        Assert.Empty(await SearchIndexTests.ResultsAsync(fresh));

        // New words are corrected again.
        await SearchIndexTests.TypeAsync(p, "safegaurding");
        Assert.DoesNotContain("exact=", p.Url, StringComparison.Ordinal);
        Assert.True(await corrected.IsVisibleAsync());
        Assert.NotEmpty(await SearchIndexTests.ResultsAsync(p));
    }

    private bool IsRecommendation(string path)
    {
        var m = RecommendationLink().Match(path);
        if (!m.Success) return false;
        var anchor = Uri.UnescapeDataString(m.Groups["anchor"].Value);
        return fx.Site.Model.Reviews.Any(r => r.Id == m.Groups["review"].Value && r.Recommendations.Any(x => x.Anchor == anchor));
    }
}
