using DhrPortal.Site.Markdown;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DhrPortal.Cli.Serve;
using DhrPortal.Content;
using DhrPortal.Generation;
using DhrPortal.Learning;
using DhrPortal.Site;
using DhrPortal.Validation;
using Microsoft.Playwright;

namespace DhrPortal.BrowserTests;

/// <summary>
/// Recurring recommendations on a phone (360 px), on a generated corpus (the real content has no
/// repeat across reviews yet): the national page and a theme page showing a cluster fit the width
/// and have no axe violation, and a cluster's links lead to its recommendations. One build for all.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RecurringTests(BrowserFixture fx) : IDisposable
{
    private const int Phone = 360;
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"dhr-recurring-{Environment.ProcessId}-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private async Task<(IPage Page, SiteIndex Index, IAsyncDisposable Context, StaticServer Server)> OpenGeneratedAsync()
    {
        var model = ContentChecker.Check(CorpusGenerator.Generate(300, 1), new CheckOptions { Today = CorpusGenerator.LatestDay }).Model!;
        Assert.True(SiteWriter.Build(model, new DhrPortal.Theme.DefaultTheme(), _root).Succeeded);
        var index = SiteIndex.Create(model, [], SimilarRecommendations.Compute(model), RenderedTexts.Of(model));
        var server = new StaticServer(_root, NetlifyHeaders.Load(RepoPaths.NetlifyToml));
        var context = await fx.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl.ToString(), ViewportSize = new ViewportSize { Width = Phone, Height = 800 },
        });
        return (await context.NewPageAsync(), index, context, server);
    }

    [Fact]
    public async Task The_national_page_and_a_theme_page_with_a_cluster_fit_a_phone_pass_axe_and_link_to_the_recommendations()
    {
        var (p, index, context, server) = await OpenGeneratedAsync();
        await using var _ = context;
        using var __ = server;
        Assert.NotEmpty(index.Recurring);
        var theme = index.Model.Themes.First(t => index.RecurringForTheme(t.Id).Count > 0);

        foreach (var url in new[] { UrlScheme.Recurring, UrlScheme.Theme(theme.Id) })
        {
            await p.GotoAsync(url);
            Assert.True(await p.Locator("li.cluster").CountAsync() > 0, $"{url} shows no cluster");
            var scrollWidth = await p.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= Phone, $"{url} scrolls sideways at {Phone} px ({scrollWidth} px wide)");
            var axe = await p.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = AccessibilityTests.WcagTags } });
            Assert.True(axe.Violations.Length == 0, AccessibilityTests.Describe(new PageRef("recurring", url), axe.Violations));
        }

        // The first link of the largest cluster leads to its newest member, which lists its repeats.
        var first = index.Recurring[0].Members[0];
        await p.GotoAsync(UrlScheme.Recurring);
        await p.Locator("li.cluster .cluster__members a").First.ClickAsync();
        Assert.Equal(UrlScheme.Review(first.Review), new Uri(p.Url).AbsolutePath);
        Assert.Equal("#" + first.Recommendation.Anchor, new Uri(p.Url).Fragment);
        await Assertions.Expect(p.Locator($"[id='{first.Recommendation.Anchor}'] .rec__similar")).ToBeVisibleAsync();
    }
}
