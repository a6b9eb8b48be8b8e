using DhrPortal.Content;
using DhrPortal.Diagnostics;

namespace DhrPortal.Loading;

/// <summary>Binds the registry files (themes, agencies, CSPs, site settings).</summary>
internal static class RegistryParser
{
    private static YamlMap? Root(SourceFile? file, string name, string[] keys, DiagnosticBag bag, bool required = true)
    {
        if (file is null)
        {
            if (required)
                bag.Error(DiagnosticCodes.MissingRegistry, SourceSpan.WholeFile(name), $"'{name}' was not found in the input folder.");
            return null;
        }
        var text = TextDecoder.Decode(file, bag);
        if (text is null) return null;
        var root = SafeYaml.Parse(text, file.Path, 0, bag);
        if (root is null) return null;
        return new YamlContext(file.Path, 0, bag).AsMap(root, $"'{name}'", keys);
    }

    public static IReadOnlyList<ThemeArea> Themes(SourceFile? file, DiagnosticBag bag)
    {
        var root = Root(file, InputReader.ThemesFile, ["areas"], bag);
        if (root is null) return [];
        var areas = new List<ThemeArea>();
        foreach (var a in root.MapList("areas", n => $"area {n}", ["id", "name", "description", "themes"]))
        {
            var id = a.Slug("id");
            var name = a.String("name");
            var description = a.Text("description");
            var themes = new List<Theme>();
            foreach (var t in a.MapList("themes", n => $"theme {n} of area '{id}'", ["id", "name", "description", "keywords", "source"]))
            {
                var tid = t.Slug("id");
                var tname = t.String("name");
                var tdesc = t.Text("description");
                var keywords = t.StringList("keywords", required: false);
                var source = t.String("source", required: false);
                if (tid is null || tname is null || tdesc is null || id is null) continue;
                themes.Add(new Theme
                {
                    Id = tid, Name = tname, AreaId = id, Description = tdesc,
                    Keywords = keywords.Select(k => k.Value).ToList(), Source = source, Span = t.Span,
                });
            }
            if (id is null || name is null || description is null) continue;
            areas.Add(new ThemeArea { Id = id, Name = name, Description = description, Themes = themes, Span = a.Span });
        }
        return areas;
    }

    public static IReadOnlyList<Agency> Agencies(SourceFile? file, DiagnosticBag bag)
    {
        var root = Root(file, InputReader.AgenciesFile, ["agencies"], bag);
        if (root is null) return [];
        var result = new List<Agency>();
        foreach (var a in root.MapList("agencies", n => $"agency {n}", ["id", "name", "sector", "area", "aliases", "successor", "note"]))
        {
            var id = a.Slug("id");
            var name = a.String("name");
            var sector = a.Choice("sector", Vocabulary.Sectors);
            var area = a.String("area", required: false);
            var aliases = a.StringList("aliases", required: false);
            var successor = a.Slug("successor", required: false);
            var note = a.Text("note", required: false);
            if (id is null || name is null || sector is null) continue;
            result.Add(new Agency
            {
                Id = id, Name = name, Sector = sector, Area = area, Aliases = aliases.Select(x => x.Value).ToList(),
                SuccessorId = successor, Note = note, Span = a.Span, SuccessorSpan = a.SpanOf("successor"),
            });
        }
        return result;
    }

    public static IReadOnlyList<Csp> Csps(SourceFile? file, DiagnosticBag bag)
    {
        var root = Root(file, InputReader.CspsFile, ["csps"], bag);
        if (root is null) return [];
        var result = new List<Csp>();
        foreach (var c in root.MapList("csps", n => $"CSP {n}", ["id", "name", "region", "police_force_area", "nation"]))
        {
            var id = c.Slug("id");
            var name = c.String("name");
            var region = c.String("region");
            var force = c.String("police_force_area", required: false);
            var nation = c.Choice("nation", Vocabulary.Nations);
            if (id is null || name is null || region is null || nation is null) continue;
            result.Add(new Csp { Id = id, Name = name, Region = region, PoliceForceArea = force, Nation = nation, Span = c.Span });
        }
        return result;
    }

    public static SiteSettings Site(SourceFile? file, DiagnosticBag bag)
    {
        var root = Root(file, InputReader.SiteFile, ["title", "base_url", "licence"], bag, required: false);
        if (root is null) return SiteSettings.Default;
        var title = root.String("title");
        var baseUrl = root.String("base_url");
        var licence = root.String("licence");
        Uri? uri = null;
        if (baseUrl is not null && (!Uri.TryCreate(baseUrl, UriKind.Absolute, out uri) || uri.Scheme != "https" || baseUrl.EndsWith('/')))
        {
            bag.Error(DiagnosticCodes.InvalidUrl, root.SpanOf("base_url"), $"'{baseUrl}' should be an https:// address without a trailing '/'.");
            uri = null;
        }
        return title is null || uri is null || licence is null
            ? SiteSettings.Default
            : new SiteSettings { Title = title, BaseUrl = uri, Licence = licence };
    }
}
