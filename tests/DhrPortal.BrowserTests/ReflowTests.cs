namespace DhrPortal.BrowserTests;

/// <summary>WCAG 1.4.10 Reflow: at 360 CSS px wide no page scrolls sideways.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReflowTests(BrowserFixture fx)
{
    private const int Width = 360;

    [Theory]
    [MemberData(nameof(PageCatalog.AllKinds), MemberType = typeof(PageCatalog))]
    public async Task Page_does_not_scroll_horizontally_at_360px(string kind)
    {
        var page = fx.Site.Pages.Get(kind);
        await using var context = await fx.NewContextAsync(width: Width, height: 740);
        var p = await fx.OpenAsync(context, page);
        await p.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

        var scrollWidth = await p.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (scrollWidth <= Width) return;

        // Name the widest culprits: elements whose right edge is past the viewport.
        // Name the culprits: elements whose box, or whose content, reaches past the viewport.
        var culprits = await p.EvaluateAsync<string[]>("""
            w => [...document.body.querySelectorAll('*')]
              .map(e => { const r = e.getBoundingClientRect(); return [e, Math.max(r.right, r.left + e.scrollWidth), r.width]; })
              .filter(([e, right, width]) => right > w + 0.5 && width > 1)
              .sort((a, b) => b[1] - a[1])
              .slice(0, 10)
              .map(([e, right, width]) => '<' + e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '')
                   + '> reaches ' + Math.round(right) + 'px (box ' + Math.round(width) + 'px wide): ' + (e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60))
            """, Width);
        Assert.Fail($"{page}: document.documentElement.scrollWidth is {scrollWidth}px at a {Width}px viewport. Overflowing:\n  " + string.Join("\n  ", culprits));
    }
}
