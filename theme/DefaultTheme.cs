using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using DhrPortal.Content;
using DhrPortal.Site;
using DhrPortal.Theme.Pages;
using DhrPortal.Theme.Slices;
using RazorSlices;

namespace DhrPortal.Theme;

/// <summary>
/// The portal's theme: one Razor slice per page type (theme/Slices), a layout, and static assets
/// embedded in this assembly (theme/assets). Pages are rendered in parallel; the output depends only
/// on the content, so the same input always gives the same bytes.
/// </summary>
public sealed class DefaultTheme : ITheme
{
    /// <summary>
    /// HTML-encodes every value written by a slice, in text and in attributes ('&lt;', '&gt;', '&amp;',
    /// quotes), but keeps letters such as 'é' or '’' as UTF-8 instead of numeric references.
    /// </summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>One page to render: its URL, the input it comes from, and how to make its slice.</summary>
    public sealed record PageJob(string Url, string SourcePath, Func<RazorSlice> Create);

    public void Render(SiteIndex site, SiteOutput output)
    {
        foreach (var asset in ThemeAssets.All.Values)
            output.Add(new OutputFile(UrlScheme.FileFor(asset.Url), asset.Bytes, asset.SourcePath));
        var print = PrintStylesheet(site.Settings);
        output.Add(new OutputFile(UrlScheme.FileFor(print.Url), print.Bytes, "site.yml"));

        var jobs = Pages(site).ToList();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        // Each worker renders its pages as UTF-8 into one buffer it reuses, so a page costs neither a
        // string nor a byte array of its own (theme pages run to megabytes: the large-object heap).
        Parallel.ForEach(jobs, options, () => new MemoryStream(256 * 1024), (job, _, buffer) =>
        {
            RenderPage(job, buffer);
            output.Add(UrlScheme.FileFor(job.Url), buffer.GetBuffer().AsSpan(0, (int)buffer.Length), job.SourcePath);
            return buffer;
        }, buffer => buffer.Dispose());
    }

    /// <summary>Renders one slice into <paramref name="buffer"/> (emptied first) as UTF-8.</summary>
    private static void RenderPage(PageJob job, MemoryStream buffer)
    {
        buffer.SetLength(0);
        using var slice = job.Create();
        // Slices never wait on I/O: rendering into a MemoryStream completes synchronously.
        slice.RenderAsync(buffer, Encoder).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// The print stylesheet, made per site: a printed page gives the absolute address of every
    /// internal link, which needs the base URL (from the site settings), which a static asset cannot know.
    /// </summary>
    public static ThemeAsset PrintStylesheet(SiteSettings settings)
    {
        var origin = UrlScheme.Absolute(settings, "").Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        var css = $$"""
            @media print {
              .main a[href^="/"]::after { content: " ({{origin}}" attr(href) ")"; font-size: 90%; word-break: break-all; }
              .main a[href^="#"]::after { content: ""; }
            }

            """;
        var bytes = Encoding.UTF8.GetBytes(css);
        return new ThemeAsset("print.css", ThemeAssets.Fingerprint("print.css", bytes), bytes);
    }

    /// <summary>Every page of the site: the page map (docs/site.md lists it for people).</summary>
    public static IEnumerable<PageJob> Pages(SiteIndex site)
    {
        var chrome = new Chrome(
            site.Settings,
            CssUrl: ThemeAssets.Get("site.css").Url,
            PrintCssUrl: PrintStylesheet(site.Settings).Url,
            ExitScriptUrl: ThemeAssets.Get("exit.js").Url,
            SearchScriptUrl: ThemeAssets.Get("search.js").Url,
            FilterScriptUrl: ThemeAssets.Get("filter.js").Url,
            CopyScriptUrl: ThemeAssets.Get("copy.js").Url,
            IconUrl: ThemeAssets.Get("icon.svg").Url,
            Support: site.Model.Support,
            TaxonomyStudyUrl: TaxonomyStudy.Url(site));
        var markup = new Markup(site.Texts);
        var title = site.Settings.Title;
        Crumb[] home = [new("Home", UrlScheme.Home)];
        Crumb[] Under(string label, string url) => [.. home, new(label, url)];
        LayoutModel Layout(string pageTitle, string url, string description, Crumb[] crumbs, Section section) =>
            new(pageTitle, url, description, crumbs, section, chrome);

        const string SiteFile = "site.yml", ThemesFile = "themes.yml", AgenciesFile = "agencies.yml", CspsFile = "csps.yml", ReviewsFolder = "reviews/";
        static string Slice(string name) => $"theme/Slices/{name}.cshtml";
        var counts = site.Counts;

        yield return new(UrlScheme.Home, SiteFile, () => HomePage.Create(new HomeModel(
            Layout(title, UrlScheme.Home,
                $"What {Format.Number(counts.Reviews)} Domestic Homicide Reviews in England and Wales recommended, by theme, agency, partnership and year.",
                [], Section.Home),
            site, markup)));

        var reviewPages = SiteIndex.PageCount(counts.Reviews, SiteIndex.ReviewsPerPage);
        for (var page = 1; page <= reviewPages; page++)
        {
            var paging = new Paging(page, reviewPages, UrlScheme.ReviewsPage, "Pages of reviews");
            yield return new(UrlScheme.ReviewsPage(page), ReviewsFolder, () => ReviewsPage.Create(new ReviewsModel(
                Layout("Reviews" + Format.PageSuffix(paging.Current, paging.Count), UrlScheme.ReviewsPage(paging.Current),
                    $"All {Format.Reviews(counts.Reviews)}, newest first.", home, Section.Reviews),
                site, markup, paging)));
        }

        foreach (var review in site.Model.Reviews)
        {
            var csp = site.CspName(review.CspId);
            var when = review.Published is { } p ? $", published {p.ToDisplay()}" : "";
            var citation = new Citation(review.Title, csp,
                review.Published is { } date ? $"{date.Year:D4}/{date.Month:D2}" : null);
            yield return new(UrlScheme.Review(review), review.SourcePath, () => ReviewPage.Create(new ReviewModel(
                Layout(review.Title, UrlScheme.Review(review),
                    $"{Vocabulary.Label(review.Type)} commissioned by {csp}{when}: summary and {Describe(review)}.",
                    Under("Reviews", UrlScheme.Reviews), Section.Reviews) with { Citation = citation, UsesCopyScript = true },
                site, markup, review)));
        }

        yield return new(UrlScheme.Themes, ThemesFile, () => ThemesPage.Create(new ThemesModel(
            Layout("Themes", UrlScheme.Themes, "The themes recommendations are coded with, by thematic area, with how many recommendations each has.", home, Section.Themes),
            site, markup)));

        foreach (var area in site.Model.Areas)
        {
            foreach (var theme in area.Themes)
            {
                var summary = site.SummaryOfTheme(theme.Id);
                var pages = SiteIndex.PageCount(summary.Recommendations, SiteIndex.RecommendationsPerPage);
                for (var page = 1; page <= pages; page++)
                {
                    var paging = new Paging(page, pages, p => UrlScheme.ThemePage(theme.Id, p), $"Pages of recommendations on {theme.Name}");
                    yield return new(UrlScheme.ThemePage(theme.Id, page), ThemesFile, () => ThemePage.Create(new ThemeModel(
                        Layout(theme.Name + Format.PageSuffix(paging.Current, paging.Count), UrlScheme.ThemePage(theme.Id, paging.Current),
                            $"{Format.Recommendations(summary.Recommendations)} of Domestic Homicide Reviews on the theme “{theme.Name}”, newest review first.",
                            [.. Under("Themes", UrlScheme.Themes), new(area.Name, UrlScheme.Area(area.Id))], Section.Themes),
                        site, markup, theme, area, summary, paging)));
                }
            }
        }

        yield return new(UrlScheme.Agencies, AgenciesFile, () => AgenciesPage.Create(new AgenciesModel(
            Layout("Agencies", UrlScheme.Agencies, "The agencies that reviews address recommendations to, by sector.", home, Section.Agencies)
                with { UsesFilterScript = true },
            site, markup)));

        foreach (var agency in site.Model.Agencies)
        {
            var summary = site.SummaryOfAgency(agency.Id);
            var pages = SiteIndex.PageCount(summary.Recommendations, SiteIndex.RecommendationsPerPage);
            for (var page = 1; page <= pages; page++)
            {
                var paging = new Paging(page, pages, p => UrlScheme.AgencyPage(agency.Id, p), $"Pages of recommendations to {agency.Name}");
                yield return new(UrlScheme.AgencyPage(agency.Id, page), AgenciesFile, () => AgencyPage.Create(new AgencyModel(
                    Layout(agency.Name + Format.PageSuffix(paging.Current, paging.Count), UrlScheme.AgencyPage(agency.Id, paging.Current),
                        $"{Format.Recommendations(summary.Recommendations)} of Domestic Homicide Reviews addressed to {agency.Name}, newest review first.",
                        [.. Under("Agencies", UrlScheme.Agencies), new(Vocabulary.SectorLabel(agency.Sector), UrlScheme.Sector(agency.Sector))], Section.Agencies),
                    site, markup, agency, summary, paging)));
            }
        }

        yield return new(UrlScheme.Csps, CspsFile, () => CspsPage.Create(new CspsModel(
            Layout("Community Safety Partnerships", UrlScheme.Csps, "The Community Safety Partnerships that commissioned reviews, by region.", home, Section.Csps),
            site, markup)));

        foreach (var csp in site.Model.Csps)
        {
            var pages = SiteIndex.PageCount(site.ReviewsForCsp(csp.Id).Count, SiteIndex.ReviewsPerPage);
            for (var page = 1; page <= pages; page++)
            {
                var paging = new Paging(page, pages, p => UrlScheme.CspPage(csp.Id, p), $"Pages of reviews by {csp.Name}");
                yield return new(UrlScheme.CspPage(csp.Id, page), CspsFile, () => CspPage.Create(new CspModel(
                    Layout(csp.Name + Format.PageSuffix(paging.Current, paging.Count), UrlScheme.CspPage(csp.Id, paging.Current),
                        $"Domestic Homicide Reviews commissioned by {csp.Name} ({csp.Region}).",
                        [.. Under("Partnerships", UrlScheme.Csps), new(csp.Region, UrlScheme.Region(csp.Region))], Section.Csps),
                    site, markup, csp, paging)));
            }
        }

        yield return new(UrlScheme.Years, ReviewsFolder, () => YearsPage.Create(new YearsModel(
            Layout("Reviews by year", UrlScheme.Years, "Reviews by the year they were published.", home, Section.Years),
            site, markup)));

        foreach (var year in site.PublicationYears)
        {
            var pages = SiteIndex.PageCount(site.ReviewsInYear(year).Count, SiteIndex.ReviewsPerPage);
            for (var page = 1; page <= pages; page++)
            {
                var paging = new Paging(page, pages, p => UrlScheme.YearPage(year, p), $"Pages of reviews published in {year:D4}");
                yield return new(UrlScheme.YearPage(year, page), ReviewsFolder, () => YearPage.Create(new YearModel(
                    Layout($"Reviews published in {year:D4}" + Format.PageSuffix(paging.Current, paging.Count), UrlScheme.YearPage(year, paging.Current),
                        $"Domestic Homicide Reviews published in {year:D4}.", Under("Years", UrlScheme.Years), Section.Years),
                    site, markup, year, paging)));
            }
        }

        var recurringPages = SiteIndex.PageCount(site.Recurring.Count, SiteIndex.ClustersPerPage);
        for (var page = 1; page <= recurringPages; page++)
        {
            var paging = new Paging(page, recurringPages, UrlScheme.RecurringPage, "Pages of recurring recommendations");
            yield return new(UrlScheme.RecurringPage(page), ReviewsFolder, () => RecurringPage.Create(new RecurringModel(
                Layout("Recurring recommendations" + Format.PageSuffix(paging.Current, paging.Count), UrlScheme.RecurringPage(paging.Current),
                    "Recommendations that Domestic Homicide Reviews have asked again, in other places and years, largest groups first.", home, Section.None),
                site, markup, paging)));
        }

        yield return new(UrlScheme.Search, Slice("SearchPage"), () => SearchPage.Create(new SearchModel(
            Layout("Search recommendations", UrlScheme.Search, "Search every recommendation by words, theme, agency, partnership, region and year.", home, Section.Search)
                with { UsesSearchScript = true },
            site, markup)));

        yield return new(UrlScheme.About, Slice("AboutPage"), () => AboutPage.Create(new AboutModel(
            Layout($"About {title}", UrlScheme.About, "Where the reviews come from, how recommendations are coded, the licence and privacy.", home, Section.About),
            site, markup)));

        foreach (var study in site.Model.Studies)
        {
            yield return new(UrlScheme.Study(study.Id), study.SourcePath, () => StudyPage.Create(new StudyModel(
                Layout(study.Title, UrlScheme.Study(study.Id), study.Description, Under("About", UrlScheme.About), Section.About),
                site, markup, study)));
        }

        yield return new(UrlScheme.Implementation, ReviewsFolder, () => ImplementationPage.Create(new ImplementationModel(
            Layout("Implementation of recommendations", UrlScheme.Implementation,
                "What has been reported about putting recommendations into practice, by agency sector, theme and year, and the recommendations made to government departments.",
                home, Section.None),
            site, markup, site.Implementation.Overview(site.Model))));

        yield return new(UrlScheme.DataSchema, Slice("DataPage"), () => DataPage.Create(new DataModel(
            Layout("Open data", UrlScheme.DataSchema, "Download every recommendation and review as CSV and JSON, and what each field means.", Under("About", UrlScheme.About), Section.About),
            site, markup)));

        yield return new(UrlScheme.NotFound, Slice("NotFoundPage"), () => NotFoundPage.Create(new NotFoundModel(
            Layout("Page not found", UrlScheme.NotFound, "There is no page at this address.", [], Section.None) with { NoIndex = true },
            site, markup)));
    }

    private static string Describe(Review review) => review.RecommendationsStatus == RecommendationsStatus.NotExtracted
        ? "a note that its recommendations are not yet extracted"
        : review.Recommendations.Count == 1 ? "its recommendation" : $"its {review.Recommendations.Count} recommendations";
}
