using System.Globalization;
using System.Text;
using System.Xml;
using DhrPortal.Content;
using DhrPortal.Site.Markdown;

namespace DhrPortal.Site.Data;

/// <summary>
/// The Atom feed of newly added reviews, the sitemap and robots.txt. Every date is derived from
/// the content, never from the clock, so building the same content twice gives the same bytes.
/// </summary>
public static class Feeds
{
    /// <summary>Most entries in the feed.</summary>
    public const int MaxEntries = 50;

    /// <summary>Longest entry summary, in characters, before it is cut at a word.</summary>
    public const int MaxSummaryLength = 400;

    /// <summary>
    /// The feed's <c>updated</c> when no review has a day added: the start of Domestic
    /// Homicide Reviews (April 2011), a fixed date rather than the build time.
    /// </summary>
    public static readonly YearMonth Epoch = new(2011, 4);

    private const string AtomNs = "http://www.w3.org/2005/Atom";
    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>
    /// Atom 1.0 feed of the reviews newly added to the portal: those with an <c>added:</c> day, most
    /// recently added first (ties by id), at most <see cref="MaxEntries"/>. Ordered by the day added,
    /// not by publication, so an old report added today is news to a subscriber. Entry ids are the
    /// reviews' absolute URLs, which never change.
    /// </summary>
    public static string Atom(ContentModel model, RenderedTexts texts)
    {
        var settings = model.Settings;
        var entries = NewlyAdded(model.Reviews).Take(MaxEntries).ToList();
        var updated = entries.Count > 0 ? Timestamp(entries[0].Added!.Value) : Timestamp(Epoch);
        var csps = model.Csps.ToDictionary(c => c.Id, StringComparer.Ordinal);

        return Write(w =>
        {
            w.WriteStartElement("feed", AtomNs);
            w.WriteElementString("id", AtomNs, UrlScheme.Absolute(settings, UrlScheme.Home));
            Text(w, "title", $"{settings.Title}: new reviews");
            Text(w, "subtitle", "Domestic Homicide Reviews newly added to the portal, most recently added first.");
            Link(w, "self", UrlScheme.Absolute(settings, UrlScheme.Feed), "application/atom+xml");
            Link(w, "alternate", UrlScheme.Absolute(settings, UrlScheme.Reviews), "text/html");
            w.WriteElementString("updated", AtomNs, updated);
            w.WriteStartElement("author", AtomNs);
            w.WriteElementString("name", AtomNs, XmlText(settings.Title));
            w.WriteElementString("uri", AtomNs, UrlScheme.Absolute(settings, UrlScheme.Home));
            w.WriteEndElement();
            Text(w, "rights", settings.Licence);
            w.WriteElementString("generator", AtomNs, "DhrPortal");

            foreach (var review in entries)
            {
                var url = UrlScheme.Absolute(settings, UrlScheme.Review(review));
                var added = Timestamp(review.Added!.Value);
                w.WriteStartElement("entry", AtomNs);
                w.WriteElementString("id", AtomNs, url);
                Text(w, "title", review.Title);
                Link(w, "alternate", url, "text/html");
                w.WriteElementString("published", AtomNs, added);
                w.WriteElementString("updated", AtomNs, added);
                if (csps.TryGetValue(review.CspId, out var csp))
                {
                    w.WriteStartElement("category", AtomNs);
                    w.WriteAttributeString("term", csp.Id);
                    w.WriteAttributeString("label", XmlText(csp.Name));
                    w.WriteAttributeString("scheme", UrlScheme.Absolute(settings, UrlScheme.Csps));
                    w.WriteEndElement();
                }
                var summary = Shorten(texts.Summary(review).Plain, MaxSummaryLength);
                if (summary.Length > 0) Text(w, "summary", summary);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        });
    }

    /// <summary>Reviews that have an <c>added:</c> day, most recently added first, ties by id.</summary>
    private static IEnumerable<Review> NewlyAdded(IEnumerable<Review> reviews) => reviews
        .Where(r => r.Added is not null)
        .OrderByDescending(r => r.Added!.Value)
        .ThenBy(r => r.Id, StringComparer.Ordinal);

    /// <summary>
    /// A sitemap of <paramref name="urls"/> (site-relative or absolute), made absolute, without
    /// fragments, de-duplicated and sorted (ordinal). A review's page has <c>lastmod</c>, the day it
    /// was added; other pages have none, because the content does not record when a listing or a
    /// registry page last changed, and a guessed date is worse than none to a crawler.
    /// </summary>
    public static string Sitemap(ContentModel model, IEnumerable<string> urls)
    {
        var settings = model.Settings;
        var lastModified = model.Reviews
            .Where(r => r.Added is not null)
            .ToDictionary(r => UrlScheme.Absolute(settings, UrlScheme.Review(r)), r => r.Added!.Value, StringComparer.Ordinal);
        var locations = urls
            .Select(u => u.Split('#', 2)[0])
            .Where(u => u.Length > 0)
            .Select(u => u.StartsWith('/') ? UrlScheme.Absolute(settings, u) : u)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return Write(w =>
        {
            w.WriteStartElement("urlset", SitemapNs);
            foreach (var loc in locations)
            {
                w.WriteStartElement("url", SitemapNs);
                w.WriteElementString("loc", SitemapNs, loc);
                if (lastModified.TryGetValue(loc, out var day))
                    w.WriteElementString("lastmod", SitemapNs, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteEndElement();
            }
            w.WriteEndElement();
        });
    }

    /// <summary><c>robots.txt</c>: every crawler may read everything; where the sitemap is.</summary>
    public static string Robots(SiteSettings settings) =>
        $"User-agent: *\nAllow: /\n\nSitemap: {UrlScheme.Absolute(settings, UrlScheme.Sitemap)}\n";

    private static string Timestamp(YearMonth month) => Timestamp(new DateOnly(month.Year, month.Month, 1));

    private static string Timestamp(DateOnly day) =>
        day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z";

    private static void Text(XmlWriter w, string name, string value)
    {
        w.WriteStartElement(name, AtomNs);
        w.WriteAttributeString("type", "text");
        w.WriteString(XmlText(value));
        w.WriteEndElement();
    }

    /// <summary>Drops characters XML cannot carry (control characters pasted from PDFs, lone surrogates).</summary>
    internal static string XmlText(string value)
    {
        var invalid = false;
        for (var i = 0; i < value.Length && !invalid; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (!XmlConvert.IsXmlChar(c)) invalid = true;
        }
        if (!invalid) return value;
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                sb.Append(c).Append(value[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    private static void Link(XmlWriter w, string rel, string href, string type)
    {
        w.WriteStartElement("link", AtomNs);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("type", type);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }

    /// <summary>Cuts <paramref name="text"/> at a word boundary and adds an ellipsis when it is too long.</summary>
    internal static string Shorten(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = text.LastIndexOf(' ', max - 1);
        if (cut < max / 2) cut = max - 1;
        return text[..cut].TrimEnd(' ', ',', ';', ':', '.') + "…";
    }

    private static readonly XmlWriterSettings XmlSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
        OmitXmlDeclaration = false,
    };

    private static string Write(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, XmlSettings))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length) + "\n";
    }
}
