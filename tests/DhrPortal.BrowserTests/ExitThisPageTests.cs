using Microsoft.Playwright;

namespace DhrPortal.BrowserTests;

/// <summary>
/// "Exit this page" leaves the portal at once, for someone who may be watched. Requests to other
/// origins are answered locally with a blank page (see <see cref="BrowserFixture.NewContextAsync"/>).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ExitThisPageTests(BrowserFixture fx)
{
    private const string ExitHost = "www.bbc.co.uk";

    private static bool IsExit(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Host == ExitHost;

    /// <summary>Opens the home page, then a review page, so that Back has somewhere to go.</summary>
    private async Task<(IPage Page, string ReviewUrl, string HomeUrl)> OpenTwoPagesAsync(IBrowserContext context)
    {
        var home = fx.Site.Pages.Get("home");
        var review = fx.Site.Pages.Get("review");
        var p = await fx.OpenAsync(context, home);
        var homeUrl = p.Url;
        var response = await p.GotoAsync(review.Url);
        Assert.Equal(200, response!.Status);
        return (p, p.Url, homeUrl);
    }

    [Fact]
    public async Task Clicking_exit_leaves_the_site_and_Back_does_not_return()
    {
        await using var context = await fx.NewContextAsync(answerExternal: true);
        var (p, reviewUrl, homeUrl) = await OpenTwoPagesAsync(context);
        var exitRequests = new List<string>();
        p.Request += (_, r) => { if (r.IsNavigationRequest && !fx.IsLocal(r.Url)) exitRequests.Add(r.Url); };

        await p.Locator("#exit-this-page").ClickAsync();
        await p.WaitForURLAsync(IsExit, new PageWaitForURLOptions { Timeout = 10_000 });

        Assert.Equal(ExitHost, new Uri(p.Url).Host);
        Assert.Contains(exitRequests, u => new Uri(u).Host == ExitHost);
        await AssertBackDoesNotReturnAsync(p, reviewUrl, homeUrl);
    }

    [Fact]
    public async Task Pressing_Shift_three_times_leaves_the_site_and_Back_does_not_return()
    {
        await using var context = await fx.NewContextAsync(answerExternal: true);
        var (p, reviewUrl, homeUrl) = await OpenTwoPagesAsync(context);
        await p.WaitForLoadStateAsync(LoadState.NetworkIdle); // exit.js is loaded and listening

        for (var i = 0; i < 3; i++) await p.Keyboard.PressAsync("Shift");
        await p.WaitForURLAsync(IsExit, new PageWaitForURLOptions { Timeout = 10_000 });

        Assert.Equal(ExitHost, new Uri(p.Url).Host);
        await AssertBackDoesNotReturnAsync(p, reviewUrl, homeUrl);
    }

    [Fact]
    public async Task Exit_link_works_without_JavaScript()
    {
        await using var context = await fx.NewContextAsync(javaScript: false, answerExternal: true);
        var p = await fx.OpenAsync(context, fx.Site.Pages.Get("review"));

        await p.Locator("#exit-this-page").ClickAsync();
        await p.WaitForURLAsync(IsExit, new PageWaitForURLOptions { Timeout = 10_000 });

        Assert.Equal(PageConventionsTests.ExitUrl, p.Url);
    }

    /// <summary>The exit replaced the review page in the history: Back goes to the page before it.</summary>
    private static async Task AssertBackDoesNotReturnAsync(IPage p, string reviewUrl, string homeUrl)
    {
        await p.GoBackAsync(new PageGoBackOptions { Timeout = 10_000 });
        Assert.True(p.Url != reviewUrl, $"Back returned to the page the person exited from ({reviewUrl}): the exit must use location.replace.");
        Assert.Equal(homeUrl, p.Url);
    }
}
