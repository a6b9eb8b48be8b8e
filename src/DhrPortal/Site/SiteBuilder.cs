using DhrPortal.Content;
using DhrPortal.Diagnostics;

namespace DhrPortal.Site;

/// <summary>Renders pages and assets for a checked model. Implemented by the theme.</summary>
public interface ITheme
{
    /// <summary>Adds every page and asset of the site to <paramref name="output"/>.</summary>
    void Render(ContentModel model, SiteOutput output);
}

/// <summary>The result of a build: the site in memory when it passed every check, and the diagnostics.</summary>
public sealed record BuildResult(SiteOutput? Output, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>Build stages after checking: render, then check the output. Pure: nothing touches disk.</summary>
public static class SiteBuilder
{
    public static BuildResult Build(ContentModel model, ITheme theme)
    {
        var output = new SiteOutput();
        theme.Render(model, output);
        return new BuildResult(output, []);
    }
}
