using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using DhrPortal.Content;
using DhrPortal.Site;
using DhrPortal.Tests.Site.Build;
using Xunit;

namespace DhrPortal.Tests.Site.Pages;

/// <summary>
/// Content is text, never code: every field that reaches a page is filled with hostile strings, and
/// no script element, event-handler attribute or javascript: URL may appear anywhere in the output.
/// The model is altered after checking, so the theme must be safe even if a check were bypassed.
/// </summary>
public sealed class HostileContentTests
{
    public const string Script = "<script>alert(1)</script>";
    public const string Attribute = "\"><img src=x onerror=alert(1)>";
    public const string Link = "[x](javascript:alert(1))";
    public const string All = Script + " " + Attribute + " " + Link + " 'single' & \"double\"";

    public static ContentModel HostileModel()
    {
        var model = TestSites.Model();
        string H(string s) => $"{s} {All}";
        return model with
        {
            Settings = model.Settings with { Title = H("Portal"), Licence = H("Licence") },
            Areas = model.Areas.Select(a => a with
            {
                Name = H(a.Name),
                Description = H(a.Description),
                Themes = a.Themes.Select(t => t with { Name = H(t.Name), Description = H(t.Description), Keywords = [All], Source = H(t.Source ?? "source") }).ToList(),
            }).ToList(),
            Agencies = model.Agencies.Select(a => a with { Name = H(a.Name), Aliases = [All], Area = All, Note = All }).ToList(),
            Csps = model.Csps.Select(c => c with { Name = H(c.Name), Region = H(c.Region), PoliceForceArea = All }).ToList(),
            Reviews = model.Reviews.Select(r => r with
            {
                Title = H(r.Title),
                Summary = $"{All}\n\n<iframe src=\"javascript:alert(1)\"></iframe>\n\n[y]( javascript:alert(2) ) [z](JaVaScRiPt:alert(3)) ![i](javascript:alert(4))",
                Source = r.Source with { Library = All },
                Recommendations = r.Recommendations.Select(rec => rec with
                {
                    Label = rec.Label + Attribute,
                    Text = All,
                    To = rec.To.Select(to => to with { AsWritten = H(to.AsWritten) }).ToList(),
                }).ToList(),
                QaLetter = r.QaLetter is { } l ? l with { Points = [All], Text = All + "\n\n<script>alert(5)</script>" } : null,
            }).ToList(),
        };
    }

    private static readonly Lazy<SiteOutput> Hostile = new(() => TestSites.Build(HostileModel()));

    [Fact]
    public void No_page_contains_a_script_element_an_event_handler_or_a_javascript_url()
    {
        var parser = new HtmlParser();
        var problems = new List<string>();
        foreach (var path in TestSites.HtmlPages(Hostile.Value))
        {
            var doc = parser.ParseDocument(TestSites.Text(Hostile.Value, path));
            foreach (var script in doc.QuerySelectorAll("script"))
            {
                if (script.GetAttribute("src") is not { } src || !src.StartsWith("/assets/", StringComparison.Ordinal) || script.TextContent.Length > 0)
                    problems.Add($"{path}: {script.OuterHtml}");
            }
            problems.AddRange(doc.QuerySelectorAll("img, iframe, object, embed").Select(e => $"{path}: <{e.LocalName}> element"));
            foreach (var element in doc.All)
            {
                foreach (var attribute in element.Attributes)
                {
                    if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                        problems.Add($"{path}: {attribute.Name} attribute on <{element.LocalName}>");
                    var value = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
                    if (value.Contains("javascript:", StringComparison.OrdinalIgnoreCase) && attribute.Name is "href" or "src" or "action" or "formaction" or "data" or "xlink:href")
                        problems.Add($"{path}: {attribute.Name}=\"{attribute.Value}\" on <{element.LocalName}>");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct().Take(30)));
    }

    [Fact]
    public void Hostile_text_is_shown_as_text_in_the_title_headings_and_attributes()
    {
        var review = HostileModel().Reviews.Single(r => r.Id == "havering-2022");
        var doc = TestSites.Page(Hostile.Value, UrlScheme.Review(review));

        Assert.Equal($"{review.Title} – Portal {All}", doc.Title);
        Assert.Equal(review.Title, doc.QuerySelector("h1")!.TextContent);
        Assert.Contains(All, doc.QuerySelector("meta[name=description]")!.GetAttribute("content")!, StringComparison.Ordinal);
        var rec = doc.QuerySelector("li.rec")!;
        Assert.Contains(Script, rec.QuerySelector(".rec__text")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(review.Recommendations[0].Anchor, rec.Id);
    }

    [Fact]
    public void Search_page_options_carry_hostile_names_as_text()
    {
        var doc = TestSites.Page(Hostile.Value, UrlScheme.Search);

        var group = doc.QuerySelector("select#theme optgroup")!;
        Assert.EndsWith(All, group.GetAttribute("label"), StringComparison.Ordinal);
        Assert.Contains(doc.QuerySelectorAll("select#agency option"), o => o.TextContent.EndsWith(All, StringComparison.Ordinal));
    }

    [Fact]
    public void Feed_is_well_formed_xml_with_the_title_as_text()
    {
        var feed = XDocument.Parse(TestSites.Text(Hostile.Value, "feed.xml"));

        Assert.DoesNotContain(feed.Descendants(), e => e.Name.LocalName is "script" or "img" or "iframe");
        Assert.Contains(feed.Descendants(), e => e.Name.LocalName == "title" && e.Value.Contains(Script, StringComparison.Ordinal));
    }

    [Fact]
    public void Json_files_parse_and_carry_the_text_unchanged()
    {
        using var reviews = JsonDocument.Parse(Hostile.Value.Files["data/reviews.json"].Bytes);
        var titles = reviews.RootElement.GetProperty("reviews").EnumerateArray().Select(r => r.GetProperty("title").GetString()).ToList();
        Assert.Contains($"Havering review {All}", titles);
        // The search index's result texts (gzip files h/t.*.json.gz: [{"k", "u", "t": review title, ...}...]).
        var indexTitles = Hostile.Value.Files.Values
            .Where(f => f.Path.StartsWith("search/index/h/t.", StringComparison.Ordinal))
            .SelectMany(f => JsonDocument.Parse(Gunzip(f.Bytes)).RootElement.EnumerateArray().Select(r => r.GetProperty("t").GetString())).ToList();
        Assert.Contains($"Havering review {All}", indexTitles);
    }

    private static byte[] Gunzip(byte[] bytes)
    {
        using var input = new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
