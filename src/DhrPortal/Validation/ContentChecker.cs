using DhrPortal.Content;
using DhrPortal.Diagnostics;
using DhrPortal.Loading;

namespace DhrPortal.Validation;

/// <summary>Options for checking content.</summary>
public sealed record CheckOptions
{
    /// <summary>"Today", for refusing dates in the future; injected so checks are reproducible.</summary>
    public required DateOnly Today { get; init; }
}

/// <summary>The outcome of loading and checking: a model when there are no errors, and every diagnostic.</summary>
public sealed record CheckResult(ContentModel? Model, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
    public int ErrorCount => Diagnostics.Count(d => d.Severity == Severity.Error);
    public int WarningCount => Diagnostics.Count(d => d.Severity == Severity.Warning);
}

/// <summary>
/// Binds, validates and links an <see cref="InputSet"/>: every problem in every file is collected,
/// and a <see cref="ContentModel"/> is returned only when there is no error. Pure: no disk access.
/// </summary>
public static class ContentChecker
{
    /// <summary>DHRs became statutory in April 2011; nothing can have been published before.</summary>
    private static readonly YearMonth FirstPossiblePublication = new(2011, 4);

    public static CheckResult Check(InputSet input, CheckOptions options)
    {
        var bag = new DiagnosticBag();
        var settings = RegistryParser.Site(input.Site, bag);
        var load = new RegistryLoad();
        var areas = RegistryParser.Themes(input.Themes, bag, load);
        var agencies = RegistryParser.Agencies(input.Agencies, bag, load);
        var csps = RegistryParser.Csps(input.Csps, bag, load);
        var support = SupportParser.Parse(input.Support, bag);
        CheckRegistries(areas, agencies, csps, load, bag);

        var resolver = new AgencyResolver(agencies);
        var themeIds = areas.SelectMany(a => a.Themes).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var cspIds = csps.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var registry = new Registry(resolver, themeIds, cspIds, options.Today)
        {
            ThemesUsable = load.ThemesUsable, AgenciesUsable = load.AgenciesUsable, CspsUsable = load.CspsUsable,
        };
        if (settings.StatusAsOf is { } reference)
        {
            if (reference > registry.ThisMonth)
                bag.Error(DiagnosticCodes.FutureDate, settings.StatusAsOfSpan, $"'status_as_of' {reference} is in the future.",
                    "Write the month the statuses were last reviewed, or remove it to judge them against the latest status month.");
            else if (reference < FirstPossiblePublication)
                bag.Error(DiagnosticCodes.ImplausibleDate, settings.StatusAsOfSpan, $"'status_as_of' {reference} is before DHRs began (April 2011).");
        }

        // Files are independent until ids are compared: parse and check them on every core.
        var reviews = new Review?[input.Reviews.Count];
        var bags = new DiagnosticBag[input.Reviews.Count];
        Parallel.For(0, input.Reviews.Count, i =>
        {
            var fileBag = new DiagnosticBag();
            var review = ReviewParser.Parse(input.Reviews[i], fileBag, out var complete, out var locations);
            var checkedReview = review is null ? null : CheckReview(review, locations, registry, fileBag);
            reviews[i] = complete ? checkedReview : null;
            bags[i] = fileBag;
        });
        foreach (var b in bags) bag.AddRange(b.Items);

        var seen = new Dictionary<string, Review>(StringComparer.Ordinal);
        foreach (var r in reviews)
        {
            if (r is null) continue;
            if (!seen.TryAdd(r.Id, r))
                bag.Error(DiagnosticCodes.DuplicateReviewId, r.IdSpan, $"Review id '{r.Id}' is also used by {seen[r.Id].SourcePath}.");
        }

        CheckPreviousIds(seen, bag);
        RepeatReferences.Check(seen, bag);
        var studies = input.Studies.Select(f => CheckStudy(f, bag)).OfType<Study>().OrderBy(s => s.Id, StringComparer.Ordinal).ToList();

        var diagnostics = bag.Sorted();
        if (bag.HasErrors) return new CheckResult(null, diagnostics);
        var model = new ContentModel
        {
            Settings = settings,
            Areas = areas,
            Agencies = agencies,
            Csps = csps,
            Support = support,
            Reviews = seen.Values.OrderBy(r => r.Id, StringComparer.Ordinal).ToList(),
            Studies = studies,
        };
        return new CheckResult(model, diagnostics);
    }

    private sealed record Registry(AgencyResolver Resolver, HashSet<string> ThemeIds, HashSet<string> CspIds, DateOnly Today)
    {
        // When a registry file is missing or unreadable as a whole, that one error is reported and each
        // reference to it is not: every addressee of every review would otherwise be reported as unknown.
        public bool ThemesUsable { get; init; } = true;
        public bool AgenciesUsable { get; init; } = true;
        public bool CspsUsable { get; init; } = true;

        public YearMonth ThisMonth => new(Today.Year, Today.Month);
    }

    /// <summary>
    /// An old id becomes a redirect from its old URL to the review, so it must lead to one review only:
    /// it cannot be a live review's id (that page exists) nor an old id of another review (or twice the same).
    /// </summary>
    private static void CheckPreviousIds(Dictionary<string, Review> reviews, DiagnosticBag bag)
    {
        var claimed = new Dictionary<string, Review>(StringComparer.Ordinal);
        foreach (var r in reviews.Values.OrderBy(r => r.SourcePath, StringComparer.Ordinal))
        {
            foreach (var old in r.PreviousIds)
            {
                if (reviews.TryGetValue(old.Id, out var live))
                    bag.Error(DiagnosticCodes.PreviousIdTaken, old.Span, live == r
                        ? $"'{old.Id}' is this review's own id, not a previous one."
                        : $"'{old.Id}' is the id of the review in {live.SourcePath}; its URL cannot also redirect here.");
                else if (!claimed.TryAdd(old.Id, r))
                    bag.Error(DiagnosticCodes.PreviousIdTaken, old.Span, claimed[old.Id] == r
                        ? $"'{old.Id}' is listed twice in 'previous_ids'."
                        : $"'{old.Id}' is also a previous id of the review in {claimed[old.Id].SourcePath}.");
            }
        }
    }

    private static void CheckRegistries(IReadOnlyList<ThemeArea> areas, IReadOnlyList<Agency> agencies, IReadOnlyList<Csp> csps, RegistryLoad load, DiagnosticBag bag)
    {
        void Unique<T>(IEnumerable<T> items, Func<T, string> id, Func<T, SourceSpan> span, string what)
        {
            var first = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                // An empty id is a placeholder for an id that was invalid, and already reported.
                if (id(item).Length > 0 && !first.TryAdd(id(item), span(item)))
                    bag.Error(DiagnosticCodes.DuplicateRegistryId, span(item), $"{what} id '{id(item)}' is already used at line {first[id(item)].Line}.");
            }
        }
        Unique(areas, a => a.Id, a => a.Span, "Area");
        Unique(areas.SelectMany(a => a.Themes), t => t.Id, t => t.Span, "Theme");
        Unique(agencies, a => a.Id, a => a.Span, "Agency");
        Unique(csps, c => c.Id, c => c.Span, "CSP");

        var ids = agencies.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in agencies)
        {
            if (a.SuccessorId is { } s && !ids.Contains(s))
                bag.Error(DiagnosticCodes.UnknownAgency, a.SuccessorSpan, $"Successor '{s}' of agency '{a.Id}' is not in agencies.yml.");
            if (a.SuccessorId == a.Id)
                bag.Error(DiagnosticCodes.InvalidValue, a.SuccessorSpan, $"Agency '{a.Id}' cannot be its own successor.");
            var names = a.Aliases.Prepend(a.Name).Prepend(a.Id).ToList();
            var spans = load.AgencyNameSpans.GetValueOrDefault(a);
            var done = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < names.Count; i++)
            {
                var name = names[i];
                if (!done.Add(name)) continue;
                var key = AgencyResolver.Normalize(name);
                if (owner.TryGetValue(key, out var other) && other != a.Id)
                {
                    var at = spans is not null && i < spans.Count ? spans[i] : a.Span;
                    bag.Error(DiagnosticCodes.DuplicateAlias, at, $"'{name}' of agency '{a.Id}' also names agency '{other}'.");
                }
                else
                {
                    owner[key] = a.Id;
                }
            }
        }
    }

    private static Review CheckReview(Review review, ReviewLocations locations, Registry registry, DiagnosticBag bag)
    {
        if (registry.CspsUsable && review.CspId.Length > 0 && !registry.CspIds.Contains(review.CspId))
        {
            var close = Text.Suggest.Closest(review.CspId, registry.CspIds, 3);
            bag.Error(DiagnosticCodes.UnknownCsp, review.CspSpan, $"CSP '{review.CspId}' is not in csps.yml.",
                close.Count > 0 ? $"Did you mean {Quote(close)}? Otherwise add the partnership to input/csps.yml." : null);
        }
        CheckDates(review, registry, bag);

        var links = new List<SiteLink>();
        Action<string, SourceSpan> Collect(bool listed) => (url, span) => links.Add(new SiteLink(url, span, listed));

        var identities = new Dictionary<string, Recommendation>(review.Recommendations.Count, StringComparer.Ordinal);
        var anchors = new Dictionary<string, Recommendation>(review.Recommendations.Count, StringComparer.Ordinal);
        var linked = new List<Recommendation>(review.Recommendations.Count);
        var abbreviations = AgencyResolver.Abbreviations.Of(review.Abbreviations);
        foreach (var rec in review.Recommendations)
        {
            // Labels repeat across agencies, so label + first addressee identify a recommendation;
            // an explicit anchor is the editor's way of telling two such recommendations apart.
            var reported = false;
            if (!rec.AnchorIsExplicit)
            {
                var identity = rec.Label + "\u0000" + registry.Resolver.Key(rec.To[0].AsWritten);
                if (identities.TryGetValue(identity, out var twin))
                {
                    bag.Error(DiagnosticCodes.DuplicateRecommendation, rec.Span,
                        $"Recommendation '{rec.Label}' to '{rec.To[0].AsWritten}' is already listed at line {twin.Span.Line}.");
                    reported = true;
                }
                else
                {
                    identities[identity] = rec;
                }
            }
            if (Site.UrlScheme.ReviewPageIds.Contains(rec.Anchor))
                bag.Error(DiagnosticCodes.AnchorCollides, locations.Anchor.GetValueOrDefault(rec.Order, rec.Span),
                    $"Anchor '{rec.Anchor}' is also the id of a part of the review page ({string.Join(", ", Site.UrlScheme.ReviewPageIds)}).",
                    rec.AnchorIsExplicit ? "Set a different 'anchor:'." : "Set 'anchor:' on this recommendation: the anchor made from its label and first addressee is taken.");
            if (!anchors.TryAdd(rec.Anchor, rec) && !reported)
                bag.Error(DiagnosticCodes.DuplicateRecommendation, locations.Anchor.GetValueOrDefault(rec.Order, rec.Span),
                    $"Anchor '{rec.Anchor}' is already used by the recommendation at line {anchors[rec.Anchor].Span.Line}.",
                    "Set a different 'anchor:' on one of them.");

            foreach (var t in rec.Themes)
            {
                if (!registry.ThemesUsable || registry.ThemeIds.Contains(t.Id)) continue;
                var close = Text.Suggest.Closest(t.Id, registry.ThemeIds, 3);
                bag.Error(DiagnosticCodes.UnknownTheme, t.Span, $"Theme '{t.Id}' is not in themes.yml.",
                    close.Count > 0 ? $"Did you mean {Quote(close)}? Otherwise add the theme to input/themes.yml." : null);
            }
            if (rec.Status is { } st)
            {
                if (st.AsOf > registry.ThisMonth)
                    bag.Error(DiagnosticCodes.FutureDate, locations.StatusAsOf.GetValueOrDefault(rec.Order, rec.Span), $"Status date {st.AsOf} is in the future.");
            }
            var to = new List<Addressee>(rec.To.Count);
            foreach (var a in rec.To)
            {
                var id = registry.Resolver.Resolve(a.AsWritten, abbreviations);
                if (id is null && registry.AgenciesUsable)
                {
                    var close = registry.Resolver.Suggestions(AgencyResolver.Expand(a.AsWritten, abbreviations));
                    var hint = close.Count > 0
                        ? $"Closest known: {Quote(close)}. If it is one of those, add \"{a.AsWritten}\" to its 'aliases:' in input/agencies.yml; otherwise add a new agency there, or an abbreviation to this review."
                        : $"Add \"{a.AsWritten}\" to the 'aliases:' of the agency it means in input/agencies.yml, add a new agency there, or add an abbreviation to this review.";
                    bag.Error(DiagnosticCodes.UnknownAddressee, a.Span, $"Addressee '{a.AsWritten}' is not a known agency.", hint);
                }
                to.Add(a with { AgencyId = id });
            }
            CheckText(rec.Text, block: false, locations.RecommendationText.GetValueOrDefault(rec.Order) ?? TextLocator.At(rec.TextSpan), bag, Collect(listed: true));
            linked.Add(rec with { To = to });
        }

        var summaryLines = new Text.LineMap(review.Summary);
        MarkdownCheck.Check(review.Summary, block: true, index =>
        {
            var (line, offset) = summaryLines.At(index);
            return new SourceSpan(review.SourcePath, review.SummaryLine + line, offset + 1);
        }, bag, Collect(listed: false));
        if (review.QaLetter is { } letter)
        {
            CheckText(letter.Text, block: true, locations.LetterText ?? TextLocator.At(letter.TextSpan), bag, Collect(listed: false));
            for (var i = 0; i < letter.Points.Count; i++)
                CheckText(letter.Points[i], block: false, i < locations.LetterPoints.Count ? locations.LetterPoints[i] : TextLocator.At(letter.TextSpan), bag, Collect(listed: false));
            if (letter.Date > registry.Today)
                bag.Error(DiagnosticCodes.FutureDate, locations.LetterDate ?? letter.TextSpan, $"QA letter date {letter.Date:yyyy-MM-dd} is in the future.");
        }
        return review with { Recommendations = linked, Links = links };
    }

    /// <summary>
    /// A study, its body checked as a review's summary is (and parsed only when within the limits),
    /// with the links to the site its texts hold; null when it cannot be published (reported).
    /// </summary>
    private static Study? CheckStudy(SourceFile file, DiagnosticBag bag)
    {
        var links = new List<SiteLink>();
        var study = StudyParser.Parse(file, bag, (body, bodyLine) =>
        {
            var errors = bag.Items.Count(d => d.Severity == Severity.Error);
            var lines = new Text.LineMap(body);
            MarkdownCheck.Check(body, block: true, index =>
            {
                var (line, offset) = lines.At(index);
                return new SourceSpan(file.Path, bodyLine + line, offset + 1);
            }, bag, (url, span) => links.Add(new SiteLink(url, span, Listed: false)));
            return bag.Items.Count(d => d.Severity == Severity.Error) == errors;
        });
        return study is null ? null : study with { Links = links };
    }

    private static void CheckDates(Review review, Registry registry, DiagnosticBag bag)
    {
        if (review.Published is { } p)
        {
            if (p > registry.ThisMonth)
                bag.Error(DiagnosticCodes.FutureDate, review.PublishedSpan, $"Publication month {p} is in the future.");
            else if (p < FirstPossiblePublication)
                bag.Error(DiagnosticCodes.ImplausibleDate, review.PublishedSpan, $"Publication month {p} is before DHRs began (April 2011).");
            if (review.YearOfDeath is { } y && y > p.Year)
                bag.Error(DiagnosticCodes.DeathAfterPublication, review.YearOfDeathSpan, $"Year of death {y} is after publication ({p}).");
        }
        if (review.YearOfDeath is { } death && death > registry.Today.Year)
            bag.Error(DiagnosticCodes.FutureDate, review.YearOfDeathSpan, $"Year of death {death} is in the future.");
        if (review.Added is { } added)
        {
            var addedMonth = new YearMonth(added.Year, added.Month);
            if (added > registry.Today)
                bag.Error(DiagnosticCodes.FutureDate, review.AddedSpan, $"Date added {added:yyyy-MM-dd} is in the future.",
                    "Write the day the review was added to the portal (dhr new and dhr import fill in today).");
            else if (addedMonth < FirstPossiblePublication)
                bag.Error(DiagnosticCodes.ImplausibleDate, review.AddedSpan, $"Date added {added:yyyy-MM-dd} is before DHRs began (April 2011).");
            else if (review.Published is { } pub && addedMonth < pub)
                bag.Error(DiagnosticCodes.ImplausibleDate, review.AddedSpan, $"Date added {added:yyyy-MM-dd} is before the review was published ({pub}).",
                    "The portal adds published reports: check 'added' and 'published'.");
        }
    }

    private static void CheckText(string text, bool block, TextLocator locator, DiagnosticBag bag, Action<string, SourceSpan> siteLink) =>
        MarkdownCheck.Check(text, block, locator.Span, bag, siteLink);

    internal static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
