using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using DhrPortal.Content;
using DhrPortal.Loading;
using DhrPortal.Site;
using DhrPortal.Theme;
using DhrPortal.Validation;
using Xunit;

namespace DhrPortal.Tests.Site.Build;

/// <summary>
/// Small sites for the build and page tests, made in memory: registries and reviews are YAML and
/// Markdown strings, checked by the real <see cref="ContentChecker"/> (so addressees are linked as
/// in production), then built with the real theme. Nothing touches disk.
/// </summary>
public static class TestSites
{
    public static readonly CheckOptions Options = new() { Today = new DateOnly(2026, 1, 15) };

    public const string Site = """
        title: Test Portal
        base_url: https://portal.example
        licence: Open Government Licence v3.0
        """;

    public const string Support = """
        links:
          - name: Test Helpline
            description: Free, day and night.
            phone: 0808 2000 247
            url: https://helpline.example
          - name: Bereaved Families Support
            description: For families bereaved by domestic homicide.
            url: https://families.example
        """;

    public const string Themes = """
        areas:
          - id: process-and-policy
            name: Process and policy
            description: How processes helped or hindered.
            themes:
              - id: use-of-maracs
                name: Use of MARACs
                description: Referral to MARACs.
                keywords: [MARAC]
                source: West Midlands thematic study 3.1.1
              - id: police-response
                name: Police response
                description: How the police responded.
                keywords: [police]
                source: West Midlands thematic study 3.1.4
          - id: practice-and-learning
            name: Practice and learning
            description: Training, curiosity and records.
            themes:
              - id: training
                name: Training and awareness
                description: Training of staff.
                keywords: [training]
              - id: record-keeping
                name: Record keeping
                description: How agencies recorded what they knew.
                keywords: [records]
        """;

    public const string Agencies = """
        agencies:
          - id: all-agencies
            name: All agencies
            sector: multi-agency
            aliases: []
          - id: greater-manchester-police
            name: Greater Manchester Police
            sector: police
            aliases: [GMP]
          - id: metropolitan-police
            name: Metropolitan Police Service
            sector: police
            aliases: [Met Police]
          - id: nhs-manchester-ccg
            name: NHS Manchester Clinical Commissioning Group
            sector: health
            area: Manchester
            aliases: [Manchester CCG]
            successor: nhs-greater-manchester-icb
            note: CCGs were replaced by Integrated Care Boards in July 2022.
          - id: nhs-greater-manchester-icb
            name: NHS Greater Manchester Integrated Care Board
            sector: health
            aliases: []
          - id: london-borough-of-havering
            name: London Borough of Havering
            sector: local-authority
            aliases: []
        """;

    public const string Csps = """
        csps:
          - id: manchester
            name: Manchester Community Safety Partnership
            region: North West
            police_force_area: Greater Manchester Police
            nation: england
          - id: havering
            name: Havering Community Safety Partnership
            region: London
            police_force_area: Metropolitan Police
            nation: england
          - id: cardiff
            name: Cardiff Community Safety Partnership
            region: Wales
            police_force_area: South Wales Police
            nation: wales
        """;

    public const string Manchester = """
        ---
        id: manchester-2024
        title: Manchester review
        csp: manchester
        published: 2024-02
        year_of_death: 2021
        review_type: dhr
        relationship: familial
        source:
          url: https://example.org/manchester.pdf
          library: Home Office DHR Library
        abbreviations:
          CCG: NHS Manchester Clinical Commissioning Group
        recommendations:
          - label: "1"
            to: [GMP]
            themes: [police-response, use-of-maracs]
            text: GMP should refer every high-risk case to the **MARAC**.
            status:
              state: partly-met
              as_of: 2025-03
              target: 2025-12
          - label: "2"
            to: [CCG, Greater Manchester Police]
            themes: [training]
            text: The CCG should train GPs, with the police.
          - label: "1"
            to: [All agencies]
            themes: [record-keeping]
            text: All agencies should keep better records.
        qa_letter:
          date: 2023-11-02
          points:
            - Please remove the names of the children.
          text: |
            Dear Chair,

            Thank you for the report.
        ---
        Agencies missed chances to see the pattern of abuse.

        They did not share what they knew.
        """;

    public const string Havering = """
        ---
        id: havering-2022
        title: Havering review
        csp: havering
        published: 2022-12
        year_of_death: 2017
        review_type: dhr
        relationship: intimate-partner
        source:
          url: https://example.org/havering.pdf
          library: Home Office DHR Library
        recommendations:
          - label: "1"
            to: [Met Police]
            themes: [police-response]
            text: The Met should review its response to repeat calls.
          - label: "2"
            to: [London Borough of Havering]
            themes: [training, record-keeping]
            text: The council should train housing staff.
        ---
        A summary of the Havering review.
        """;

    public const string Cardiff = """
        ---
        id: cardiff-2023
        title: Cardiff review
        csp: cardiff
        published: 2023-06
        review_type: dhr
        relationship: other
        source:
          url: https://example.org/cardiff.pdf
          library: Cardiff Community Safety Partnership
        recommendations_status: not-extracted
        ---
        A review whose recommendations have not been extracted yet.
        """;

    /// <summary>The study the themes come from: six numbered areas, two subsections with themes, a link to the site.</summary>
    public const string Study = """
        ---
        title: West Midlands thematic study of 13 reviews
        description: A summary of the 2015 study of 13 reviews.
        caption: Thematic study, 2015
        theme_source: West Midlands thematic study
        ---
        In 2015 researchers read 13 reviews from the West Midlands.

        ## What it found {#findings}

        The same problems kept returning; see the [themes](/themes/).

        ### 3.1 Process and policy

        How agencies' procedures worked in practice.

        #### 3.1.1 Use of MARACs

        #### 3.1.4 More robust response from police

        ### 3.2 Tools

        ### 3.3 Caring

        ### 3.4 Health

        ### 3.5 Services

        ### 3.6 Systemic issues
        """;

    /// <summary>The default small site: three reviews (one not extracted), three CSPs, a successor agency.</summary>
    public static IReadOnlyList<(string Path, string Text)> DefaultReviews { get; } =
    [
        ("reviews/cardiff-2023.md", Cardiff),
        ("reviews/havering-2022.md", Havering),
        ("reviews/manchester-2024.md", Manchester),
    ];

    /// <summary>Checks the given files; fails the test with every diagnostic when they do not check.</summary>
    public static ContentModel Model(IEnumerable<(string Path, string Text)>? reviews = null, string? themes = null, string? agencies = null, string? site = null, string? study = null)
    {
        static SourceFile File(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));
        var input = new InputSet
        {
            Site = File(InputReader.SiteFile, site ?? Site),
            Themes = File(InputReader.ThemesFile, themes ?? Themes),
            Agencies = File(InputReader.AgenciesFile, agencies ?? Agencies),
            Csps = File(InputReader.CspsFile, Csps),
            Support = File(InputReader.SupportFile, Support),
            Reviews = (reviews ?? DefaultReviews).Select(r => File(r.Path, r.Text)).OrderBy(f => f.Path, StringComparer.Ordinal).ToList(),
            Studies = [File($"{InputReader.StudiesFolder}/west-midlands-2015.md", study ?? Study)],
        };
        var result = ContentChecker.Check(input, Options);
        Assert.True(result.Model is not null, "The test content does not check:\n" + string.Join("\n", result.Diagnostics));
        return result.Model!;
    }

    /// <summary>Builds a model with the real theme and asserts it succeeded.</summary>
    public static SiteOutput Build(ContentModel model)
    {
        var result = SiteBuilder.Build(model, new DefaultTheme());
        Assert.True(result.Output is not null, "The build failed:\n" + string.Join("\n", result.Diagnostics));
        return result.Output!;
    }

    private static readonly Lazy<SiteOutput> DefaultSite = new(() => Build(Model()));

    /// <summary>The default small site, built once per test run.</summary>
    public static SiteOutput Default => DefaultSite.Value;

    private static readonly Lazy<(ContentModel Model, SiteOutput Output)?> RealSite = new(() =>
    {
        var input = InputReader.Read(Paths.Input);
        var result = ContentChecker.Check(input, new CheckOptions { Today = DateOnly.FromDateTime(DateTime.UtcNow) });
        Assert.True(result.Model is not null, "input/ does not check:\n" + string.Join("\n", result.Diagnostics));
        return (result.Model!, Build(result.Model!));
    });

    /// <summary>The site built from the real input/ folder (checked with today's date, as the CLI does).</summary>
    public static (ContentModel Model, SiteOutput Output) Real => RealSite.Value!.Value;

    /// <summary>The output paths of every HTML page.</summary>
    public static IEnumerable<string> HtmlPages(SiteOutput site) =>
        site.Files.Keys.Where(p => p.EndsWith(".html", StringComparison.Ordinal));

    public static string Text(SiteOutput site, string path)
    {
        Assert.True(site.Files.ContainsKey(path), $"The build wrote no '{path}'.");
        return Encoding.UTF8.GetString(site.Files[path].Bytes);
    }

    private static readonly HtmlParser Parser = new();

    /// <summary>Parses one generated page with AngleSharp.</summary>
    public static IDocument Html(SiteOutput site, string path) => Parser.ParseDocument(Text(site, path));

    /// <summary>Parses the page served at a site URL.</summary>
    public static IDocument Page(SiteOutput site, string url) => Html(site, UrlScheme.FileFor(url));
}

/// <summary>Where the repository is: see <see cref="RepoPaths"/>.</summary>
public static class Paths
{
    public static string Root => RepoPaths.Root;

    public static string Input => RepoPaths.Input;

    public static string Theme => RepoPaths.Theme;
}
