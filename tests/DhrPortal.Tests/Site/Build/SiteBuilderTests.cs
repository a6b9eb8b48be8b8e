using System.Text;
using DhrPortal.Content;
using DhrPortal.Diagnostics;
using DhrPortal.Site;
using DhrPortal.Theme;
using Xunit;

namespace DhrPortal.Tests.Site.Build;

public sealed class SiteBuilderTests
{
    [Fact]
    public void Build_reports_every_stage_in_order_with_its_time()
    {
        var result = SiteBuilder.Build(TestSites.Model(), new DefaultTheme());

        Assert.NotNull(result.Output);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(["repeats", "markdown", "data", "index", "search", "render", "sitemap", "check"], result.Timings.Select(t => t.Stage));
        Assert.All(result.Timings, t => Assert.True(t.Elapsed >= TimeSpan.Zero));
    }

    [Fact]
    public void Build_writes_the_data_files_and_a_sitemap_of_every_page_but_the_404()
    {
        var site = TestSites.Default;

        foreach (var file in SiteBuilder.DataFiles) Assert.True(site.Files.ContainsKey(file), $"missing {file}");
        var sitemap = System.Xml.Linq.XDocument.Parse(TestSites.Text(site, "sitemap.xml"));
        var listed = sitemap.Descendants().Where(e => e.Name.LocalName == "loc").Select(e => e.Value).ToHashSet(StringComparer.Ordinal);
        var pages = TestSites.HtmlPages(site).Where(p => p != "404.html")
            .Select(p => "https://portal.example" + UrlScheme.PageFor(p)).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(pages.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Data_page_states_each_download_s_format_and_its_size_as_built()
    {
        var site = TestSites.Default;
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(TestSites.Text(site, "data/index.html"));
        var items = page.QuerySelectorAll("#downloads li").ToList();

        Assert.Equal([UrlScheme.RecommendationsCsv, UrlScheme.ReviewsJson, UrlScheme.RepeatsCsv, UrlScheme.Feed], items.Select(li => li.QuerySelector("a")!.GetAttribute("href")));
        foreach (var (li, format) in items.Zip(["CSV", "JSON", "CSV", "Atom"]))
        {
            // "3.4 kB" is 3,350 to 3,449 bytes: the size shown is the built file's, rounded.
            var url = li.QuerySelector("a")!.GetAttribute("href")!;
            var bytes = site.Files[UrlScheme.FileFor(url)].Bytes.Length;
            var size = System.Text.RegularExpressions.Regex.Match(li.TextContent, @": (\w+), (\d+(?:\.\d)?) (bytes|kB|MB)\.");
            Assert.True(size.Success, li.TextContent);
            Assert.Equal(format, size.Groups[1].Value);
            var unit = size.Groups[3].Value switch { "bytes" => 1, "kB" => 1000, _ => 1_000_000 };
            var shown = double.Parse(size.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) * unit;
            Assert.InRange(bytes, shown - unit / 20.0, shown + unit / 20.0);
            // And where its fields are explained, on this page.
            var doc = li.QuerySelectorAll("a")[1].GetAttribute("href")!;
            Assert.NotNull(page.GetElementById(doc.TrimStart('#')));
        }
    }

    [Fact]
    public void Same_input_gives_byte_identical_output()
    {
        // Two independent loads and builds (separate models, caches and thread schedules).
        var first = TestSites.Build(TestSites.Model());
        var second = TestSites.Build(TestSites.Model());

        AssertIdentical(first, second);
    }

    [Fact]
    public void Real_site_rebuilds_byte_identical()
    {
        var (model, first) = TestSites.Real;
        var second = TestSites.Build(model);

        AssertIdentical(first, second);
    }

    [Fact]
    public void Review_order_in_the_model_does_not_change_the_output()
    {
        var model = TestSites.Model();
        var shuffled = model with { Reviews = model.Reviews.Reverse().ToList() };

        AssertIdentical(TestSites.Build(model), TestSites.Build(shuffled));
    }

    internal static void AssertIdentical(SiteOutput a, SiteOutput b)
    {
        Assert.Equal(a.Files.Keys, b.Files.Keys);
        foreach (var (path, file) in a.Files)
            Assert.True(file.Bytes.AsSpan().SequenceEqual(b.Files[path].Bytes), $"{path} differs between two builds of the same input.");
    }

    [Fact]
    public void Assets_are_fingerprinted_with_the_sha256_of_their_bytes()
    {
        var site = TestSites.Default;
        var assets = site.Files.Values.Where(f => f.Path.StartsWith("assets/", StringComparison.Ordinal)).ToList();

        Assert.Contains(assets, a => a.Path.EndsWith(".css", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(asset.Bytes));
            var parts = Path.GetFileName(asset.Path).Split('.');
            Assert.True(parts.Length == 3 && parts[1].Length >= 8 && hash.StartsWith(parts[1], StringComparison.Ordinal),
                $"{asset.Path} is not named <name>.<first hex digits of its SHA-256>.<ext> (hash {hash[..10]}).");
        }
    }

    /// <summary>The default test site with a link to <paramref name="href"/> in the Manchester review's summary.</summary>
    private static ContentModel WithLink(string href) => TestSites.Model(TestSites.DefaultReviews
        .Select(r => r.Path == "reviews/manchester-2024.md"
            ? (r.Path, r.Text.Replace("They did not share what they knew.", $"They did not share [what they knew]({href}).", StringComparison.Ordinal))
            : r));

    [Theory]
    [InlineData("/reviews/no-such-review/")]
    [InlineData("/reviews/manchester-2024/#no-such-anchor")]
    public void A_broken_internal_link_fails_the_build_naming_the_source_file(string href)
    {
        var result = SiteBuilder.Build(WithLink(href), new DefaultTheme());

        Assert.Null(result.Output);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(DiagnosticCodes.BrokenLink.Id, error.Code);
        Assert.Equal(new SourceSpan("reviews/manchester-2024.md", 42, 20), error.Span);
        Assert.Contains("no-such", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_link_in_a_review_summary_fails_the_build_naming_the_review()
    {
        var reviews = TestSites.DefaultReviews
            .Select(r => r.Path == "reviews/havering-2022.md"
                ? (r.Path, r.Text.Replace("A summary of the Havering review.", "See [the other review](/reviews/missing-2020/).", StringComparison.Ordinal))
                : r);

        var result = SiteBuilder.Build(TestSites.Model(reviews), new DefaultTheme());

        Assert.Null(result.Output);
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.BrokenLink.Id && d.Span.Path == "reviews/havering-2022.md");
    }

    /// <summary>A theme that renders the real site, then writes <paramref name="extra"/> pages (and throws if asked).</summary>
    private sealed class ExtraPagesTheme(bool fail, params (string Path, string Text)[] extra) : ITheme
    {
        public void Render(SiteIndex site, SiteOutput output)
        {
            new DefaultTheme().Render(site, output);
            foreach (var (path, text) in extra) output.Add(path, text, "site.yml");
            if (fail) throw new InvalidOperationException("the theme failed half-way");
        }
    }

    [Fact]
    public void Dhr_build_streams_the_same_files_as_the_build_in_memory()
    {
        var root = Directory.CreateTempSubdirectory("dhr-site-");
        try
        {
            var target = Path.Combine(root.FullName, "_site");
            var result = SiteWriter.Build(TestSites.Model(), new DefaultTheme(), target);

            Assert.True(result.Succeeded);
            var expected = TestSites.Default.Files.ToDictionary(
                f => f.Key.Replace('/', Path.DirectorySeparatorChar),
                f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(f.Value.Bytes)), StringComparer.Ordinal);
            Assert.Equal(new SortedDictionary<string, string>(expected, StringComparer.Ordinal), Snapshot(target));
            Assert.Equal(expected.Count, result.Output!.Count);
            Assert.Throws<InvalidOperationException>(() => result.Output.Files); // a streamed site keeps no bytes
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("broken link")]
    [InlineData("theme throws")]
    [InlineData("write fails")]
    public void A_failed_build_or_write_leaves_the_previous_output_untouched_and_no_staging_folder(string failure)
    {
        var root = Directory.CreateTempSubdirectory("dhr-site-");
        try
        {
            var target = Path.Combine(root.FullName, "_site");
            Assert.True(SiteWriter.Build(TestSites.Model(), new DefaultTheme(), target).Succeeded);
            var before = Snapshot(target);

            ITheme theme = failure switch
            {
                "broken link" => new DefaultTheme(),
                "theme throws" => new ExtraPagesTheme(true),
                // 'clash' is both a file and a folder: the second write fails.
                _ => new ExtraPagesTheme(false, ("clash", "a file"), ("clash/index.html", "a page under the file")),
            };
            if (failure == "broken link")
                Assert.False(SiteWriter.Build(WithLink("/nowhere/"), theme, target).Succeeded);
            else
                Assert.ThrowsAny<Exception>(() => SiteWriter.Build(TestSites.Model(), theme, target));

            Assert.Equal(before, Snapshot(target));
            Assert.Equal([Path.GetFileName(target)], Directory.EnumerateFileSystemEntries(root.FullName).Select(Path.GetFileName));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_failed_build_returns_no_output_so_nothing_is_written()
    {
        var result = SiteBuilder.Build(WithLink("/nowhere/"), new DefaultTheme());

        Assert.Null(result.Output);
        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Timings);
    }

    private static SortedDictionary<string, string> Snapshot(string dir) =>
        new(Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))),
            StringComparer.Ordinal);

    [Fact]
    public void An_empty_site_builds()
    {
        var model = TestSites.Model(reviews: []);

        var site = TestSites.Build(model);

        Assert.Contains("<h1", TestSites.Text(site, "index.html"), StringComparison.Ordinal);
        Assert.True(site.Files.ContainsKey("reviews/index.html"));
    }

    [Fact]
    public void Index_groups_recommendations_by_theme_and_agency_and_reviews_by_csp_region_and_year()
    {
        var index = SiteIndex.Create(TestSites.Model());

        Assert.Equal(["manchester-2024", "cardiff-2023", "havering-2022"], index.ReviewsByPublication.Select(r => r.Id));
        Assert.Equal([2024, 2023, 2022], index.PublicationYears);
        Assert.Equal(["London", "North West", "Wales"], index.CspsByRegion.Select(g => g.Region));
        Assert.Equal(["police", "health", "local-authority", "multi-agency"], index.AgenciesBySector.Select(g => g.Sector));

        // Newest review first, then the report's order.
        Assert.Equal(["manchester-2024#r1-gmp", "havering-2022#r1-met-police"],
            index.RecommendationsForTheme("police-response").Select(r => $"{r.Review.Id}#{r.Recommendation.Anchor}"));
        // An addressee written as an abbreviation ("CCG") and one written in full both count once.
        Assert.Equal(["manchester-2024#r1-gmp", "manchester-2024#r2-ccg"],
            index.RecommendationsForAgency("greater-manchester-police").Select(r => $"{r.Review.Id}#{r.Recommendation.Anchor}"));
        Assert.Single(index.RecommendationsForAgency("nhs-manchester-ccg"));

        var ccg = index.FindAgency("nhs-manchester-ccg")!;
        var icb = index.FindAgency("nhs-greater-manchester-icb")!;
        Assert.Equal(icb, index.SuccessorOf(ccg));
        Assert.Equal([ccg], index.PredecessorsOf(icb));

        Assert.Equal(new SiteCounts(Reviews: 3, Recommendations: 5, ReviewsNotExtracted: 1, Themes: 4, AgenciesAddressed: 5, Csps: 3), index.Counts);
    }

    [Fact]
    public void Related_reviews_share_themes_or_agencies_and_are_ordered_by_score_then_id()
    {
        var index = SiteIndex.Create(TestSites.Model());
        var manchester = index.FindReview("manchester-2024")!;

        var related = index.RelatedTo(manchester);

        var havering = Assert.Single(related);
        Assert.Equal("havering-2022", havering.Review.Id);
        Assert.Equal(["police-response", "training", "record-keeping"], havering.SharedThemes.Select(t => t.Id)); // taxonomy order
        Assert.Empty(havering.SharedAgencies);
        Assert.Empty(index.RelatedTo(index.FindReview("cardiff-2023")!));
    }

    [Fact]
    public void Output_is_utf8_without_a_byte_order_mark()
    {
        foreach (var path in TestSites.HtmlPages(TestSites.Default))
        {
            var bytes = TestSites.Default.Files[path].Bytes;
            Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), $"{path} starts with a BOM");
        }
    }
}
