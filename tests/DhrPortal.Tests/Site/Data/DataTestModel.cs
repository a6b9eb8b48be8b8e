using DhrPortal.Content;
using DhrPortal.Diagnostics;

namespace DhrPortal.Tests.Site.Data;

/// <summary>Small content models built in code, for the open data tests.</summary>
internal static class DataTestModel
{
    private static readonly SourceSpan Span = SourceSpan.WholeFile("test");

    public static SiteSettings Settings { get; } = new()
    {
        Title = "DhrPortal",
        BaseUrl = new Uri("https://portal.example"),
        Licence = "Open Government Licence v3.0",
    };

    public static Recommendation Rec(int order, string label, string anchor, string text, string[] to, string?[] agencyIds, string[] themes, ImplementationStatus? status = null) => new()
    {
        Label = label,
        Order = order,
        Anchor = anchor,
        Text = text,
        To = to.Select((t, i) => new Addressee(t, Span) { AgencyId = agencyIds[i] }).ToList(),
        Themes = themes.Select(t => new ThemeRef(t, Span)).ToList(),
        Status = status,
        Span = Span,
        TextSpan = Span,
    };

    public static Review Review(string id, YearMonth? published, IReadOnlyList<Recommendation> recs, string csp = "exampleton", int? yearOfDeath = 2019, QaLetter? letter = null, string summary = "A summary.", DateOnly? added = null) => new()
    {
        Id = id,
        Title = $"Review {id}",
        CspId = csp,
        Published = published,
        Added = added,
        YearOfDeath = yearOfDeath,
        Type = ReviewType.Dhr,
        Relationship = Relationship.IntimatePartner,
        Source = new SourceRef(new Uri($"https://reports.example/{id}.pdf"), "Home Office DHR Library"),
        Abbreviations = new Dictionary<string, string>(),
        RecommendationsStatus = recs.Count > 0 ? RecommendationsStatus.Extracted : RecommendationsStatus.NotExtracted,
        Recommendations = recs,
        QaLetter = letter,
        Summary = summary,
        SummaryLine = 10,
        SourcePath = $"reviews/{id}.md",
        IdSpan = Span,
        CspSpan = Span,
    };

    public static ContentModel Model(params Review[] reviews) => new()
    {
        Settings = Settings,
        Areas =
        [
            new ThemeArea
            {
                Id = "practice",
                Name = "Practice",
                Description = "How agencies worked.",
                Span = Span,
                Themes =
                [
                    new DhrPortal.Content.Theme { Id = "training", Name = "Training", AreaId = "practice", Description = "Training of staff.", Keywords = ["training"], Span = Span },
                    new DhrPortal.Content.Theme { Id = "mental-health", Name = "Mental health", AreaId = "practice", Description = "Mental health services.", Keywords = [], Source = "Study 3.1", Span = Span },
                    new DhrPortal.Content.Theme { Id = "unused", Name = "Unused", AreaId = "practice", Description = "Never used.", Keywords = [], Span = Span },
                ],
            },
        ],
        Agencies =
        [
            new Agency { Id = "police", Name = "Exampleton Police", Sector = "police", Aliases = ["EP"], Span = Span },
            new Agency { Id = "ccg", Name = "Exampleton CCG", Sector = "health", Area = "Exampleton", Aliases = [], SuccessorId = "police", Note = "Replaced.", Span = Span },
            new Agency { Id = "zz-unused", Name = "Unused agency", Sector = "other", Aliases = [], Span = Span },
        ],
        Csps =
        [
            new Csp { Id = "exampleton", Name = "Exampleton CSP", Region = "North West", PoliceForceArea = "Exampleton Police", Nation = "england", Span = Span },
            new Csp { Id = "cardiff", Name = "Cardiff CSP", Region = "Wales", Nation = "wales", Span = Span },
        ],
        Reviews = reviews.OrderBy(r => r.Id, StringComparer.Ordinal).ToList(),
    };

    /// <summary>Two reviews (one with a QA letter and statuses), one not extracted.</summary>
    public static ContentModel Standard() => Model(
        Review("beta-2023", new YearMonth(2023, 7),
        [
            Rec(1, "1", "r1-ep", "EP should *train* staff, with \"quotes\", commas\nand a line break.", ["EP"], ["police"], ["training"],
                new ImplementationStatus(ImplementationState.PartlyMet, new YearMonth(2024, 3), new YearMonth(2024, 12))),
            Rec(2, "2", "r2-ccg", "=HYPERLINK(\"https://evil.example\")", ["CCG", "EP"], ["ccg", "police"], ["mental-health", "training"]),
        ],
        letter: new QaLetter { Date = new DateOnly(2023, 2, 18), Points = ["Remove the *date*."], Text = "Dear Chair,\n\nThank you.", TextSpan = Span },
        added: new DateOnly(2023, 8, 14)),
        Review("alpha-2021", new YearMonth(2021, 1),
        [
            Rec(1, "9.1 a", "r9-1-a-ep", "See [guidance](https://www.gov.uk/x).", ["EP"], ["police"], ["training"]),
        ], csp: "cardiff", yearOfDeath: null),
        Review("gamma", null, [], yearOfDeath: null));
}
