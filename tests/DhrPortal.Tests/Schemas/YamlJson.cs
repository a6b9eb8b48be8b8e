using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DhrPortal.Diagnostics;
using DhrPortal.Loading;
using YamlDotNet.Core;

namespace DhrPortal.Tests.Schemas;

/// <summary>
/// Reads a content file as the YAML language server does before it applies a schema: text, then
/// (for a review) the front matter, then YAML with the YAML 1.2 core schema's scalar types (plain
/// <c>1</c> is a number, <c>true</c> a boolean, <c>~</c> null; quoted values are strings).
/// </summary>
internal static partial class YamlJson
{
    /// <summary>The file as JSON, or null with <paramref name="refusal"/> when it is not readable YAML (dhr check reports why).</summary>
    public static JsonNode? Read(SourceFile file, bool frontMatter, out string? refusal, out bool readable)
    {
        var bag = new DiagnosticBag();
        refusal = null;
        readable = false;
        var text = TextDecoder.Decode(file, bag);
        if (text is null)
        {
            refusal = Describe(bag);
            return null;
        }
        var yaml = text;
        if (frontMatter && !FrontMatter.TrySplit(text, out yaml, out _, out _))
        {
            refusal = "no closed front matter";
            return null;
        }
        var root = SafeYaml.Parse(yaml, file.Path, frontMatter ? 1 : 0, bag);
        if (bag.HasErrors)
        {
            refusal = Describe(bag);
            return null;
        }
        readable = true;
        return root is null ? null : Convert(root);
    }

    private static string Describe(DiagnosticBag bag) => string.Join("; ", bag.Items.Select(d => $"{d.Code}: {d.Message}"));

    private static JsonNode? Convert(YamlValue node)
    {
        switch (node)
        {
            case YamlMapping map:
                var obj = new JsonObject();
                foreach (var (k, v) in map.Children) obj[k.ToString()] = Convert(v);
                return obj;
            case YamlSequence seq:
                var array = new JsonArray();
                foreach (var item in seq.Children) array.Add(Convert(item));
                return array;
            case YamlScalar s:
                return Scalar(s);
            default:
                throw new InvalidOperationException($"Unexpected YAML node {node.GetType().Name}.");
        }
    }

    private static JsonValue? Scalar(YamlScalar s)
    {
        var v = s.Value ?? "";
        if (s.Style != ScalarStyle.Plain) return JsonValue.Create(v);
        if (v is "" or "~" or "null" or "Null" or "NULL") return null;
        if (v is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (v is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (Integer().IsMatch(v) && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (v.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(v[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex)) return JsonValue.Create(hex);
        if (Float().IsMatch(v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
        return JsonValue.Create(v);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
