using DhrPortal.Loading;
using DhrPortal.Schemas;

namespace DhrPortal.Cli;

/// <summary><c>dhr schemas</c>: writes the JSON Schemas for editors from the parsers' keys and the registries in the input folder.</summary>
internal static class SchemasCommand
{
    public static int Run(string inputDir, string outputDir)
    {
        if (Reporter.ReadInput(inputDir, "dhr") is not { } input) return ExitCodes.Usage;
        Directory.CreateDirectory(outputDir);
        var written = 0;
        foreach (var (name, json) in ContentSchemas.Generate(SchemaVocabulary.Of(input)))
        {
            var path = Path.Combine(outputDir, name);
            if (File.Exists(path) && File.ReadAllText(path) == json) continue;
            File.WriteAllText(path, json);
            written++;
        }
        Console.Error.WriteLine($"Schemas in '{outputDir}': {Reporter.Plural(written, "file")} updated, {ContentSchemas.Files.Count - written} already up to date.");
        return ExitCodes.Ok;
    }
}
