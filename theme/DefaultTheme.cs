using DhrPortal.Content;
using DhrPortal.Site;

namespace DhrPortal.Theme;

/// <summary>The portal's theme: Razor slices and static assets.</summary>
public sealed class DefaultTheme : ITheme
{
    public void Render(ContentModel model, SiteOutput output)
    {
        output.Add("index.html", "<!doctype html><title>DhrPortal</title>", "input/site.yml");
    }
}
