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

    private bool IsRecommendation(string path)
    {
        var m = RecommendationLink().Match(path);
        if (!m.Success) return false;
        var anchor = Uri.UnescapeDataString(m.Groups["anchor"].Value);
        return fx.Site.Model.Reviews.Any(r => r.Id == m.Groups["review"].Value && r.Recommendations.Any(x => x.Anchor == anchor));
    }
}
