using System.Text;
using DhrPortal.Text;
using DhrPortal.Validation;

namespace DhrPortal.Generation;

/// <summary>An agency of the synthetic registry, with what a review needs to address it.</summary>
internal sealed class GenAgency
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Sector { get; init; }
    public string? Area { get; init; }
    public List<string> Aliases { get; } = [];
    public string? Successor { get; init; }
    public string? Note { get; init; }
    /// <summary>Councils: reports address their departments ("ABC Adult Social Care"), registered as aliases.</summary>
    public bool HasDepartments { get; init; }
    /// <summary>Only addressed by reviews published before this month (CCGs, CRCs); null when always current.</summary>
    public (int Year, int Month)? Until { get; init; }
}

internal sealed class GenCsp
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Place { get; init; }
    public required GenForce Force { get; init; }
    /// <summary>Agencies serving only this partnership's area (its council, its former CCG) and its ICB.</summary>
    public List<GenAgency> Local { get; } = [];
    public required GenAgency Icb { get; init; }
    /// <summary>How likely the partnership is to be chosen for a review.</summary>
    public required int Weight { get; init; }
}

internal sealed class GenForce
{
    public required string Area { get; init; }
    public required string Region { get; init; }
    public required string Nation { get; init; }
    public required GenAgency Police { get; init; }
    /// <summary>Agencies serving the whole force area (trusts, county council, voluntary services, boards).</summary>
    public List<GenAgency> Agencies { get; } = [];
    public List<GenCsp> Csps { get; } = [];
    public required List<GenAgency> Probation { get; init; }
}

/// <summary>
/// The synthetic registries: ~40 police force areas over the English regions and Wales, ~300
/// partnerships and ~400 agencies whose names and aliases are unique once normalised.
/// </summary>
internal sealed class SyntheticRegistry
{
    private const string CcgNote = "Clinical Commissioning Groups were replaced by Integrated Care Boards in July 2022.";
    private const string CrcNote = "Community Rehabilitation Companies were brought into the Probation Service in June 2021.";

    private readonly Random _rng;
    private readonly HashSet<string> _places = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);

    public List<GenAgency> Agencies { get; } = [];
    public List<GenForce> Forces { get; } = [];
    public List<GenCsp> Csps { get; } = [];
    public List<GenAgency> National { get; } = [];
    public GenAgency AllAgencies { get; private set; } = null!;

    /// <summary>True when <paramref name="text"/> already names an agency (so a review must not use it as an abbreviation).</summary>
    public bool IsKnownName(string text) => _keys.ContainsKey(AgencyResolver.Normalize(text));

    public SyntheticRegistry(Random rng)
    {
        _rng = rng;
        foreach (var (id, name, sector, aliases) in SyntheticData.National)
        {
            var a = Add(new GenAgency { Id = id, Name = name, Sector = sector }, aliases);
            if (id == "all-agencies") AllAgencies = a;
            else National.Add(a);
        }
        foreach (var (region, nation, forces) in SyntheticData.Regions)
        {
            var probation = new List<GenAgency>();
            var regionSlug = Slug.From(region);
            probation.Add(Add(new GenAgency { Id = $"probation-service-{regionSlug}", Name = $"Probation Service {region}", Sector = "criminal-justice", Area = region },
                [$"{region} Probation Service", $"National Probation Service {region}"]));
            if (nation == "england")
            {
                probation.Add(Add(new GenAgency
                {
                    Id = $"{regionSlug}-crc", Name = $"{region} Community Rehabilitation Company", Sector = "criminal-justice", Area = region,
                    Successor = probation[0].Id, Note = CrcNote, Until = (2021, 6),
                }, [$"{region} CRC"]));
            }
            for (var f = 0; f < forces; f++) AddForce(region, nation, probation);
        }
    }

    private GenAgency Add(GenAgency agency, IEnumerable<string> aliases)
    {
        if (!Slug.IsValid(agency.Id)) throw new InvalidOperationException($"Bad generated id '{agency.Id}'.");
        foreach (var key in new[] { agency.Id, agency.Name })
        {
            var normalized = AgencyResolver.Normalize(key);
            if (_keys.TryGetValue(normalized, out var owner) && owner != agency.Id)
                throw new InvalidOperationException($"Generated name '{key}' is not unique.");
            _keys[normalized] = agency.Id;
        }
        foreach (var alias in aliases)
        {
            // An alias must lead to one agency only: drop one that another agency already uses.
            var normalized = AgencyResolver.Normalize(alias);
            if (_keys.TryGetValue(normalized, out var owner) && owner != agency.Id) continue;
            _keys[normalized] = agency.Id;
            agency.Aliases.Add(alias);
        }
        Agencies.Add(agency);
        return agency;
    }

    private string NewPlace(bool welsh)
    {
        var (prefixes, suffixes) = welsh ? (SyntheticData.WelshPrefixes, SyntheticData.WelshSuffixes) : (SyntheticData.PlacePrefixes, SyntheticData.PlaceSuffixes);
        while (true)
        {
            var name = prefixes[_rng.Next(prefixes.Length)] + suffixes[_rng.Next(suffixes.Length)];
            if (_places.Add(name)) return name;
        }
    }

    private string NewForceArea(bool welsh)
    {
        while (true)
        {
            var name = welsh ? NewPlace(true) : SyntheticData.PlacePrefixes[_rng.Next(SyntheticData.PlacePrefixes.Length)] + "shire";
            if (!welsh && !_places.Add(name)) continue;
            return name;
        }
    }

    private void AddForce(string region, string nation, List<GenAgency> probation)
    {
        var london = region == "London";
        var wales = nation == "wales";
        var area = london ? "London" : NewForceArea(wales);
        var slug = Slug.From(area);
        var police = london
            ? Add(new GenAgency { Id = "metropolitan-police-service", Name = "Metropolitan Police Service", Sector = "police", Area = area }, ["Metropolitan Police", "Met Police"])
            : _rng.Next(2) == 0
                ? Add(new GenAgency { Id = $"{slug}-police", Name = $"{area} Police", Sector = "police", Area = area }, [$"{area} Constabulary"])
                : Add(new GenAgency { Id = $"{slug}-constabulary", Name = $"{area} Constabulary", Sector = "police", Area = area }, [$"{area} Police", $"{area} Police Force"]);
        var force = new GenForce { Area = area, Region = region, Nation = nation, Police = police, Probation = probation };
        Forces.Add(force);

        var cspCount = london ? 32 : wales ? 4 + _rng.Next(3) : 5 + _rng.Next(4);
        var places = Enumerable.Range(0, cspCount).Select(_ => NewPlace(wales)).ToList();

        // Health commissioners: Integrated Care Boards in England (two in London), health boards in Wales.
        var icbs = new List<GenAgency>();
        if (wales)
        {
            icbs.Add(Add(new GenAgency { Id = $"{slug}-university-health-board", Name = $"{area} University Health Board", Sector = "health", Area = area },
                [$"{area} UHB", $"{area} Health Board"]));
        }
        else if (london)
        {
            for (var i = 0; i < 2; i++)
            {
                var p = places[i * 16];
                icbs.Add(Add(new GenAgency { Id = $"nhs-{Slug.From(p)}-and-partners-icb", Name = $"NHS {p} and Partners Integrated Care Board", Sector = "health", Area = $"{p} and partners" },
                    [$"{p} and Partners ICB"]));
            }
        }
        else
        {
            icbs.Add(Add(new GenAgency { Id = $"nhs-{slug}-icb", Name = $"NHS {area} Integrated Care Board", Sector = "health", Area = area },
                [$"{area} ICB", $"{area} Integrated Care Board"]));
        }

        if (!wales)
        {
            force.Agencies.Add(Add(new GenAgency { Id = $"{slug}-partnership-nhs-foundation-trust", Name = $"{area} Partnership NHS Foundation Trust", Sector = "health", Area = area },
                [$"{area} Partnership Trust"]));
            var (p1, p2) = (places[0], places[1]);
            force.Agencies.Add(Add(new GenAgency
            {
                Id = $"{Slug.From(p1)}-and-{Slug.From(p2)}-hospitals-nhs-trust", Name = $"{p1} and {p2} Hospitals NHS Trust", Sector = "health", Area = area,
            }, [$"{p1} and {p2} Hospitals"]));
        }
        if (!london && !wales)
        {
            force.Agencies.Add(Add(new GenAgency { Id = $"{slug}-county-council", Name = $"{area} County Council", Sector = "local-authority", Area = area, HasDepartments = true },
                Departments($"{area} County Council").Append($"{area} Council")));
        }
        force.Agencies.Add(_rng.Next(2) == 0
            ? Add(new GenAgency { Id = $"{slug}-womens-aid", Name = $"{area} Women's Aid", Sector = "voluntary", Area = area }, [$"{area} Womens Aid"])
            : Add(new GenAgency { Id = $"{slug}-domestic-abuse-service", Name = $"{area} Domestic Abuse Service", Sector = "voluntary", Area = area }, [$"{area} Domestic Abuse Services"]));
        if (_rng.NextDouble() < 0.6)
            force.Agencies.Add(Add(new GenAgency { Id = $"{slug}-safeguarding-adults-board", Name = $"{area} Safeguarding Adults Board", Sector = "safeguarding-board", Area = area }, [$"{area} SAB"]));
        if (_rng.NextDouble() < 0.4)
        {
            var p = places[^1];
            force.Agencies.Add(Add(new GenAgency { Id = $"{Slug.From(p)}-homes", Name = $"{p} Homes", Sector = "housing", Area = p }, [$"{p} Homes Limited"]));
        }

        for (var i = 0; i < cspCount; i++)
        {
            var place = places[i];
            var pslug = Slug.From(place);
            var name = _rng.NextDouble() < 0.8 ? $"{place} Community Safety Partnership" : $"Safer {place} Partnership";
            var icb = icbs[Math.Min(icbs.Count - 1, i / 16)];
            var csp = new GenCsp { Id = pslug, Name = name, Place = place, Force = force, Icb = icb, Weight = 1 + _rng.Next(5) };
            csp.Local.Add(icb);
            var councilChance = london ? 0.4 : wales ? 0.6 : 0.25;
            if (_rng.NextDouble() < councilChance)
            {
                var kind = london ? "London Borough of" : wales ? "County Borough Council" : new[] { "Borough Council", "City Council", "District Council" }[_rng.Next(3)];
                var council = london ? $"London Borough of {place}" : $"{place} {kind}";
                csp.Local.Add(Add(new GenAgency { Id = Slug.From(council), Name = council, Sector = "local-authority", Area = place, HasDepartments = true },
                    Departments(council).Append($"{place} Council")));
            }
            if (!wales && _rng.NextDouble() < (london ? 0.25 : 0.15))
            {
                csp.Local.Add(Add(new GenAgency
                {
                    Id = $"nhs-{pslug}-ccg", Name = $"NHS {place} Clinical Commissioning Group", Sector = "health", Area = place,
                    Successor = icb.Id, Note = CcgNote, Until = (2022, 7),
                }, [$"{place} CCG", $"{place} Clinical Commissioning Group"]));
            }
            force.Csps.Add(csp);
            Csps.Add(csp);
        }
    }

    private static IEnumerable<string> Departments(string council) =>
        [$"{council} Adult Social Care", $"{council} Children's Services", $"{council} Housing Services"];

    /// <summary>Initials of the significant words: "Thornshire Partnership NHS Foundation Trust" → "TPFT".</summary>
    public static string Acronym(string name)
    {
        var sb = new StringBuilder();
        foreach (var word in name.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word is "of" or "and" or "the" or "for" or "&" or "NHS" || !char.IsLetter(word[0])) continue;
            sb.Append(char.ToUpperInvariant(word[0]));
        }
        return sb.ToString();
    }

    // ----- Files -----

    public static string SiteYaml() =>
        "title: DhrPortal (synthetic corpus)\n"
        + "base_url: https://dhrportal.example.org\n"
        + "licence: Open Government Licence v3.0\n";

    /// <summary>Six support links, as many as the real portal lists, so page sizes include a real-sized footer.</summary>
    public static string SupportYaml()
    {
        var sb = new StringBuilder("# Support links of the synthetic corpus (fictional services).\nlinks:\n");
        for (var i = 1; i <= 6; i++)
        {
            sb.Append("  - name: Synthetic helpline ").Append(i).Append('\n');
            sb.Append("    description: A fictional service standing in for a real helpline, open day and night, free and confidential.\n");
            sb.Append("    phone: 0800 000 00").Append(i).Append('\n');
            sb.Append("    url: https://helpline-").Append(i).Append(".example.org\n");
        }
        return sb.ToString();
    }

    public static string ThemesYaml()
    {
        var sb = new StringBuilder("# Theme taxonomy of the synthetic corpus.\nareas:\n");
        var n = 0;
        foreach (var (id, name, description, themes) in SyntheticData.Taxonomy)
        {
            sb.Append("  - id: ").Append(id).Append('\n');
            sb.Append("    name: ").Append(YamlText.Scalar(name)).Append('\n');
            sb.Append("    description: ").Append(YamlText.Scalar(description)).Append('\n');
            sb.Append("    themes:\n");
            foreach (var (tid, tname, keywords, objects) in themes)
            {
                n++;
                sb.Append("      - id: ").Append(tid).Append('\n');
                sb.Append("        name: ").Append(YamlText.Scalar(tname)).Append('\n');
                sb.Append("        description: ").Append(YamlText.Scalar($"Recommendations about {objects[0]}.")).Append('\n');
                sb.Append("        keywords: ").Append(YamlText.FlowList(keywords)).Append('\n');
                if (n % 3 == 0) sb.Append("        source: Synthetic thematic study ").Append(n / 3).Append(".1\n");
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// The study the synthetic themes name in their <c>source:</c> (a section for every third theme), at
    /// the real study's address, so a generated site has the same page set as the real one.
    /// </summary>
    public static string StudyMarkdown()
    {
        var sections = SyntheticData.Taxonomy.Sum(a => a.Themes.Length) / 3;
        var sb = new StringBuilder("---\ntitle: Synthetic thematic study\n")
            .Append("description: The study the synthetic corpus's themes come from.\n")
            .Append("caption: Thematic study, 2015\n")
            .Append("theme_source: Synthetic thematic study\n---\n")
            .Append("A synthetic study, summarised in the portal's own words.\n\n## What it found {#findings}\n");
        for (var k = 1; k <= sections; k++)
            sb.Append("\n### ").Append(k).Append(".1 Section ").Append(k).Append("\n\nWhat the study found in area ").Append(k).Append(".\n");
        return sb.ToString();
    }

    public string AgenciesYaml()
    {
        var sb = new StringBuilder("# Agencies of the synthetic corpus. Names and aliases are unique once normalised.\nagencies:\n");
        foreach (var a in Agencies)
        {
            sb.Append("  - id: ").Append(a.Id).Append('\n');
            sb.Append("    name: ").Append(YamlText.Scalar(a.Name)).Append('\n');
            sb.Append("    sector: ").Append(a.Sector).Append('\n');
            if (a.Area is not null) sb.Append("    area: ").Append(YamlText.Scalar(a.Area)).Append('\n');
            if (a.Aliases.Count > 0) sb.Append("    aliases: ").Append(YamlText.FlowList(a.Aliases)).Append('\n');
            if (a.Successor is not null) sb.Append("    successor: ").Append(a.Successor).Append('\n');
            if (a.Note is not null) sb.Append("    note: ").Append(YamlText.Scalar(a.Note)).Append('\n');
        }
        return sb.ToString();
    }

    public string CspsYaml()
    {
        var sb = new StringBuilder("# Community Safety Partnerships of the synthetic corpus.\ncsps:\n");
        foreach (var c in Csps)
        {
            sb.Append("  - id: ").Append(c.Id).Append('\n');
            sb.Append("    name: ").Append(YamlText.Scalar(c.Name)).Append('\n');
            sb.Append("    region: ").Append(YamlText.Scalar(c.Force.Region)).Append('\n');
            sb.Append("    police_force_area: ").Append(YamlText.Scalar(c.Force.Police.Name)).Append('\n');
            sb.Append("    nation: ").Append(c.Force.Nation).Append('\n');
        }
        return sb.ToString();
    }
}
