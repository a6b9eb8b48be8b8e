using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace DhrPortal.BrowserTests;

/// <summary>axe-core finds no WCAG 2.2 A/AA violation on any page type.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fx)
{
    internal static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    [Theory]
    [MemberData(nameof(PageCatalog.AllKinds), MemberType = typeof(PageCatalog))]
    public async Task Page_has_no_axe_violations(string kind)
    {
        var page = fx.Site.Pages.Get(kind);
        await using var context = await fx.NewContextAsync();
        var p = await fx.OpenAsync(context, page);
        await p.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

        var result = await p.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags },
        });

        Assert.True(result.Violations.Length == 0, Describe(page, result.Violations));
    }

    internal static string Describe(PageRef page, IEnumerable<AxeResultItem> violations)
    {
        var sb = new StringBuilder($"axe violations on {page}:\n");
        foreach (var v in violations)
        {
            sb.Append(CultureInfoInvariant($"- {v.Id} [{v.Impact}] {v.Help} ({v.HelpUrl})\n"));
            foreach (var n in v.Nodes.Take(10))
            {
                var why = n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message).FirstOrDefault(m => !string.IsNullOrEmpty(m));
                sb.Append("    ").Append(n.Target?.Selector ?? n.Target?.ToString()).Append("  ").Append(Trim(n.Html, 160));
                if (why is not null) sb.Append("\n      ").Append(why);
                sb.Append('\n');
            }
            if (v.Nodes.Length > 10) sb.Append("    ... and ").Append(v.Nodes.Length - 10).Append(" more\n");
        }
        return sb.ToString();
    }

    private static string CultureInfoInvariant(FormattableString s) => FormattableString.Invariant(s);

    private static string Trim(string? s, int max) =>
        s is null ? "" : (s.Length <= max ? s : s[..max] + "…").ReplaceLineEndings(" ");
}
