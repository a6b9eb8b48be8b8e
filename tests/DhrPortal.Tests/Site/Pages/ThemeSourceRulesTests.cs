using DhrPortal.Tests.Site.Build;
using Xunit;

namespace DhrPortal.Tests.Site.Pages;

/// <summary>
/// Rules on the theme's sources that keep it safe by construction: slices are HTML-encoded by
/// default, and the one way to write pre-rendered HTML is the Markup helper around the sanitising
/// Markdown renderer.
/// </summary>
public sealed class ThemeSourceRulesTests
{
    private static IEnumerable<(string Path, string Text)> Sources(string pattern) =>
        Directory.EnumerateFiles(Paths.Theme, pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(Paths.Root, f).Replace('\\', '/'), File.ReadAllText(f)));

    [Fact]
    public void Only_the_markup_helper_makes_raw_html()
    {
        var offenders = Sources("*.cshtml").Concat(Sources("*.cs"))
            .Where(s => s.Path != "theme/Markup.cs")
            .Where(s => new[] { "Html.Raw", "new HtmlString", "WriteHtml", "WriteLiteral(", "HtmlContentBuilder", "IHtmlContent Raw" }
                .Any(bad => s.Text.Contains(bad, StringComparison.Ordinal)))
            .Select(s => s.Path)
            .ToList();

        Assert.True(offenders.Count == 0, "Raw HTML outside theme/Markup.cs: " + string.Join(", ", offenders));
        var markup = File.ReadAllText(Path.Combine(Paths.Theme, "Markup.cs"));
        // Every HtmlString is made from the HTML of a RenderedText, which only the sanitising renderer makes.
        var made = System.Text.RegularExpressions.Regex.Matches(markup, @"new HtmlString\((.*)\);").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(made);
        Assert.All(made, argument => Assert.Matches(@"^texts\.\w+\([^()]*\)\??\.Html$", argument));
    }

    [Fact]
    public void Slices_have_no_inline_script_or_style()
    {
        foreach (var (path, text) in Sources("*.cshtml"))
        {
            Assert.DoesNotContain("<style", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" style=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<script>", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("javascript:", text, StringComparison.OrdinalIgnoreCase);
            Assert.False(path.Length == 0);
        }
    }
}
