using System.Text;
using System.Text.Json;
using DhrPortal.Content;

namespace DhrPortal.BuildBench;

/// <summary>
/// Writes, from the same checked model, a Hugo site with the page set the portal builds, paging
/// included: a page per review with its summary and every recommendation (addressees linked to agency
/// pages, themes to theme pages); a page per theme and agency listing its recommendations newest review
/// first, grouped by review, 40 to a page; a page per CSP and year, and the reviews list, listing
/// reviews 50 to a page; the four index pages; home, about, study, search, data and 404 pages; a
/// sitemap and one feed. Hugo's own way of doing each thing: each recommendation is a content file
/// that is listed but not rendered (<c>_build: render: never</c>), so Hugo's taxonomies and paginator
/// page recommendations as the portal's SiteIndex does; pages are not pre-rendered for it.
/// </summary>
internal static class HugoSite
{
    public static int Write(ContentModel model, string folder)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        var themes = model.Themes.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var agencies = model.Agencies.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var csps = model.Csps.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var files = 0;
        void File(string path, string text)
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            System.IO.File.WriteAllText(full, text);
            files++;
        }

        File("config.toml", Config);
        foreach (var (name, text) in Layouts) File(Path.Combine("layouts", name), text);
        File("static/site.css", "body{font-family:sans-serif;max-width:60rem;margin:auto}nav ul{display:flex;gap:1rem;list-style:none}\n");
        File("content/_index.md", Front(new { title = "Home", description = $"What {model.Reviews.Count} Domestic Homicide Reviews recommended." }, ""));
        File("content/reviews/_index.md", Front(new { title = "Reviews" }, ""));
        foreach (var page in new[] { "about", "search", "data" })
            File($"content/{page}.md", Front(new { title = page }, $"The {page} page of the portal, in a paragraph or two of Markdown.\n"));
        File("content/studies/west-midlands-2015.md", Front(new { title = "West Midlands thematic study" }, "A summary of the study.\n"));
        foreach (var t in model.Themes) File($"content/themes/{t.Id}/_index.md", Front(new { title = t.Name, description = t.Description }, ""));
        foreach (var a in model.Agencies) File($"content/agencies/{a.Id}/_index.md", Front(new { title = a.Name }, ""));
        foreach (var c in model.Csps) File($"content/csps/{c.Id}/_index.md", Front(new { title = c.Name, description = c.Region }, ""));

        // Neither the recommendations' folder nor its files are pages: they exist to be listed.
        File("content/recs/_index.md", Front(new { title = "Recommendations", _build = new { render = "never", list = "never" } }, ""));
        foreach (var r in model.Reviews)
        {
            var date = r.Published is { } p ? $"{p.Year:D4}-{p.Month:D2}-01" : "2000-01-01";
            var recs = r.Recommendations.Select(rec => new
            {
                label = rec.Label,
                anchor = rec.Anchor,
                text = rec.Text,
                to = rec.To.Select(a => new { name = a.AgencyId is { } id && agencies.TryGetValue(id, out var ag) ? ag.Name : a.AsWritten, agency = a.AgencyId }).ToList(),
                themes = rec.Themes.Select(t => new { id = t.Id, name = themes[t.Id].Name }).ToList(),
                theme_ids = rec.Themes.Select(t => t.Id).Distinct().ToList(),
                agency_ids = rec.To.Select(a => a.AgencyId).OfType<string>().Distinct().ToList(),
            }).ToList();
            var front = new
            {
                title = r.Title,
                date,
                csp = r.CspId,
                csp_name = csps[r.CspId].Name,
                csps = new[] { r.CspId },
                years = r.Published is { } y ? new[] { y.Year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) } : [],
                recs,
            };
            File($"content/reviews/{r.Id}.md", Front(front, r.Summary + "\n"));
            foreach (var rec in recs)
                File($"content/recs/{r.Id}--{rec.anchor}.md", Front(new
                {
                    title = $"Recommendation {rec.label}",
                    date,
                    review = r.Id,
                    review_title = r.Title,
                    anchor = rec.anchor,
                    to = rec.to,
                    themes = rec.theme_ids,
                    agencies = rec.agency_ids,
                    _build = new { render = "never" },
                }, rec.text + "\n"));
        }
        return files;
    }

    // Hugo reads JSON front matter when a content file starts with '{'.
    private static string Front(object front, string body) => JsonSerializer.Serialize(front) + "\n\n" + body;

    private const string Config = """
        baseURL = "https://portal.example/"
        languageCode = "en-gb"
        title = "DhrPortal"
        # The portal's page sizes (SiteIndex.ReviewsPerPage; theme and agency pages ask for 40).
        paginate = 50
        # The portal writes no redirect from page/1/ to the first page.
        disableAliases = true
        # The portal's feed lists the 50 newest reviews.
        rssLimit = 50
        [taxonomies]
          theme = "themes"
          agency = "agencies"
          csp = "csps"
          year = "years"
        # As the portal: one feed (the home page's) and a sitemap, no feed per list page.
        [outputs]
          home = ["HTML", "RSS"]
          section = ["HTML"]
          taxonomy = ["HTML"]
          term = ["HTML"]
        """;

    private static readonly (string Name, string Text)[] Layouts =
    [
        ("_default/baseof.html", """
            <!DOCTYPE html>
            <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{ .Title }} | {{ .Site.Title }}</title><meta name="description" content="{{ .Description }}">
            <link rel="stylesheet" href="/site.css"></head>
            <body><a href="#main">Skip to main content</a>
            <header><a href="/">{{ .Site.Title }}</a><nav><ul><li><a href="/reviews/">Reviews</a></li><li><a href="/themes/">Themes</a></li>
            <li><a href="/agencies/">Agencies</a></li><li><a href="/csps/">Areas</a></li><li><a href="/years/">Years</a></li>
            <li><a href="/search/">Search</a></li><li><a href="/about/">About</a></li></ul></nav></header>
            <main id="main">{{ block "main" . }}{{ end }}</main>
            <footer><p>Content under the Open Government Licence v3.0.</p></footer></body></html>
            """),
        ("_default/single.html", """
            {{ define "main" }}<h1>{{ .Title }}</h1>
            {{ with .Params.csp }}<p>Commissioned by <a href="/csps/{{ . }}/">{{ $.Params.csp_name }}</a>, {{ $.Date.Format "January 2006" }}</p>{{ end }}
            <section id="summary">{{ .Content }}</section>
            {{ with .Params.recs }}<section id="recommendations"><h2>Recommendations</h2>
            {{ range . }}<article id="{{ .anchor }}"><h3>Recommendation {{ .label }}</h3>{{ .text | markdownify }}
            <p>To: {{ range $i, $a := .to }}{{ if $i }}, {{ end }}{{ with $a.agency }}<a href="/agencies/{{ . }}/">{{ $a.name }}</a>{{ else }}{{ $a.name }}{{ end }}{{ end }}</p>
            <p>Themes: {{ range $i, $t := .themes }}{{ if $i }}, {{ end }}<a href="/themes/{{ $t.id }}/">{{ $t.name }}</a>{{ end }}</p></article>
            {{ end }}</section>{{ end }}{{ end }}
            """),
        ("_default/list.html", """
            {{ define "main" }}<h1>{{ .Title }}</h1><ul>
            {{ range (.Paginate .Pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.csp_name }}, {{ .Date.Format "January 2006" }}{{ with .Params.recs }}, {{ len . }} recommendations{{ end }}</li>{{ end }}</ul>
            {{ template "_internal/pagination.html" . }}{{ end }}
            """),
        ("_default/terms.html", """
            {{ define "main" }}<h1>{{ .Title }}</h1><ul>
            {{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
            """),
        ("_default/term.html", """
            {{ define "main" }}<h1>{{ .Title }}</h1>
            {{ if or (eq .Data.Plural "themes") (eq .Data.Plural "agencies") }}{{ $prev := "" }}
            {{ range (.Paginate .Pages 40).Pages }}{{ if ne .Params.review $prev }}{{ if $prev }}</ul></section>{{ end }}{{ $prev = .Params.review }}
            <section><h2><a href="/reviews/{{ .Params.review }}/">{{ .Params.review_title }}</a></h2><ul>{{ end }}
            <li><a href="/reviews/{{ .Params.review }}/#{{ .Params.anchor }}">{{ .Title }}</a>
            to {{ range $i, $a := .Params.to }}{{ if $i }}, {{ end }}{{ $a.name }}{{ end }}{{ .Content }}</li>{{ end }}{{ if $prev }}</ul></section>{{ end }}
            {{ else }}<ul>{{ range (.Paginate .Pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.csp_name }}, {{ .Date.Format "January 2006" }}{{ with .Params.recs }}, {{ len . }} recommendations{{ end }}</li>{{ end }}</ul>{{ end }}
            {{ template "_internal/pagination.html" . }}{{ end }}
            """),
        ("index.html", """
            {{ define "main" }}<h1>{{ .Site.Title }}</h1><p>{{ .Description }}</p><h2>Latest reviews</h2><ul>
            {{ range first 10 (where .Site.RegularPages "Section" "reviews") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
            """),
        ("404.html", """
            {{ define "main" }}<h1>Page not found</h1><p>There is no page at this address.</p>{{ end }}
            """),
    ];
}
