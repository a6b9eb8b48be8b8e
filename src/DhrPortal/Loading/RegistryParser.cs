using DhrPortal.Content;
using DhrPortal.Diagnostics;

namespace DhrPortal.Loading;

/// <summary>Binds the registry files (themes, agencies, CSPs, site settings).</summary>
internal static class RegistryParser
{
    // The key vocabulary of each registry; the JSON Schemas (Schemas/ContentSchemas) are generated from these.
    internal static readonly string[] ThemesFileKeys = ["areas"];
    internal static readonly string[] AreaKeys = ["id", "name", "description", "themes"];
    internal static readonly string[] ThemeKeys = ["id", "name", "description", "keywords", "source"];
    internal static readonly string[] AgenciesFileKeys = ["agencies"];
    internal static readonly string[] AgencyKeys = ["id", "name", "sector", "area", "aliases", "successor", "note"];
    internal static readonly string[] CspsFileKeys = ["csps"];
    internal static readonly string[] CspKeys = ["id", "name", "region", "police_force_area", "nation"];
    internal static readonly string[] SiteKeys = ["title", "base_url", "licence", "status_as_of"];

    internal static YamlMap? Root(SourceFile? file, string name, string[] keys, DiagnosticBag bag, bool required = true)
    {
        if (file is null)
        {
            if (required)
                bag.Error(DiagnosticCodes.MissingRegistry, SourceSpan.WholeFile(name), $"'{name}' was not found in the input folder.");
            return null;
        }
        var text = TextDecoder.Decode(file, bag);
        if (text is null) return null;
        var before = bag.Items.Count;
        var root = SafeYaml.Parse(text, file.Path, 0, bag);
        if (root is null)
        {
            // A file with nothing but comments or blank lines parses to no document at all.
            if (bag.Items.Count == before)
                bag.Error(DiagnosticCodes.MissingField, SourceSpan.WholeFile(file.Path), $"'{name}' is empty; it needs '{keys[0]}'.");
            return null;
        }
        return new YamlContext(file.Path, 0, bag).AsMap(root, $"'{name}'", keys);
    }

    /// <summary>Binds themes.yml; <paramref name="load"/>, when given, is lenient and collects what the checker needs.</summary>
    public static IReadOnlyList<ThemeArea> Themes(SourceFile? file, DiagnosticBag bag, RegistryLoad? load = null)
    {
        var root = Root(file, InputReader.ThemesFile, ThemesFileKeys, bag);
        if (load is not null) load.ThemesUsable = root is not null;
        var lenient = load is not null;
        if (root is null) return [];
        var areas = new List<ThemeArea>();
        foreach (var a in root.MapList("areas", n => $"area {n}", AreaKeys))
        {
            var id = a.Slug("id");
            var name = a.String("name");
            var description = a.Text("description");
            var themes = new List<Theme>();
            foreach (var t in a.MapList("themes", n => $"theme {n} of area '{id}'", ThemeKeys))
            {
                var tid = t.Slug("id");
                var tname = t.String("name");
                var tdesc = t.Text("description");
                var keywords = t.StringList("keywords", required: false);
                var source = t.String("source", required: false);
                if (tid is null || (!lenient && (tname is null || tdesc is null || id is null))) continue;
                themes.Add(new Theme
                {
                    Id = tid, Name = tname ?? tid, AreaId = id ?? "", Description = tdesc ?? "",
                    Keywords = keywords.Select(k => k.Value).ToList(), Source = source, Span = t.Span,
                });
            }
            if (!lenient && (id is null || name is null || description is null)) continue;
            areas.Add(new ThemeArea { Id = id ?? "", Name = name ?? id ?? "", Description = description ?? "", Themes = themes, Span = a.Span });
        }
        return areas;
    }

    /// <summary>Binds agencies.yml; see <see cref="Themes"/> for <paramref name="load"/>.</summary>
    public static IReadOnlyList<Agency> Agencies(SourceFile? file, DiagnosticBag bag, RegistryLoad? load = null)
    {
        var root = Root(file, InputReader.AgenciesFile, AgenciesFileKeys, bag);
        if (load is not null) load.AgenciesUsable = root is not null;
        if (root is null) return [];
        var result = new List<Agency>();
        foreach (var a in root.MapList("agencies", n => $"agency {n}", AgencyKeys))
        {
            var id = a.Slug("id");
            var name = a.String("name");
            var sector = a.Choice("sector", Vocabulary.Sectors);
            var area = a.String("area", required: false);
            var aliases = a.StringList("aliases", required: false);
            var successor = a.Slug("successor", required: false);
            var note = a.Text("note", required: false);
            if (id is null || (load is null && (name is null || sector is null))) continue;
            var agency = new Agency
            {
                Id = id, Name = name ?? id, Sector = sector ?? "other", Area = area, Aliases = aliases.Select(x => x.Value).ToList(),
                SuccessorId = successor, Note = note, Span = a.Span, SuccessorSpan = a.SpanOf("successor"),
            };
            result.Add(agency);
            load?.AgencyNameSpans.Add(agency, [a.SpanOf("id"), a.SpanOf(name is null ? "id" : "name"), .. aliases.Select(x => x.Span)]);
        }
        return result;
    }

    /// <summary>Binds csps.yml; see <see cref="Themes"/> for <paramref name="load"/>.</summary>
    public static IReadOnlyList<Csp> Csps(SourceFile? file, DiagnosticBag bag, RegistryLoad? load = null)
    {
        var root = Root(file, InputReader.CspsFile, CspsFileKeys, bag);
        if (load is not null) load.CspsUsable = root is not null;
        if (root is null) return [];
        var result = new List<Csp>();
        foreach (var c in root.MapList("csps", n => $"CSP {n}", CspKeys))
        {
            var id = c.Slug("id");
            var name = c.String("name");
            var region = c.String("region");
            var force = c.String("police_force_area", required: false);
            var nation = c.Choice("nation", Vocabulary.Nations);
            if (id is null || (load is null && (name is null || region is null || nation is null))) continue;
            result.Add(new Csp { Id = id, Name = name ?? id, Region = region ?? "", PoliceForceArea = force, Nation = nation ?? "england", Span = c.Span });
        }
        return result;
    }

    public static SiteSettings Site(SourceFile? file, DiagnosticBag bag)
    {
        var root = Root(file, InputReader.SiteFile, SiteKeys, bag, required: false);
        if (root is null) return SiteSettings.Default;
        var title = root.String("title");
        var baseUrl = root.String("base_url");
        var licence = root.String("licence");
        var statusAsOf = root.Month("status_as_of", required: false);
        Uri? uri = null;
        if (baseUrl is not null && Text.WebAddress.Problem(baseUrl, allowHttp: false, siteRoot: true, out uri) is { } problem)
            bag.Error(DiagnosticCodes.InvalidUrl, root.SpanOf("base_url"), $"'{baseUrl}' {problem}.",
                "Write the site's address as https://host or https://host/path, without a trailing '/'.");
        return title is null || uri is null || licence is null
            ? SiteSettings.Default
            : new SiteSettings { Title = title, BaseUrl = uri, Licence = licence, StatusAsOf = statusAsOf, StatusAsOfSpan = root.SpanOf("status_as_of") };
    }
}

/// <summary>
/// Asks the registry parsers to bind leniently, for the checker: an entry whose id is valid is kept even
/// when other fields are wrong (already reported, with placeholders in their place), so that references
/// to it do not add a second, misleading error. With an error reported, no model is ever published.
/// </summary>
internal sealed class RegistryLoad
{
    /// <summary>False when the file is missing or could not be read as a whole (already reported).</summary>
    public bool ThemesUsable { get; set; }
    public bool AgenciesUsable { get; set; }
    public bool CspsUsable { get; set; }

    /// <summary>Per agency: spans of its id, its name and each alias, in <c>Aliases.Prepend(Name).Prepend(Id)</c> order.</summary>
    public Dictionary<Agency, IReadOnlyList<SourceSpan>> AgencyNameSpans { get; } = new(ReferenceEqualityComparer.Instance);
}
