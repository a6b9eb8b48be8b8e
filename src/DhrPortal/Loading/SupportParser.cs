using DhrPortal.Content;
using DhrPortal.Diagnostics;

namespace DhrPortal.Loading;

/// <summary>
/// Binds <c>support.yml</c>: the helplines listed in the footer of every page. Optional (a portal
/// without it lists none); unknown keys, missing names and addresses that are not https:// are
/// reported at their line and column, like the other registries.
/// </summary>
internal static class SupportParser
{
    internal static readonly string[] SupportFileKeys = ["links"];
    internal static readonly string[] LinkKeys = ["name", "description", "phone", "url"];

    public static IReadOnlyList<SupportLink> Parse(SourceFile? file, DiagnosticBag bag)
    {
        var root = RegistryParser.Root(file, InputReader.SupportFile, SupportFileKeys, bag, required: false);
        if (root is null) return [];
        var links = new List<SupportLink>();
        foreach (var l in root.MapList("links", n => $"support link {n}", LinkKeys))
        {
            var name = l.String("name");
            var description = l.Text("description");
            var phone = l.String("phone", required: false);
            var url = l.String("url", required: false);
            Uri? uri = null;
            if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out uri) || uri.Scheme != Uri.UriSchemeHttps))
            {
                bag.Error(DiagnosticCodes.InvalidUrl, l.SpanOf("url"), $"'{url}' should be an https:// address.");
                uri = null;
            }
            if (phone is null && url is null)
                bag.Error(DiagnosticCodes.MissingField, l.Span, "A support link needs a 'phone', a 'url', or both.");
            if (name is null || description is null) continue;
            links.Add(new SupportLink(name, description, phone, uri, l.Span));
        }
        return links;
    }
}
