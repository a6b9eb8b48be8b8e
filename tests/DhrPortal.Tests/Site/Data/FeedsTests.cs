using System.Xml.Linq;
using DhrPortal.Content;
using DhrPortal.Site.Data;
using DhrPortal.Site.Markdown;
using Xunit;
using static DhrPortal.Tests.Site.Data.DataTestModel;

namespace DhrPortal.Tests.Site.Data;

public class FeedsTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private static string AtomOf(ContentModel model) => Feeds.Atom(model, RenderedTexts.Of(model));

    [Fact]
    public void Atom_lists_reviews_most_recently_added_first_with_ties_by_id()
    {
        // An old report added last is news; a review without 'added' is not in the feed.
        var model = Model(
            Review("b-2023", new YearMonth(2023, 7), [], added: new DateOnly(2024, 5, 2)),
            Review("a-2023", new YearMonth(2023, 7), [], added: new DateOnly(2024, 5, 2)),
            Review("old", new YearMonth(2014, 1), [], added: new DateOnly(2025, 1, 9)),
            Review("recent", new YearMonth(2024, 1), [], added: new DateOnly(2024, 2, 1)),
            Review("never-added", new YearMonth(2025, 1), []));
        var feed = XDocument.Parse(AtomOf(model)).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        Assert.Equal(
            ["https://portal.example/reviews/old/", "https://portal.example/reviews/a-2023/", "https://portal.example/reviews/b-2023/", "https://portal.example/reviews/recent/"],
            feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value));
        Assert.Equal("2025-01-09T00:00:00Z", feed.Element(Atom + "updated")!.Value);
        var first = feed.Element(Atom + "entry")!;
        Assert.Equal("Review old", first.Element(Atom + "title")!.Value);
        Assert.Equal("2025-01-09T00:00:00Z", first.Element(Atom + "published")!.Value);
        Assert.Equal("2025-01-09T00:00:00Z", first.Element(Atom + "updated")!.Value);
        Assert.Equal("https://portal.example/reviews/old/", first.Element(Atom + "link")!.Attribute("href")!.Value);
    }

    [Fact]
    public void Atom_has_the_required_feed_elements()
    {
        var feed = XDocument.Parse(AtomOf(Standard())).Root!;
        Assert.Equal("https://portal.example/", feed.Element(Atom + "id")!.Value);
        Assert.NotEmpty(feed.Element(Atom + "title")!.Value);
        Assert.NotEmpty(feed.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        Assert.Contains(feed.Elements(Atom + "link"), l => l.Attribute("rel")?.Value == "self" && l.Attribute("href")?.Value == "https://portal.example/feed.xml");
        Assert.Equal("Open Government Licence v3.0", feed.Element(Atom + "rights")!.Value);
    }

    [Fact]
    public void Atom_keeps_at_most_fifty_entries()
    {
        var reviews = Enumerable.Range(0, 60).Select(i => Review($"r-{i:D2}", new YearMonth(2015, 1), [], added: new DateOnly(2020, 1, 1).AddDays(i))).ToArray();
        var feed = XDocument.Parse(AtomOf(Model(reviews))).Root!;
        var ids = feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value).ToList();
        Assert.Equal(Feeds.MaxEntries, ids.Count);
        Assert.Equal("https://portal.example/reviews/r-59/", ids[0]);
        Assert.Equal("https://portal.example/reviews/r-10/", ids[^1]);
    }

    [Fact]
    public void Atom_without_added_reviews_uses_a_fixed_date_not_the_clock()
    {
        var feed = AtomOf(Model(Review("undated", null, [])));
        Assert.Contains("<updated>2011-04-01T00:00:00Z</updated>", feed, StringComparison.Ordinal);
        Assert.Equal(feed, AtomOf(Model(Review("undated", null, []))));
    }

    [Fact]
    public void Atom_summary_is_plain_text_and_shortened()
    {
        var longSummary = "The **review** found " + string.Concat(Enumerable.Repeat("many things ", 100));
        var feed = XDocument.Parse(AtomOf(Model(Review("x", new YearMonth(2020, 1), [], summary: longSummary, added: new DateOnly(2020, 2, 3))))).Root!;
        var summary = feed.Element(Atom + "entry")!.Element(Atom + "summary")!.Value;
        Assert.StartsWith("The review found many things", summary, StringComparison.Ordinal);
        Assert.True(summary.Length <= Feeds.MaxSummaryLength);
        Assert.EndsWith("…", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Atom_drops_characters_xml_cannot_carry()
    {
        var feed = AtomOf(Model(Review("x", new YearMonth(2020, 1), [], summary: "Page\u000Cbreak\u0001 and \u0002.", added: new DateOnly(2020, 2, 3))));
        Assert.Contains("Page break and .", XDocument.Parse(feed).Root!.Element(Atom + "entry")!.Element(Atom + "summary")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Xml_is_utf8_with_lf_line_endings()
    {
        var feed = AtomOf(Standard());
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n", feed, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', feed);
    }

    [Fact]
    public void Sitemap_is_sorted_absolute_and_without_duplicates_or_fragments()
    {
        var xml = Feeds.Sitemap(Model(), ["/reviews/", "/", "/reviews/b/", "/reviews/a/", "/reviews/a/#r1", "https://portal.example/about/"]);
        var root = XDocument.Parse(xml).Root!;
        Assert.Equal(Sm + "urlset", root.Name);
        Assert.Equal(
            ["https://portal.example/", "https://portal.example/about/", "https://portal.example/reviews/", "https://portal.example/reviews/a/", "https://portal.example/reviews/b/"],
            root.Elements(Sm + "url").Select(u => u.Element(Sm + "loc")!.Value));
        Assert.DoesNotContain("lastmod", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Sitemap_dates_a_review_page_by_the_day_it_was_added_and_nothing_else()
    {
        var model = Model(
            Review("a", new YearMonth(2023, 7), [], added: new DateOnly(2024, 5, 2)),
            Review("b", new YearMonth(2023, 7), []));
        var root = XDocument.Parse(Feeds.Sitemap(model, ["/", "/reviews/", "/reviews/a/", "/reviews/b/"])).Root!;
        var lastmod = root.Elements(Sm + "url").ToDictionary(u => u.Element(Sm + "loc")!.Value, u => u.Element(Sm + "lastmod")?.Value);
        Assert.Equal("2024-05-02", lastmod["https://portal.example/reviews/a/"]);
        Assert.Null(lastmod["https://portal.example/reviews/b/"]);
        Assert.Null(lastmod["https://portal.example/reviews/"]);
        Assert.Null(lastmod["https://portal.example/"]);
    }

    [Fact]
    public void Robots_allows_everything_and_names_the_sitemap()
    {
        Assert.Equal("User-agent: *\nAllow: /\n\nSitemap: https://portal.example/sitemap.xml\n", Feeds.Robots(Settings));
    }
}
