using DhrPortal.Content;
using DhrPortal.Diagnostics;
using DhrPortal.Loading;

namespace DhrPortal.Validation;

/// <summary>The registries alone, for tools (such as the importer) that need them even when reviews have errors.</summary>
public sealed record Registries(IReadOnlyList<ThemeArea> Areas, IReadOnlyList<Agency> Agencies, IReadOnlyList<Csp> Csps)
{
    /// <summary>Parses the registry files of an input set; problems go to <paramref name="bag"/>.</summary>
    public static Registries Load(InputSet input, DiagnosticBag bag) =>
        new(RegistryParser.Themes(input.Themes, bag), RegistryParser.Agencies(input.Agencies, bag), RegistryParser.Csps(input.Csps, bag));
}
