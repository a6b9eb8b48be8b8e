using System.Globalization;
using System.Text;
using DhrPortal.Content;
using DhrPortal.Loading;
using DhrPortal.Text;
using DhrPortal.Validation;

namespace DhrPortal.Generation;

/// <summary>Writes one synthetic review file, front matter and summary, from its plan and its own random stream.</summary>
internal sealed partial class ReviewWriter(ReviewPlan plan, SyntheticRegistry registry, Random rng)
{
    private static readonly (string Key, string Value)[] Glossary =
    [
        ("MARAC", "Multi-Agency Risk Assessment Conference"),
        ("IDVA", "Independent Domestic Violence Adviser"),
        ("DASH", "Domestic Abuse, Stalking and Harassment risk checklist"),
        ("IMR", "Individual Management Review"),
        ("MASH", "Multi-Agency Safeguarding Hub"),
        ("GP", "General Practitioner"),
    ];

    private static readonly string[] LetterQualities = ["a thorough and well-written report", "a clear report that keeps the victim at its centre", "a report with useful learning"];
    private static readonly string[] Partners = ["partner", "former partner", "husband", "wife"];
    private static readonly string[] Relatives = ["son", "grandson", "brother", "daughter", "nephew"];
    private static readonly string[] Services = ["a GP practice", "the police", "housing services", "a mental health team", "a specialist domestic abuse service"];
    private static readonly string[] Descriptions = ["kind and private", "a devoted parent", "sociable and funny", "hard-working"];
    private static readonly string[] Histories = ["controlling behaviour", "alcohol misuse", "previous abusive relationships", "unemployment and debt"];
    private static readonly string[] DepartmentSuffixes = [" Adult Social Care", " Children's Services", " Housing Services"];

    private static readonly Dictionary<string, string[]> PreferredAreas = new(StringComparer.Ordinal)
    {
        ["police"] = ["risk", "criminal-justice"],
        ["health"] = ["health", "information-sharing"],
        ["local-authority"] = ["housing-and-money", "people-and-communities", "multi-agency-working"],
        ["housing"] = ["housing-and-money"],
        ["voluntary"] = ["workforce", "housing-and-money"],
        ["safeguarding-board"] = ["multi-agency-working", "workforce"],
        ["criminal-justice"] = ["criminal-justice", "risk"],
        ["national-government"] = ["workforce", "multi-agency-working"],
        ["multi-agency"] = ["multi-agency-working", "information-sharing", "workforce"],
    };

    private enum LabelStyle { PerAgency, Sequential, Section, Lettered, Prefixed }

    private sealed class Rec
    {
        public required string Label { get; init; }
        public required List<string> To { get; init; }
        public required List<string> Themes { get; init; }
        public required string Text { get; set; }
        public ImplementationStatus? Status { get; init; }
        public string? Anchor { get; set; }
        public List<string> Repeats { get; } = [];
    }

    private readonly List<(string Key, string Value)> _abbreviations = [];
    private readonly Dictionary<string, string> _written = new(StringComparer.Ordinal);

    public byte[] Write()
    {
        var pub = plan.Published;
        var notExtracted = rng.NextDouble() < 0.06;
        int? yearOfDeath = rng.NextDouble() < 0.03 ? null
            : pub is { } p ? Math.Max(2009, p.Year - 1 - Weighted(35, 35, 20, 10))
            : 2012 + rng.Next(10);
        var dard = pub is { Year: >= 2024 } && rng.NextDouble() < 0.5;
        var relationship = Vocabulary.Relationships[Weighted(60, 20, 12, 8)].Key;
        var victim = (char)('A' + rng.Next(20));
        var perpetrator = (char)(victim + 1 + rng.Next(5));

        var recs = notExtracted ? [] : Recommendations();
        foreach (var (k, v) in Glossary)
        {
            if (rng.NextDouble() < 0.25 && !_abbreviations.Any(a => a.Key == k) && !registry.IsKnownName(k)) _abbreviations.Add((k, v));
        }

        var sb = new StringBuilder(16 * 1024);
        sb.Append("---\n");
        sb.Append("id: ").Append(plan.Id).Append('\n');
        sb.Append("title: ").Append(YamlText.Scalar(Title(victim, dard))).Append('\n');
        sb.Append("csp: ").Append(plan.Csp.Id).Append('\n');
        if (pub is { } published) sb.Append("published: ").Append(published.ToString()).Append('\n');
        sb.Append("added: ").Append(Added().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        if (yearOfDeath is { } y) sb.Append("year_of_death: ").Append(y).Append('\n');
        sb.Append("review_type: ").Append(dard ? "dard" : "dhr").Append('\n');
        sb.Append("relationship: ").Append(relationship).Append('\n');
        sb.Append("source:\n");
        sb.Append("  url: https://reports.example.org/").Append(plan.Csp.Id).Append('/').Append(plan.Id).Append(".pdf\n");
        sb.Append("  library: ").Append(YamlText.Scalar(SyntheticData.Libraries[rng.Next(SyntheticData.Libraries.Length)])).Append('\n');
        if (_abbreviations.Count > 0)
        {
            sb.Append("abbreviations:\n");
            foreach (var (k, v) in _abbreviations) sb.Append("  ").Append(YamlText.Scalar(k)).Append(": ").Append(YamlText.Scalar(v)).Append('\n');
        }
        if (notExtracted)
            sb.Append("recommendations_status: not-extracted\n");
        else
        {
            if (rng.NextDouble() < 0.1) sb.Append("recommendations_status: extracted\n");
            WriteRecommendations(sb, recs);
        }
        if (pub is { } lp && rng.NextDouble() < (notExtracted ? 0.7 : 0.25)) WriteLetter(sb, lp);
        sb.Append("---\n");
        sb.Append(Summary(victim, perpetrator, relationship, yearOfDeath, pub));

        var text = sb.ToString();
        var roll = rng.NextDouble();
        if (roll < 0.03) text = text.Replace("\n", "\r\n", StringComparison.Ordinal); // saved by a Windows editor
        var bytes = Encoding.UTF8.GetBytes(text);
        return roll is >= 0.03 and < 0.05 ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes; // with a UTF-8 byte-order mark
    }

    /// <summary>An index chosen with the given relative weights.</summary>
    private int Weighted(params int[] weights)
    {
        var roll = rng.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            if (roll < weights[i]) return i;
            roll -= weights[i];
        }
        return weights.Length - 1;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    private string Title(char victim, bool dard)
    {
        var place = plan.Csp.Place;
        return rng.Next(4) switch
        {
            0 => $"{place} Domestic Homicide Review: Adult {victim}",
            1 => $"Review into the death of Adult {victim}",
            2 => dard ? $"{place} Domestic Abuse Related Death Review (Adult {victim})" : $"{place} DHR (Adult {victim})",
            _ => $"{plan.Csp.Name} review, Adult {victim}",
        };
    }

    // ----- Recommendations -----

    private bool Current(GenAgency a) =>
        a.Until is not { } u || plan.Published is not { } p || p < new YearMonth(u.Year, u.Month);

    private List<GenAgency> Pool()
    {
        var csp = plan.Csp;
        var local = csp.Local.Where(Current).ToList();
        // Before July 2022 a partnership with a CCG addresses the CCG, not the ICB that replaced it.
        if (local.Any(a => a.Until is not null && a.Sector == "health")) local.Remove(csp.Icb);
        var pool = new List<GenAgency> { csp.Force.Police };
        pool.AddRange(csp.Force.Agencies);
        pool.AddRange(local);
        pool.AddRange(csp.Force.Probation.Where(Current));
        var national = registry.National.Where(a => csp.Force.Nation == "wales" || a.Id != "welsh-government").ToList();
        for (var i = rng.Next(3); i > 0; i--)
        {
            var a = Pick(national);
            if (!pool.Contains(a)) pool.Add(a);
        }
        return pool;
    }

    private List<Rec> Recommendations()
    {
        var n = Math.Clamp((int)Math.Round(Math.Exp(Math.Log(17) + 0.55 * Normal())), 3, 45);
        var pool = Pool();
        for (var i = pool.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        var groups = Math.Clamp((int)Math.Round(n / (2.0 + rng.NextDouble() * 3)), 1, Math.Min(n, Math.Min(pool.Count, 12)));
        var leads = pool.Take(groups).ToList();
        if (rng.NextDouble() < 0.3) leads[0] = registry.AllAgencies; // an overview group addressed to every agency

        var sizes = Enumerable.Repeat(1, groups).ToArray();
        var weights = Enumerable.Range(0, groups).Select(_ => 1 + rng.Next(4)).ToArray();
        for (var r = groups; r < n; r++) sizes[Weighted(weights)]++;

        var style = (LabelStyle)Weighted(40, 20, 20, 10, 10);
        if (style == LabelStyle.Lettered && sizes.Max() > 26) style = LabelStyle.Section;
        var chapter = 8 + rng.Next(7);
        var statusReview = plan.Published is { } pub && pub <= new YearMonth(2025, 10) && rng.NextDouble() < 0.2;

        var recs = new List<Rec>(n);
        var sequence = 0;
        for (var g = 0; g < groups; g++)
        {
            var lead = leads[g];
            var leadWritten = Written(lead);
            for (var k = 1; k <= sizes[g]; k++)
            {
                sequence++;
                var label = style switch
                {
                    LabelStyle.PerAgency => k.ToString(CultureInfo.InvariantCulture),
                    LabelStyle.Sequential => sequence.ToString(CultureInfo.InvariantCulture),
                    LabelStyle.Section => $"{chapter}.{g + 1}.{k}",
                    LabelStyle.Lettered => $"{chapter}.{g + 1} {(char)('a' + k - 1)}",
                    _ => $"R{sequence}",
                };
                var to = new List<GenAgency> { lead };
                if (lead != registry.AllAgencies)
                {
                    for (var extra = Weighted(45, 30, 17, 8); extra > 0; extra--)
                    {
                        var other = Pick(pool);
                        if (!to.Contains(other)) to.Add(other);
                    }
                }
                var themes = Themes(lead);
                recs.Add(new Rec
                {
                    Label = label,
                    To = to.Select(a => a == lead ? leadWritten : Written(a)).ToList(),
                    Themes = themes.Select(t => t.Id).ToList(),
                    Text = RecommendationText(lead, to, themes),
                    Status = statusReview && rng.NextDouble() < 0.75 ? Status() with { Source = StatusSources.For(plan.Id, label, plan.Csp.Name, leadWritten) } : null,
                });
            }
        }
        AssignAnchors(recs, style);
        PlaceRepeats(recs);
        return recs;
    }

    /// <summary>A standard normal variate (Box-Muller).</summary>
    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>
    /// Generated anchors ("r1-lft") can meet when two addressees share their first 40 characters;
    /// such a recommendation, and the odd one editors pin by hand, gets an explicit unique anchor.
    /// </summary>
    private void AssignAnchors(List<Rec> recs, LabelStyle style)
    {
        var defaults = recs.Select(r => ReviewParser.AnchorFor(r.Label, r.To[0])).ToList();
        var taken = new HashSet<string>(defaults, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < recs.Count; i++)
        {
            string? wanted = null;
            if (!seen.Add(defaults[i])) wanted = defaults[i];
            else if (style == LabelStyle.PerAgency && rng.NextDouble() < 0.01) wanted = Slug.From(recs[i].To[0], 20) + "-" + Slug.From(recs[i].Label, 20);
            if (wanted is null) continue;
            var anchor = wanted;
            for (var n = 2; anchor.Length == 0 || taken.Contains(anchor); n++) anchor = $"{wanted}-{n}";
            taken.Add(anchor);
            recs[i].Anchor = anchor;
        }
    }

    /// <summary>How this report writes an agency, decided once per review: name, alias, its own abbreviation...</summary>
    private string Written(GenAgency a)
    {
        if (_written.TryGetValue(a.Id, out var w)) return w;
        w = a == registry.AllAgencies ? (rng.Next(4) == 0 ? a.Aliases[0] : a.Name) : Choose(a);
        _written[a.Id] = w;
        return w;
    }

    private string Choose(GenAgency a)
    {
        var roll = rng.Next(100);
        if (roll < 35) return a.Name;
        if (roll < 58 && a.Aliases.Count > 0) return Pick(a.Aliases);
        if (roll < 85)
        {
            var abbreviation = Abbreviate(a);
            if (abbreviation is null) return a.Name;
            return a.HasDepartments && rng.Next(2) == 0 ? abbreviation + Pick(DepartmentSuffixes) : abbreviation;
        }
        if (roll < 91) return "The " + a.Name;
        if (roll < 97 && a.Name.Contains(" and ", StringComparison.Ordinal)) return a.Name.Replace(" and ", " & ", StringComparison.Ordinal);
        if (roll < 99) return a.Id;
        return a.Name.ToUpperInvariant();
    }

    /// <summary>Adds the report's abbreviation for an agency ("TPFT"), unless it would clash.</summary>
    private string? Abbreviate(GenAgency a)
    {
        var acronym = SyntheticRegistry.Acronym(a.Name);
        if (acronym.Length < 2 || _abbreviations.Any(x => x.Key == acronym) || registry.IsKnownName(acronym)) return null;
        _abbreviations.Add((acronym, a.Name));
        return acronym;
    }

    private List<(string Id, string[] Objects)> Themes(GenAgency lead)
    {
        var count = 1 + Weighted(45, 40, 15);
        var result = new List<(string Id, string[] Objects)>(count);
        var taxonomy = SyntheticData.Taxonomy;
        while (result.Count < count)
        {
            var areaId = result.Count == 0 && PreferredAreas.TryGetValue(lead.Sector, out var preferred) && rng.NextDouble() < 0.6 ? Pick(preferred) : null;
            var area = areaId is null ? Pick(taxonomy) : taxonomy.First(x => x.Id == areaId);
            var theme = Pick(area.Themes);
            if (!result.Any(t => t.Id == theme.Id)) result.Add((theme.Id, theme.Objects));
        }
        return result;
    }

    private string RecommendationText(GenAgency lead, List<GenAgency> to, List<(string Id, string[] Objects)> themes)
    {
        string Subject(GenAgency a)
        {
            var w = _written[a.Id];
            return w == a.Id || string.Equals(w, a.Name, StringComparison.OrdinalIgnoreCase) ? a.Name : w;
        }
        var jointly = to.Count == 2 && rng.Next(3) == 0;
        var subject = jointly ? $"{Subject(lead)} and {Subject(to[1])} should jointly" : $"{Subject(lead)} {(rng.Next(3) == 0 ? "must" : "should")}";
        var sb = new StringBuilder();
        sb.Append(char.ToUpperInvariant(subject[0])).Append(subject, 1, subject.Length - 1).Append(' ')
            .Append(Pick(SyntheticData.Verbs)).Append(' ').Append(jointly ? Their(Pick(themes[0].Objects)) : Pick(themes[0].Objects)).Append(' ')
            .Append(Pick(SyntheticData.Purposes)).Append('.');
        if (themes.Count > 1 && rng.Next(2) == 0)
            sb.Append(jointly ? " They should also " : " It should also ").Append(Pick(SyntheticData.Verbs)).Append(' ')
                .Append(jointly ? Their(Pick(themes[1].Objects)) : Pick(themes[1].Objects)).Append('.');
        if (rng.Next(2) == 0) sb.Append(' ').Append(Pick(SyntheticData.FollowUps));
        return sb.ToString();
    }

    private static string Their(string phrase) => phrase.StartsWith("its ", StringComparison.Ordinal) ? "their " + phrase[4..] : phrase;

    private ImplementationStatus Status()
    {
        var pub = plan.Published!.Value;
        var asOf = AddMonths(pub, 3 + rng.Next(22));
        if (asOf > CorpusGenerator.LatestMonth) asOf = CorpusGenerator.LatestMonth;
        var state = Vocabulary.ImplementationStates[Weighted(30, 10, 30, 15, 15)].Value;
        YearMonth? target = rng.NextDouble() < 0.4 ? AddMonths(asOf, 3 + rng.Next(10)) : null;
        return new ImplementationStatus(state, asOf, target);
    }

    private static YearMonth AddMonths(YearMonth m, int months)
    {
        var index = m.Year * 12 + m.Month - 1 + months;
        return new YearMonth(index / 12, index % 12 + 1);
    }

    private void WriteRecommendations(StringBuilder sb, List<Rec> recs)
    {
        var blockLists = rng.NextDouble() < 0.2;
        sb.Append("recommendations:\n");
        foreach (var r in recs)
        {
            sb.Append("  - label: ").Append(YamlText.Quoted(r.Label)).Append('\n');
            if (blockLists && r.To.Count > 1)
            {
                sb.Append("    to:\n");
                foreach (var t in r.To) sb.Append("      - ").Append(YamlText.Scalar(t)).Append('\n');
            }
            else
            {
                sb.Append("    to: ").Append(YamlText.FlowList(r.To)).Append('\n');
            }
            sb.Append("    themes: ").Append(YamlText.FlowList(r.Themes)).Append('\n');
            if (r.Text.Length > 90 && rng.NextDouble() < 0.75) YamlText.Folded(sb, "    ", "text", r.Text, 88);
            else sb.Append("    text: ").Append(YamlText.Scalar(r.Text)).Append('\n');
            if (r.Status is { } st)
            {
                sb.Append("    status:\n");
                sb.Append("      state: ").Append(Vocabulary.Key(st.State)).Append('\n');
                sb.Append("      as_of: ").Append(st.AsOf.ToString()).Append('\n');
                if (st.Target is { } target) sb.Append("      target: ").Append(target.ToString()).Append('\n');
                if (st.Source is { } source) sb.Append("      source: ").Append(YamlText.Scalar(source)).Append('\n');
            }
            if (r.Anchor is not null) sb.Append("    anchor: ").Append(r.Anchor).Append('\n');
            if (r.Repeats.Count > 0) sb.Append("    repeats: ").Append(YamlText.FlowList(r.Repeats)).Append('\n');
        }
    }

    // ----- QA letter and summary -----

    private static string FullDate(int day, int month, int year) => $"{day} {SyntheticData.MonthNames[month - 1]} {year}";

    /// <summary>
    /// The day the review was added: up to three months after publication (or a day in 2024-2025
    /// for an undated one), never after <see cref="CorpusGenerator.LatestMonth"/>. Drawn from a hash
    /// of the id, not from the review's random stream, so adding the field left every other
    /// generated value as it was.
    /// </summary>
    private DateOnly Added()
    {
        var hash = 2166136261u;
        foreach (var c in plan.Id) hash = unchecked((hash ^ c) * 16777619u);
        var last = CorpusGenerator.LatestDay;
        var added = plan.Published is { } p
            ? new DateOnly(p.Year, p.Month, 1).AddDays((int)(hash % 92))
            : new DateOnly(2024, 1, 1).AddDays((int)(hash % 730));
        return added > last ? last : added;
    }

    private void WriteLetter(StringBuilder sb, YearMonth published)
    {
        var month = AddMonths(published, -(1 + rng.Next(9)));
        if (month < new YearMonth(2011, 6)) month = new YearMonth(2011, 6);
        var day = 2 + rng.Next(27);
        var points = SyntheticData.QaPoints.OrderBy(_ => rng.Next()).Take(1 + Weighted(40, 35, 15, 10)).ToList();
        sb.Append("qa_letter:\n");
        sb.Append("  date: ").Append($"{month.Year:D4}-{month.Month:D2}-{day:D2}").Append('\n');
        sb.Append("  points:\n");
        foreach (var p in points) sb.Append("    - ").Append(YamlText.Scalar(p)).Append('\n');
        var quality = Pick(LetterQualities);
        var letter = new StringBuilder()
            .Append("Dear Chair of the ").Append(plan.Csp.Name).Append(",\n\n")
            .Append("Thank you for submitting this Domestic Homicide Review to the Home Office Quality Assurance Panel. ")
            .Append("The panel considered the report at its meeting on ").Append(FullDate(1 + rng.Next(day - 1), month.Month, month.Year)).Append(".\n\n")
            .Append("The panel found this to be ").Append(quality).Append(". ")
            .Append("There are some aspects of the report that the panel felt could be revised, listed in the points below.\n\n")
            .Append("The panel does not need to see the report again, and you may publish it once these points have been addressed.\n\n")
            .Append("Yours sincerely,\n\n")
            .Append("Synthetic QA Panel Secretariat");
        YamlText.Literal(sb, "  ", "text", letter.ToString());
    }

    private static string Article(int age) => age is 8 or 11 or 18 or (>= 80 and <= 89) ? "an" : "a";

    private string Summary(char victim, char perpetrator, string relationship, int? yearOfDeath, YearMonth? published)
    {
        var v = $"Adult {victim}";
        var p = $"Adult {perpetrator}";
        var woman = rng.NextDouble() < 0.75;
        var (they, their) = woman ? ("she", "her") : ("he", "his");
        var age = 18 + rng.Next(68);
        var when = yearOfDeath is { } y ? $"in {y}" : "in a year the report does not give";
        var death = relationship switch
        {
            "intimate-partner" => $"{v}, {Article(age)} {age}-year-old {(woman ? "woman" : "man")}, was killed {when} by {their} {Pick(Partners)}, {p}.",
            "familial" => $"{v}, aged {age}, was killed {when} by {their} {Pick(Relatives)}, {p}.",
            "suicide-following-domestic-abuse" => $"{v}, {Article(age)} {age}-year-old {(woman ? "woman" : "man")}, took {their} own life {when} after a long period of abuse by {p}.",
            _ => $"{v}, aged {age}, died {when} after abuse by {p}, who lived in the same household.",
        };
        var background = new List<string> { death };
        var context = new[]
        {
            $"{v} lived in {plan.Csp.Place} and was known to several local services.",
            $"{char.ToUpperInvariant(they[0])}{they[1..]} had contact with {Pick(Services)} in the year before.",
            $"Friends described {v} as {Pick(Descriptions)}.",
            $"{p} had a history of {Pick(Histories)}.",
        };
        background.AddRange(context.OrderBy(_ => rng.Next()).Take(1 + rng.Next(3)));

        var reviewPara = new List<string>
        {
            $"The review was commissioned by the {plan.Csp.Name} and the panel first met in {SyntheticData.MonthNames[rng.Next(12)]} {(published?.Year ?? 2020) - 1}.",
        };
        if (rng.NextDouble() < 0.4)
            reviewPara.Add($"The independent chair was appointed on {FullDate(1 + rng.Next(28), 1 + rng.Next(12), (published?.Year ?? 2020) - 1)}.");
        reviewPara.Add($"The panel met {3 + rng.Next(8)} times and received {2 + rng.Next(10)} individual management reviews.");
        if (rng.NextDouble() < 0.3)
            reviewPara.Add($"A referral to the MARAC had been made on {FullDate(1 + rng.Next(28), 1 + rng.Next(12), (yearOfDeath ?? 2018) - 1)}, and an IDVA was allocated.");

        var sb = new StringBuilder(4096);
        sb.Append("*This summary is synthetic: it was generated for testing and describes no real people or events.*\n\n");
        sb.Append("## Background\n\n").Append(YamlText.Wrap(string.Join(' ', background), 100)).Append("\n\n");
        sb.Append("## The review\n\n").Append(YamlText.Wrap(string.Join(' ', reviewPara), 100)).Append("\n\n");
        sb.Append("## Key findings\n\n");
        foreach (var f in SyntheticData.Findings.OrderBy(_ => rng.Next()).Take(3 + rng.Next(4))) sb.Append("- ").Append(f).Append('\n');
        sb.Append('\n');
        sb.Append("## Learning\n\n")
            .Append(YamlText.Wrap(string.Join(' ', SyntheticData.Learning.OrderBy(_ => rng.Next()).Take(2 + rng.Next(3))), 100)).Append("\n\n");
        if (rng.NextDouble() < 0.5)
            sb.Append("The full report and action plan are available from the [partnership's website](https://reports.example.org/").Append(plan.Csp.Id).Append("/).\n");
        return sb.ToString();
    }
}
