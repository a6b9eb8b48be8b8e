using System.Text.Json;
using Microsoft.Playwright;

namespace DhrPortal.BrowserTests;

/// <summary>What has keyboard focus.</summary>
public sealed record FocusInfo(string Tag, string? Href, string? Id, string Text, string Path)
{
    public override string ToString() => $"<{Tag}{(Id is null ? "" : " id=" + Id)}{(Href is null ? "" : " href=" + Href)}> \"{Text}\" ({Path})";
}

internal static class PageHelpers
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private const string FocusScript = """
        () => {
          const e = document.activeElement;
          if (!e) return JSON.stringify({ tag: 'none', text: '', path: '' });
          const path = [];
          for (let n = e; n && n.nodeType === 1 && path.length < 6; n = n.parentElement)
            path.unshift(n.tagName.toLowerCase() + (n.id ? '#' + n.id : ''));
          return JSON.stringify({
            tag: e.tagName.toLowerCase(),
            href: e.tagName === 'A' && e.hasAttribute('href') ? e.href : null,
            id: e.id || null,
            text: (e.innerText || e.value || e.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 80),
            path: path.join(' > '),
          });
        }
        """;

    public static async Task<FocusInfo> FocusedAsync(this IPage page) =>
        JsonSerializer.Deserialize<FocusInfo>(await page.EvaluateAsync<string>(FocusScript), Json)!;

    /// <summary>
    /// Presses Tab until the focused element satisfies <paramref name="match"/>; fails, listing what was
    /// focused on the way, after <paramref name="maxTabs"/> presses.
    /// </summary>
    public static async Task<FocusInfo> TabUntilAsync(this IPage page, Func<FocusInfo, bool> match, string what, int maxTabs = 400)
    {
        var seen = new List<FocusInfo>();
        for (var i = 0; i < maxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var f = await page.FocusedAsync();
            if (match(f)) return f;
            if (seen.Count > 1 && f == seen[0]) break; // went round the whole page
            seen.Add(f);
        }
        Assert.Fail($"On {page.Url}, {seen.Count} Tab presses never reached {what}. Focused in turn:\n  "
                    + string.Join("\n  ", seen.Take(80).Select(s => s.ToString())));
        return null!;
    }

    /// <summary>The path (and fragment) of a URL on the local site.</summary>
    public static string PathOf(string url)
    {
        var u = new Uri(url);
        return u.AbsolutePath + u.Fragment;
    }
}
