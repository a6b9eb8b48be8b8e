using DhrPortal.Site.Markdown;
using DhrPortal.Content;
using DhrPortal.Learning;

namespace DhrPortal.Site;

/// <summary>A recommendation together with the review it belongs to.</summary>
public sealed record RecommendationRef(Review Review, Recommendation Recommendation);

/// <summary>Recommendations of one review, in the review's order (for pages grouped by review).</summary>
public sealed record ReviewGroup(Review Review, IReadOnlyList<Recommendation> Recommendations);

/// <summary>A review that has themes or agencies in common with another, and why.</summary>
public sealed record RelatedReview(Review Review, double Score, IReadOnlyList<Theme> SharedThemes, IReadOnlyList<Agency> SharedAgencies);

/// <summary>Reviews published in one year; <see cref="Year"/> is null for reviews with no known publication date.</summary>
public sealed record YearGroup(int? Year, IReadOnlyList<Review> Reviews);

/// <summary>Community Safety Partnerships of one region (an English region, or Wales).</summary>
public sealed record RegionGroup(string Region, string Nation, IReadOnlyList<Csp> Csps, int ReviewCount);

/// <summary>Agencies of one sector, with the number of recommendations addressed to the sector.</summary>
public sealed record SectorGroup(string Sector, string Label, IReadOnlyList<Agency> Agencies, int RecommendationCount);

/// <summary>
/// What a practitioner needs at a glance on a theme or agency page: how many recommendations, in
/// how many reviews, published over which years, and what is most often involved with them (the
/// agencies addressed, for a theme; the themes, for an agency).
/// </summary>
public sealed record ListingSummary(int Recommendations, int Reviews, int? FirstYear, int? LastYear, IReadOnlyList<(string Id, string Name, int Count)> MostOften);

/// <summary>
/// An addressee of a recommendation once: the agency it resolved to (null when it did not) and the
/// wordings the report used for it that differ from its name. Two wordings of one agency
/// ("Domestic Abuse Governance Boards", "Local Authority Community Safety Partnership") are one addressee.
/// </summary>
public sealed record DistinctAddressee(Agency? Agency, string Name, IReadOnlyList<string> AlsoWritten);

/// <summary>Headline numbers for the home page.</summary>
public sealed record SiteCounts(int Reviews, int Recommendations, int ReviewsNotExtracted, int Themes, int AgenciesAddressed, int Csps);

/// <summary>
/// Every cross-reference the pages need, computed once from a checked <see cref="ContentModel"/>:
/// recommendations by theme and by agency, reviews by CSP, region and year, related reviews and
/// counts. All lists are in a deterministic order (ordinal sorts, never dictionary order), so the
/// same content always renders the same bytes. Immutable and safe to read from many threads.
/// </summary>
public sealed class SiteIndex
{
    private static readonly IReadOnlyList<RecommendationRef> NoRecommendations = [];
    private static readonly IReadOnlyList<ReviewGroup> NoGroups = [];
    private static readonly IReadOnlyList<Review> NoReviews = [];
    private static readonly IReadOnlyList<RelatedReview> NoRelated = [];
    private static readonly IReadOnlyList<Agency> NoAgencies = [];

    /// <summary>How many related reviews a review page shows.</summary>
    public const int MaxRelated = 5;

    /// <summary>
    /// Recommendations on one page of a theme or agency listing, and reviews on one page of a list
    /// of reviews. Paging makes the size of every page independent of the size of the corpus
    /// (the budget: 50 KB gzip and 3,000 DOM nodes at 20,000 reviews, docs/site.md).
    /// </summary>
    public const int RecommendationsPerPage = 40, ReviewsPerPage = 50;

    /// <summary>How many agencies (for a theme) or themes (for an agency) the summary names.</summary>
    public const int MostOftenCount = 5;

    private readonly Dictionary<string, Theme> _themes;
    private readonly Dictionary<string, Agency> _agencies;
    private readonly Dictionary<string, Csp> _csps;
    private readonly Dictionary<string, Review> _reviews;
    private readonly Dictionary<string, IReadOnlyList<RecommendationRef>> _byTheme;
    private readonly Dictionary<string, IReadOnlyList<RecommendationRef>> _byAgency;
    private readonly Dictionary<string, IReadOnlyList<Review>> _byCsp;
    private readonly Dictionary<string, IReadOnlyList<Agency>> _predecessors;
    private readonly Dictionary<string, IReadOnlyList<RelatedReview>> _related;
    private readonly Dictionary<string, IReadOnlyList<Theme>> _reviewThemes;
    private readonly Dictionary<string, IReadOnlyList<Agency>> _reviewAgencies;
    private static readonly IReadOnlyList<RecurringCluster> NoClusters = [];
    private readonly Dictionary<string, IReadOnlyList<RecurringCluster>> _recurringByTheme;
    private readonly Dictionary<string, IReadOnlyList<RecurringCluster>> _recurringByAgency;
    private readonly Dictionary<RecurringCluster, int> _recurringPage;

    private SiteIndex(ContentModel model, SimilarRecommendations? similar = null)
    {
        Model = model;
        Similar = similar ?? SimilarRecommendations.Empty;
        _themes = model.Themes.ToDictionary(t => t.Id, StringComparer.Ordinal);
        _agencies = model.Agencies.ToDictionary(a => a.Id, StringComparer.Ordinal);
        _csps = model.Csps.ToDictionary(c => c.Id, StringComparer.Ordinal);
        _reviews = model.Reviews.ToDictionary(r => r.Id, StringComparer.Ordinal);

        ReviewsByPublication = model.Reviews.OrderBy(r => r, NewestFirst).ToList();
        ReviewsByTitle = model.Reviews
            .OrderBy(r => r.Title, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();

        // Recommendations by theme and by agency, newest review first, then the report's order.
        var byTheme = new Dictionary<string, List<RecommendationRef>>(StringComparer.Ordinal);
        var byAgency = new Dictionary<string, List<RecommendationRef>>(StringComparer.Ordinal);
        var reviewThemes = new Dictionary<string, IReadOnlyList<Theme>>(StringComparer.Ordinal);
        var reviewAgencies = new Dictionary<string, IReadOnlyList<Agency>>(StringComparer.Ordinal);
        foreach (var review in ReviewsByPublication)
        {
            var themes = new HashSet<string>(StringComparer.Ordinal);
            var agencies = new HashSet<string>(StringComparer.Ordinal);
            foreach (var rec in review.Recommendations.OrderBy(r => r.Order))
            {
                var item = new RecommendationRef(review, rec);
                foreach (var id in ThemeIdsOf(rec))
                {
                    if (!_themes.ContainsKey(id)) continue;
                    Add(byTheme, id, item);
                    themes.Add(id);
                }
                foreach (var id in AgencyIdsOf(rec))
                {
                    if (!_agencies.ContainsKey(id)) continue;
                    Add(byAgency, id, item);
                    agencies.Add(id);
                }
            }
            reviewThemes[review.Id] = model.Themes.Where(t => themes.Contains(t.Id)).ToList();
            reviewAgencies[review.Id] = agencies.Select(id => _agencies[id]).OrderBy(a => a, ByName).ToList();
        }
        _byTheme = Freeze(byTheme);
        _byAgency = Freeze(byAgency);
        _reviewThemes = reviewThemes;
        _reviewAgencies = reviewAgencies;

        _byCsp = ReviewsByPublication.GroupBy(r => r.CspId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Review>)g.ToList(), StringComparer.Ordinal);

        ReviewsByYear = ReviewsByPublication
            .GroupBy(r => r.Published?.Year)
            .Select(g => new YearGroup(g.Key, g.ToList()))
            .OrderBy(g => g.Year is null ? 1 : 0).ThenByDescending(g => g.Year ?? 0)
            .ToList();
        PublicationYears = ReviewsByYear.Where(g => g.Year is not null).Select(g => g.Year!.Value).ToList();

        CspsByRegion = model.Csps
            .GroupBy(c => c.Region, StringComparer.Ordinal)
            .Select(g =>
            {
                var csps = g.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
                var nation = csps.Select(c => c.Nation).Order(StringComparer.Ordinal).First();
                return new RegionGroup(g.Key, nation, csps, csps.Sum(c => ReviewsForCsp(c.Id).Count));
            })
            .OrderBy(g => NationOrder(g.Nation)).ThenBy(g => g.Region, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Region, StringComparer.Ordinal)
            .ToList();

        var sectorOrder = Vocabulary.Sectors.Select(s => s.Key).ToList();
        AgenciesBySector = model.Agencies
            .GroupBy(a => a.Sector, StringComparer.Ordinal)
            .Select(g =>
            {
                var agencies = g.OrderBy(a => a, ByName).ToList();
                var recs = agencies.SelectMany(a => RecommendationsForAgency(a.Id)).Select(r => r.Recommendation)
                    .Distinct(ReferenceEqualityComparer.Instance).Count();
                return new SectorGroup(g.Key, Vocabulary.SectorLabel(g.Key), agencies, recs);
            })
            .OrderBy(g => sectorOrder.IndexOf(g.Sector) is var i && i >= 0 ? i : int.MaxValue)
            .ThenBy(g => g.Sector, StringComparer.Ordinal)
            .ToList();

        _predecessors = model.Agencies
            .Where(a => a.SuccessorId is not null && _agencies.ContainsKey(a.SuccessorId))
            .GroupBy(a => a.SuccessorId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Agency>)g.OrderBy(a => a, ByName).ToList(), StringComparer.Ordinal);

        _related = ComputeRelated(model.Reviews);
        Implementation = Implementation.For(model);

        // Clusters by theme and agency, in the national order (largest first): a cluster is listed
        // under every theme and agency of any of its members.
        var clusterThemes = new Dictionary<string, List<RecurringCluster>>(StringComparer.Ordinal);
        var clusterAgencies = new Dictionary<string, List<RecurringCluster>>(StringComparer.Ordinal);
        _recurringPage = new Dictionary<RecurringCluster, int>(ReferenceEqualityComparer.Instance);
        for (var k = 0; k < Similar.Clusters.Count; k++)
        {
            var cluster = Similar.Clusters[k];
            _recurringPage[cluster] = k / ClustersPerPage + 1;
            foreach (var id in cluster.Members.SelectMany(m => ThemeIdsOf(m.Recommendation)).Distinct(StringComparer.Ordinal))
                (clusterThemes.TryGetValue(id, out var list) ? list : clusterThemes[id] = []).Add(cluster);
            foreach (var id in cluster.Members.SelectMany(m => AgencyIdsOf(m.Recommendation)).Distinct(StringComparer.Ordinal))
                (clusterAgencies.TryGetValue(id, out var list) ? list : clusterAgencies[id] = []).Add(cluster);
        }
        _recurringByTheme = clusterThemes.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<RecurringCluster>)kv.Value, StringComparer.Ordinal);
        _recurringByAgency = clusterAgencies.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<RecurringCluster>)kv.Value, StringComparer.Ordinal);

        var recCount = model.Reviews.Sum(r => r.Recommendations.Count);
        Counts = new SiteCounts(
            Reviews: model.Reviews.Count,
            Recommendations: recCount,
            ReviewsNotExtracted: model.Reviews.Count(r => r.RecommendationsStatus == RecommendationsStatus.NotExtracted),
            Themes: _byTheme.Count,
            AgenciesAddressed: _byAgency.Count,
            Csps: _byCsp.Count);
    }

    /// <summary>Indexes a checked model.</summary>
    public static SiteIndex Create(ContentModel model) => new(model) { Texts = RenderedTexts.Of(model) };

    /// <summary>
    /// An index that also knows the data files' sizes (see <see cref="Downloads"/>) and each
    /// recommendation's closest ones in other reviews (see <see cref="Similar"/>).
    /// </summary>
    public static SiteIndex Create(ContentModel model, IReadOnlyList<Data.Download> downloads, SimilarRecommendations similar, RenderedTexts texts) =>
        new(model, similar) { Downloads = downloads, Texts = texts };

    /// <summary>The reviews' Markdown texts, parsed once and rendered for the pages and search.</summary>
    public required RenderedTexts Texts { get; init; }

    /// <summary>Recommendations of other reviews close to each recommendation (empty when the theme is rendered on its own, in tests).</summary>
    public SimilarRecommendations Similar { get; }

    /// <summary>Recurring recommendations: clusters of repeats across reviews, largest first.</summary>
    public IReadOnlyList<RecurringCluster> Recurring => Similar.Clusters;

    /// <summary>How many clusters one page of the national list of recurring recommendations holds.</summary>
    public const int ClustersPerPage = 10;

    /// <summary>
    /// How many clusters a theme or agency page lists (the largest; the rest are on the national
    /// page), and how many recommendations (the newest) a cluster lists there and on the national
    /// page: the page budget holds whatever the size of a cluster.
    /// </summary>
    public const int ClustersPerListing = 5, MembersPerCluster = 8, MembersPerClusterNationally = 25;

    /// <summary>The clusters with a member coded with the theme, largest first.</summary>
    public IReadOnlyList<RecurringCluster> RecurringForTheme(string themeId) => _recurringByTheme.GetValueOrDefault(themeId) ?? NoClusters;

    /// <summary>The clusters with a member addressed to the agency, largest first.</summary>
    public IReadOnlyList<RecurringCluster> RecurringForAgency(string agencyId) => _recurringByAgency.GetValueOrDefault(agencyId) ?? NoClusters;

    /// <summary>The page of the national list on which a cluster is (1-based).</summary>
    public int RecurringPageOf(RecurringCluster cluster) => _recurringPage[cluster];

    /// <summary>
    /// The data files the data page lists, with their sizes, made before the pages; empty when the
    /// theme is rendered on its own (in tests).
    /// </summary>
    public IReadOnlyList<Data.Download> Downloads { get; private init; } = [];

    /// <summary>What "overdue" means for this content, and the month it is judged against.</summary>
    public Implementation Implementation { get; }

    /// <summary>The content being published.</summary>
    public ContentModel Model { get; }

    /// <summary>Portal settings.</summary>
    public SiteSettings Settings => Model.Settings;

    /// <summary>Headline numbers.</summary>
    public SiteCounts Counts { get; }

    /// <summary>All reviews, newest publication first; reviews with no publication date last; ties by id.</summary>
    public IReadOnlyList<Review> ReviewsByPublication { get; }

    /// <summary>All reviews by title (case-insensitive), then id.</summary>
    public IReadOnlyList<Review> ReviewsByTitle { get; }

    /// <summary>Reviews grouped by publication year, newest first; the group with no known year last.</summary>
    public IReadOnlyList<YearGroup> ReviewsByYear { get; }

    /// <summary>Years in which at least one review was published, newest first.</summary>
    public IReadOnlyList<int> PublicationYears { get; }

    /// <summary>CSPs grouped by region: England's regions A–Z, then Wales.</summary>
    public IReadOnlyList<RegionGroup> CspsByRegion { get; }

    /// <summary>Agencies grouped by sector, in the order of <see cref="Vocabulary.Sectors"/>.</summary>
    public IReadOnlyList<SectorGroup> AgenciesBySector { get; }

    /// <summary>The newest reviews, for the home page.</summary>
    public IReadOnlyList<Review> Latest(int count) => ReviewsByPublication.Take(count).ToList();

    public Theme? FindTheme(string id) => _themes.GetValueOrDefault(id);
    public Agency? FindAgency(string id) => _agencies.GetValueOrDefault(id);
    public Csp? FindCsp(string id) => _csps.GetValueOrDefault(id);
    public Review? FindReview(string id) => _reviews.GetValueOrDefault(id);
    public Study? FindStudy(string id) => Model.Studies.FirstOrDefault(s => s.Id == id);

    /// <summary>The study section a theme comes from (its <c>source:</c> names it), or null.</summary>
    public (Study Study, StudySection Section)? StudySectionOf(Theme theme) =>
        Model.Studies.Select(s => (Study: s, Section: s.SectionOf(theme))).FirstOrDefault(x => x.Section is not null) is { Section: { } section } found
            ? (found.Study, section)
            : null;

    /// <summary>The themes that come from one section of a study, in taxonomy order.</summary>
    public IReadOnlyList<Theme> ThemesFrom(Study study, StudySection section) =>
        Model.Themes.Where(t => ReferenceEquals(study.SectionOf(t), section)).ToList();

    /// <summary>Every recommendation coded with a theme, newest review first, then the report's order.</summary>
    public IReadOnlyList<RecommendationRef> RecommendationsForTheme(string themeId) => _byTheme.GetValueOrDefault(themeId) ?? NoRecommendations;

    /// <summary>Every recommendation addressed to an agency (by any of its names), newest review first.</summary>
    public IReadOnlyList<RecommendationRef> RecommendationsForAgency(string agencyId) => _byAgency.GetValueOrDefault(agencyId) ?? NoRecommendations;

    /// <summary>Recommendations on a theme grouped by review (newest review first).</summary>
    public IReadOnlyList<ReviewGroup> ThemeByReview(string themeId) => Group(RecommendationsForTheme(themeId));

    /// <summary>Recommendations addressed to an agency grouped by review (newest review first).</summary>
    public IReadOnlyList<ReviewGroup> AgencyByReview(string agencyId) => Group(RecommendationsForAgency(agencyId));

    /// <summary>Pages a listing of <paramref name="items"/> takes (at least one, which says the list is empty).</summary>
    public static int PageCount(int items, int perPage) => Math.Max(1, (items + perPage - 1) / perPage);

    /// <summary>The items of page <paramref name="page"/> (1-based).</summary>
    public static IReadOnlyList<T> PageOf<T>(IReadOnlyList<T> items, int page, int perPage)
    {
        var start = (page - 1) * perPage;
        var list = new List<T>(Math.Max(0, Math.Min(perPage, items.Count - start)));
        for (var i = start; i < items.Count && i < start + perPage; i++) list.Add(items[i]);
        return list;
    }

    /// <summary>One page of recommendations grouped by review; a review cut by a page break appears on both pages.</summary>
    public static IReadOnlyList<ReviewGroup> GroupedPage(IReadOnlyList<RecommendationRef> items, int page) =>
        Group(PageOf(items, page, RecommendationsPerPage));

    /// <summary>The page of <c>/reviews/</c> on which reviews of a publication year start.</summary>
    public int ReviewsPageOfYear(int? year)
    {
        var before = 0;
        foreach (var g in ReviewsByYear)
        {
            if (g.Year == year) return before / ReviewsPerPage + 1;
            before += g.Reviews.Count;
        }
        return 1;
    }

    /// <summary>The at-a-glance summary of a theme's recommendations: the agencies most often addressed.</summary>
    public ListingSummary SummaryOfTheme(string themeId) => Summarise(RecommendationsForTheme(themeId),
        rec => AgencyIdsOf(rec).Select(FindAgency).OfType<Agency>().Select(a => (a.Id, a.Name)));

    /// <summary>The at-a-glance summary of an agency's recommendations: the themes most often coded.</summary>
    public ListingSummary SummaryOfAgency(string agencyId) => Summarise(RecommendationsForAgency(agencyId),
        rec => ThemeIdsOf(rec).Select(FindTheme).OfType<Theme>().Select(t => (t.Id, t.Name)));

    private static ListingSummary Summarise(IReadOnlyList<RecommendationRef> items, Func<Recommendation, IEnumerable<(string Id, string Name)>> related)
    {
        var counts = new Dictionary<string, (string Name, int Count)>(StringComparer.Ordinal);
        var reviews = 0;
        int? first = null, last = null;
        Review? previous = null;
        foreach (var item in items)
        {
            if (!ReferenceEquals(item.Review, previous))
            {
                reviews++;
                previous = item.Review;
                if (item.Review.Published is { } p)
                {
                    first = first is { } f ? Math.Min(f, p.Year) : p.Year;
                    last = last is { } l ? Math.Max(l, p.Year) : p.Year;
                }
            }
            foreach (var (id, name) in related(item.Recommendation))
                counts[id] = counts.TryGetValue(id, out var c) ? (name, c.Count + 1) : (name, 1);
        }
        var most = counts.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(MostOftenCount).Select(kv => (kv.Key, kv.Value.Name, kv.Value.Count)).ToList();
        return new ListingSummary(items.Count, reviews, first, last, most);
    }

    /// <summary>
    /// The addressees of a recommendation, each agency once, in the order first written; unresolved
    /// wordings stay as written (once each).
    /// </summary>
    public IReadOnlyList<DistinctAddressee> AddresseesOf(Recommendation rec)
    {
        var result = new List<DistinctAddressee>(rec.To.Count);
        var at = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var to in rec.To)
        {
            var agency = to.AgencyId is { } id ? FindAgency(id) : null;
            var key = agency is null ? "?" + to.AsWritten : agency.Id;
            var differs = agency is not null && !string.Equals(to.AsWritten, agency.Name, StringComparison.OrdinalIgnoreCase);
            if (at.TryGetValue(key, out var i))
            {
                if (differs && !result[i].AlsoWritten.Contains(to.AsWritten, StringComparer.Ordinal))
                    result[i] = result[i] with { AlsoWritten = [.. result[i].AlsoWritten, to.AsWritten] };
                continue;
            }
            at[key] = result.Count;
            result.Add(new DistinctAddressee(agency, agency?.Name ?? to.AsWritten, differs ? [to.AsWritten] : []));
        }
        return result;
    }

    /// <summary>Reviews commissioned by a CSP, newest first.</summary>
    public IReadOnlyList<Review> ReviewsForCsp(string cspId) => _byCsp.GetValueOrDefault(cspId) ?? NoReviews;

    /// <summary>Reviews published in a year, newest first.</summary>
    public IReadOnlyList<Review> ReviewsInYear(int? year) => ReviewsByYear.FirstOrDefault(g => g.Year == year)?.Reviews ?? NoReviews;

    /// <summary>
    /// How many similar recommendations one review page lists in all. A long review whose every
    /// recommendation had its <see cref="SimilarRecommendations.MaxPerRecommendation"/> would
    /// otherwise break the page budget (3,000 DOM nodes: 45 recommendations with three each measured
    /// 4,426); all of them are in data/repeats.csv.
    /// </summary>
    public const int SimilarPerReviewPage = 30;

    /// <summary>
    /// The similar recommendations a review page lists under each of its recommendations: each
    /// recommendation's closest first, then the second closest, and so on in the report's order,
    /// until <see cref="SimilarPerReviewPage"/> are listed, so every recommendation that has one
    /// shows at least its closest before any shows a third.
    /// </summary>
    public IReadOnlyDictionary<Recommendation, IReadOnlyList<SimilarRecommendation>> SimilarOnPage(Review review)
    {
        var lists = review.Recommendations.Select(r => Similar.For(review, r)).ToList();
        var shown = lists.Select(_ => new List<SimilarRecommendation>()).ToList();
        var left = SimilarPerReviewPage;
        for (var rank = 0; rank < SimilarRecommendations.MaxPerRecommendation && left > 0; rank++)
            for (var i = 0; i < lists.Count && left > 0; i++)
                if (rank < lists[i].Count) { shown[i].Add(lists[i][rank]); left--; }
        var result = new Dictionary<Recommendation, IReadOnlyList<SimilarRecommendation>>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < lists.Count; i++) result[review.Recommendations[i]] = shown[i];
        return result;
    }

    /// <summary>Up to <see cref="MaxRelated"/> reviews sharing the most distinctive themes and agencies.</summary>
    public IReadOnlyList<RelatedReview> RelatedTo(Review review) => _related.GetValueOrDefault(review.Id) ?? NoRelated;

    /// <summary>The agency that took over this agency's duties, if any.</summary>
    public Agency? SuccessorOf(Agency agency) => agency.SuccessorId is { } s ? _agencies.GetValueOrDefault(s) : null;

    /// <summary>The end of the successor chain (the body doing the work today); null when the agency has no successor.</summary>
    public Agency? CurrentSuccessorOf(Agency agency)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { agency.Id };
        Agency? current = null;
        for (var next = SuccessorOf(agency); next is not null && seen.Add(next.Id); next = SuccessorOf(next))
            current = next;
        return current;
    }

    /// <summary>Agencies whose duties passed to this agency.</summary>
    public IReadOnlyList<Agency> PredecessorsOf(Agency agency) => _predecessors.GetValueOrDefault(agency.Id) ?? NoAgencies;

    /// <summary>The display name of a CSP id (the id itself if unknown).</summary>
    public string CspName(string cspId) => FindCsp(cspId)?.Name ?? cspId;

    /// <summary>Distinct resolved agency ids of a recommendation, in addressee order.</summary>
    public static IEnumerable<string> AgencyIdsOf(Recommendation rec) =>
        rec.To.Select(a => a.AgencyId).OfType<string>().Distinct(StringComparer.Ordinal);

    /// <summary>Distinct theme ids of a recommendation, in the order written.</summary>
    public static IEnumerable<string> ThemeIdsOf(Recommendation rec) =>
        rec.Themes.Select(t => t.Id).Distinct(StringComparer.Ordinal);

    /// <summary>Newest publication first, unknown publication last, then id (ordinal).</summary>
    public static IComparer<Review> NewestFirst { get; } = Comparer<Review>.Create((a, b) =>
    {
        if (a.Published != b.Published)
        {
            if (a.Published is null) return 1;
            if (b.Published is null) return -1;
            return b.Published.Value.CompareTo(a.Published.Value);
        }
        return string.CompareOrdinal(a.Id, b.Id);
    });

    private static IComparer<Agency> ByName { get; } = Comparer<Agency>.Create((a, b) =>
    {
        var c = StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    });

    private static int NationOrder(string nation) => nation switch { "england" => 0, "wales" => 1, _ => 2 };

    private static void Add(Dictionary<string, List<RecommendationRef>> map, string key, RecommendationRef item)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(item);
    }

    private static Dictionary<string, IReadOnlyList<RecommendationRef>> Freeze(Dictionary<string, List<RecommendationRef>> map) =>
        map.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<RecommendationRef>)kv.Value, StringComparer.Ordinal);

    private static IReadOnlyList<ReviewGroup> Group(IReadOnlyList<RecommendationRef> items)
    {
        if (items.Count == 0) return NoGroups;
        var groups = new List<ReviewGroup>();
        var i = 0;
        while (i < items.Count)
        {
            var review = items[i].Review;
            var recs = new List<Recommendation>();
            for (; i < items.Count && ReferenceEquals(items[i].Review, review); i++) recs.Add(items[i].Recommendation);
            groups.Add(new ReviewGroup(review, recs));
        }
        return groups;
    }

    /// <summary>
    /// Related reviews: every shared theme and agency scores its inverse document frequency,
    /// log(N / reviews with it), so a rare theme or a local agency counts for more than a theme or
    /// national body that half the reviews share; agencies count double, as shared agencies mean
    /// shared practice; one in every review scores nothing. Ties break by id, so the order is stable.
    /// </summary>
    private Dictionary<string, IReadOnlyList<RelatedReview>> ComputeRelated(IReadOnlyList<Review> reviews)
    {
        const double AgencyWeight = 2.0;
        var n = reviews.Count;

        // Features as small integers: themes first, then agencies; postings list the reviews with each.
        var featureIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var isAgency = new List<bool>();
        var postings = new List<List<int>>();
        var reviewFeatures = new int[n][];
        int Feature(string key, bool agency)
        {
            if (!featureIds.TryGetValue(key, out var f))
            {
                featureIds[key] = f = postings.Count;
                postings.Add([]);
                isAgency.Add(agency);
            }
            return f;
        }
        for (var i = 0; i < n; i++)
        {
            var id = reviews[i].Id;
            reviewFeatures[i] = _reviewThemes[id].Select(t => Feature("t:" + t.Id, false))
                .Concat(_reviewAgencies[id].Select(a => Feature("a:" + a.Id, true)))
                .ToArray();
            foreach (var f in reviewFeatures[i]) postings[f].Add(i);
        }
        var weights = new double[postings.Count];
        for (var f = 0; f < weights.Length; f++)
            weights[f] = Math.Log((double)n / postings[f].Count) * (isAgency[f] ? AgencyWeight : 1.0);

        // Each review is scored on its own, so reviews are scored in parallel, each worker with its
        // own score buffer; the result is the same whatever the schedule.
        var related = new IReadOnlyList<RelatedReview>[n];
        Parallel.For(0, n, () => new double[n], (i, _, scores) =>
        {
            var touched = new List<int>();
            foreach (var f in reviewFeatures[i])
            {
                var w = weights[f];
                if (w <= 0) continue;
                foreach (var j in postings[f])
                {
                    if (j == i) continue;
                    if (scores[j] == 0) touched.Add(j);
                    scores[j] += w;
                }
            }

            // The top few by score, then id: a bounded insertion, not a sort of every candidate.
            var best = new List<int>(MaxRelated + 1);
            foreach (var j in touched)
            {
                var at = best.Count;
                while (at > 0 && Better(scores, j, best[at - 1])) at--;
                if (at < MaxRelated)
                {
                    best.Insert(at, j);
                    if (best.Count > MaxRelated) best.RemoveAt(MaxRelated);
                }
            }

            var myThemes = _reviewThemes[reviews[i].Id];
            var myAgencies = _reviewAgencies[reviews[i].Id];
            related[i] = best.Select(j =>
            {
                var other = reviews[j];
                return new RelatedReview(other, Math.Round(scores[j], 6),
                    _reviewThemes[other.Id].Where(t => myThemes.Any(m => ReferenceEquals(m, t))).ToList(),
                    _reviewAgencies[other.Id].Where(a => myAgencies.Any(m => ReferenceEquals(m, a))).ToList());
            }).ToList();

            foreach (var j in touched) scores[j] = 0;
            return scores;
        }, _ => { });

        var result = new Dictionary<string, IReadOnlyList<RelatedReview>>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++) result[reviews[i].Id] = related[i];
        return result;

        bool Better(double[] scores, int a, int b) =>
            scores[a] > scores[b] || (scores[a] == scores[b] && string.CompareOrdinal(reviews[a].Id, reviews[b].Id) < 0);
    }
}
