using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace DhrPortal.BrowserTests;

/// <summary>The portal can be used with the keyboard alone.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class KeyboardTests(BrowserFixture fx)
{
    [GeneratedRegex(@"^/themes/[a-z0-9-]+/$")] private static partial Regex ThemePage();
    [GeneratedRegex(@"^/reviews/(?<review>[a-z0-9-]+)/#(?<anchor>.+)$")] private static partial Regex RecommendationLink();
    [GeneratedRegex(@"^/agencies/(?<agency>[a-z0-9-]+)/$")] private static partial Regex AgencyPage();

    private bool Local(FocusInfo f) => f.Tag == "a" && f.Href is not null && fx.IsLocal(f.Href);

    [Fact]
    public async Task Skip_link_is_the_first_focusable_element_and_moves_to_the_content()
    {
        await using var context = await fx.NewContextAsync();
        var p = await fx.OpenAsync(context, fx.Site.Pages.Get("home"));

        await p.Keyboard.PressAsync("Tab");
        var first = await p.FocusedAsync();
        Assert.True(first.Tag == "a" && first.Text.Contains("skip", StringComparison.OrdinalIgnoreCase) && first.Href?.Contains('#', StringComparison.Ordinal) == true,
            $"The first Tab on the home page focuses {first}, not a skip link.");
        var target = first.Href![(first.Href.IndexOf('#', StringComparison.Ordinal) + 1)..];
        Assert.True(await p.EvaluateAsync<bool>("id => !!document.getElementById(id)", target), $"The skip link's target #{target} is not on the page.");

        await p.Keyboard.PressAsync("Enter");
        Assert.EndsWith("#" + target, p.Url, StringComparison.Ordinal);
        // The next Tab must land inside (or after) the target, not back in the header.
        await p.Keyboard.PressAsync("Tab");
        var after = await p.EvaluateAsync<bool>("""
            id => {
              const t = document.getElementById(id), a = document.activeElement;
              return !!a && a !== document.body && (t.contains(a) || !!(t.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING));
            }
            """, target);
        Assert.True(after, $"After using the skip link, Tab focuses {await p.FocusedAsync()}, which is before #{target}.");
    }

    [Fact]
    public async Task Home_to_theme_to_recommendation_to_agency_with_keyboard_only()
    {
        await using var context = await fx.NewContextAsync();
        var p = await fx.OpenAsync(context, fx.Site.Pages.Get("home"));

        // 1. Home → a theme page (directly, or through the themes list).
        var link = await p.TabUntilAsync(f => Local(f) && (ThemePage().IsMatch(PageHelpers.PathOf(f.Href!)) || PageHelpers.PathOf(f.Href!) == Site.UrlScheme.Themes),
            "a link to a theme page or the themes list");
        await FollowAsync(p, link);
        if (PageHelpers.PathOf(link.Href!) == Site.UrlScheme.Themes)
        {
            link = await p.TabUntilAsync(f => Local(f) && ThemePage().IsMatch(PageHelpers.PathOf(f.Href!)), "a link to a theme page");
            await FollowAsync(p, link);
        }
        var themeId = PageHelpers.PathOf(p.Url).Split('/')[2];
        Assert.Contains(fx.Site.Model.Themes, t => t.Id == themeId);

        // 2. Theme page → a recommendation on its review page.
        link = await p.TabUntilAsync(f => Local(f) && RecommendationLink().IsMatch(PageHelpers.PathOf(f.Href!)), "a link to a recommendation (/reviews/<id>/#<anchor>)");
        await FollowAsync(p, link);
        var m = RecommendationLink().Match(PageHelpers.PathOf(p.Url));
        Assert.True(m.Success, $"Following {link} ended on {p.Url}, not on a recommendation.");
        var anchor = Uri.UnescapeDataString(m.Groups["anchor"].Value);
        var review = fx.Site.Model.Reviews.SingleOrDefault(r => r.Id == m.Groups["review"].Value);
        Assert.True(review is not null, $"{p.Url}: no review '{m.Groups["review"].Value}' in the content.");
        var rec = review!.Recommendations.SingleOrDefault(r => r.Anchor == anchor);
        Assert.True(rec is not null, $"{p.Url}: review {review.Id} has no recommendation with anchor '{anchor}' (anchors: {string.Join(", ", review.Recommendations.Select(r => r.Anchor))}).");
        Assert.True(rec!.Themes.Any(t => t.Id == themeId), $"The theme page {themeId} links to {p.Url}, a recommendation not coded with that theme.");
        var visible = await p.EvaluateAsync<string>("""
            id => {
              const e = document.getElementById(id);
              if (!e) return 'missing';
              if (e === document.activeElement || e.contains(document.activeElement)) return 'focused';
              const r = e.getBoundingClientRect();
              return r.top < window.innerHeight && r.bottom > 0 ? 'in view' : 'out of view (top ' + Math.round(r.top) + ')';
            }
            """, anchor);
        Assert.True(visible is "focused" or "in view", $"On {p.Url}, the recommendation #{anchor} is {visible}.");

        // 3. Recommendation → the page of an agency it is addressed to (Tab continues from the fragment).
        link = await p.TabUntilAsync(f => Local(f) && AgencyPage().IsMatch(PageHelpers.PathOf(f.Href!)), "a link to an agency page");
        await FollowAsync(p, link);
        var agencyId = AgencyPage().Match(PageHelpers.PathOf(p.Url)).Groups["agency"].Value;
        var addressees = rec.To.Select(a => a.AgencyId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var successors = fx.Site.Model.Agencies.Where(a => addressees.Contains(a.Id) && a.SuccessorId is not null).Select(a => a.SuccessorId!);
        Assert.True(addressees.Contains(agencyId) || successors.Contains(agencyId),
            $"The first agency link after #{anchor} goes to {agencyId}, not to an addressee of that recommendation ({string.Join(", ", addressees)}).");
    }

    /// <summary>Presses Enter on the focused link and waits for its page.</summary>
    private static async Task FollowAsync(IPage p, FocusInfo link)
    {
        var expected = link.Href!;
        var from = p.Url;
        var arrived = p.WaitForURLAsync(u => u == expected, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Load, Timeout = 20_000 });
        await p.Keyboard.PressAsync("Enter");
        try
        {
            await arrived;
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Pressing Enter on {link} (on {from}) did not load {expected}; the page is at {p.Url}, focus on {await p.FocusedAsync()}.");
        }
        Assert.Equal(expected, p.Url);
    }
}
