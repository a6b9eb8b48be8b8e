using DhrPortal.Content;
using DhrPortal.Loading;

namespace DhrPortal.Generation;

/// <summary>
/// One recommendation of a review that asks again what an earlier review asked: the action (and its
/// variant), which of its wordings and framings, where in the review it goes (a fraction of the
/// list), and the planned repeat of an earlier review it confirms in <c>repeats:</c> (an index in
/// <see cref="RepeatPlan.All"/>), if any.
/// </summary>
internal sealed record PlannedRepeat(int Id, int Review, int Action, int Variant, int Wording, int Framing, double Position, int? Confirms);

/// <summary>
/// Repeat clusters for a generated corpus: a share of reviews ask again, in their own words and to
/// their own agencies, an action that an earlier review asked, so that the repeats stage, the
/// recurring clusters and their pages see realistic repeats at any scale (issue 12). Clusters grow
/// by preferential attachment (a review joins a cluster in proportion to its size), which gives a few
/// large clusters and many small ones; a few repeats are confirmed as editors would, citing an
/// earlier member of the cluster. Decided from the seed alone, before any review is written, with a
/// random stream of its own: reviews without a repeat are byte for byte as without repeats (a review
/// with one may differ after it, as a longer text takes one more draw to choose its layout).
/// </summary>
internal sealed class RepeatPlan
{
    /// <summary>Share of dated reviews that repeat an earlier action.</summary>
    public const double Share = 0.25;

    /// <summary>Share of repeats that open a new cluster rather than join one.</summary>
    public const double NewCluster = 0.3;

    /// <summary>Share of repeats (after the first of a cluster) confirmed by the editors.</summary>
    public const double Confirmed = 0.15;

    private readonly PlannedRepeat[]?[] _byReview;

    /// <summary>Every planned repeat, by id.</summary>
    public IReadOnlyList<PlannedRepeat> All { get; }

    private RepeatPlan(PlannedRepeat[]?[] byReview, IReadOnlyList<PlannedRepeat> all)
    {
        _byReview = byReview;
        All = all;
    }

    /// <summary>The repeats review <paramref name="review"/> (index in the plans) carries.</summary>
    public IReadOnlyList<PlannedRepeat> For(int review) => _byReview[review] ?? [];

    public static RepeatPlan Create(IReadOnlyList<ReviewPlan> plans, Random rng)
    {
        var actions = SyntheticRepeatData.Actions;
        var variants = actions.SelectMany((a, i) => a.Variants.Select((_, v) => (Action: i, Variant: v))).ToList();
        var all = new List<PlannedRepeat>();
        var byReview = new PlannedRepeat[]?[plans.Count];
        var clusters = new List<List<int>>(); // planned repeat ids, by cluster
        var clusterOf = new List<int>();      // cluster of each planned repeat
        var order = Enumerable.Range(0, plans.Count).Where(i => plans[i].Published is not null)
            .OrderBy(i => plans[i].Published!.Value).ThenBy(i => plans[i].Id, StringComparer.Ordinal);
        foreach (var review in order)
        {
            if (rng.NextDouble() >= Share) continue;
            int cluster;
            if (clusters.Count == 0 || rng.NextDouble() < NewCluster)
            {
                clusters.Add([]);
                cluster = clusters.Count - 1;
            }
            else
            {
                // Preferential attachment: a random earlier repeat's cluster.
                cluster = clusterOf[rng.Next(clusterOf.Count)];
            }
            // Clusters take the actions in turn; once every variant is taken, a new cluster asks one
            // again, as a new cluster in the portal would (the detector then joins them).
            var (action, variant) = clusters[cluster].Count > 0 ? (all[clusters[cluster][0]].Action, all[clusters[cluster][0]].Variant) : variants[cluster % variants.Count];
            var wording = rng.Next(actions[action].Wordings.Length);
            var framing = rng.Next(SyntheticRepeatData.Framings);
            var position = rng.NextDouble();
            int? confirms = clusters[cluster].Count > 0 && rng.NextDouble() < Confirmed ? clusters[cluster][rng.Next(clusters[cluster].Count)] : null;
            var planned = new PlannedRepeat(all.Count, review, action, variant, wording, framing, position, confirms);
            all.Add(planned);
            clusterOf.Add(cluster);
            clusters[cluster].Add(planned.Id);
            byReview[review] = [planned];
        }
        return new RepeatPlan(byReview, all);
    }
}

/// <summary>The actions reviews ask again, each in several wordings, and the framings reports put around them.</summary>
internal static class SyntheticRepeatData
{
    /// <summary>
    /// An action: its wordings (verb phrases, "{0}" standing for the variant) and variants (what the
    /// action is about; a different variant is a different action on the same topic), and its themes.
    /// </summary>
    public sealed record Action(string[] Themes, string[] Variants, string[] Wordings);

    public const int Framings = 4;

    public static readonly Action[] Actions =
    [
        new(["routine-enquiry", "primary-care"], ["patients who present with anxiety or depression", "pregnant women at every antenatal booking appointment", "older patients attending memory clinics"],
        [
            "introduce routine enquiry about domestic abuse for {0}, asked in private and recorded in the notes",
            "ask {0} about domestic abuse as a routine question, seeing them alone, and record the answer",
            "make routine enquiry into domestic abuse standard practice with {0}, in private, with the response recorded",
        ]),
        new(["use-of-maracs", "risk-escalation"], ["victims who are repeatedly referred within twelve months", "cases where the perpetrator moves to another area", "victims who decline to engage with the IDVA service"],
        [
            "review the MARAC repeat referral process for {0}, so that escalating risk is identified",
            "audit MARAC repeat referrals concerning {0} and report how escalating risk was identified",
            "strengthen the MARAC process for repeat referrals of {0}, so that escalation of risk is recognised",
        ]),
        new(["disclosure-scheme", "police-response"], ["new partners of perpetrators with a history of abuse", "family members who raise concerns", "victims living in supported accommodation"],
        [
            "promote the Domestic Violence Disclosure Scheme (Clare's Law) to {0}, and monitor the number of applications",
            "raise awareness of Clare's Law among {0} and record how many disclosure applications follow",
            "publicise the right to ask under the Domestic Violence Disclosure Scheme to {0}, monitoring applications made",
        ]),
        new(["housing", "sharing-between-agencies"], ["tenants reporting repeated anti-social behaviour complaints", "tenants applying for an emergency transfer", "tenants in rent arrears after a partner leaves"],
        [
            "train housing officers to consider domestic abuse when dealing with {0}, and to refer to the MARAC",
            "ensure housing staff recognise domestic abuse behind {0} and make MARAC referrals",
            "give housing officers guidance on identifying domestic abuse among {0}, with referral to the MARAC where risk is high",
        ]),
        new(["mental-health", "risk-assessment-tools"], ["patients discharged from inpatient mental health wards", "patients under the home treatment team", "patients assessed in the emergency department after self-harm"],
        [
            "complete a DASH risk assessment before discharge for {0} who disclose domestic abuse",
            "ensure a DASH risk checklist is completed for {0} disclosing domestic abuse, before discharge",
            "require clinicians to complete the DASH risk assessment for {0} who report domestic abuse prior to discharge",
        ]),
        new(["economic-abuse", "welfare-benefits"], ["claimants who make a joint claim with an abusive partner", "victims whose partner controls their bank account", "older victims whose carer manages their finances"],
        [
            "develop guidance on recognising economic abuse in {0}, with a referral route to specialist advice",
            "provide staff with guidance to identify economic abuse of {0} and refer them for specialist advice",
            "publish guidance for recognising economic abuse among {0}, setting out referral to specialist money advice",
        ]),
        new(["probation", "perpetrator-programmes"], ["perpetrators released on licence", "perpetrators on community orders", "perpetrators who breach a restraining order"],
        [
            "carry out home visits and domestic abuse enquiries with the police for {0}",
            "make domestic abuse enquiries with the police and visit the home address for {0}",
            "complete police domestic abuse enquiries and a home visit before approving the address of {0}",
        ]),
        new(["children", "sharing-between-agencies"], ["children who witness an incident at home", "children whose parent is referred to the MARAC", "children whose family moves school"],
        [
            "notify the school's designated safeguarding lead by the next school day about {0} (Operation Encompass)",
            "share information about {0} with the designated safeguarding lead at school through Operation Encompass, before the next school day",
            "extend Operation Encompass notifications to the school's designated safeguarding lead for {0}",
        ]),
        new(["older-people", "professional-curiosity"], ["carers of people with dementia", "older couples receiving domiciliary care", "older victims abused by an adult son or daughter"],
        [
            "train homecare workers to recognise domestic abuse involving {0} and how to raise a safeguarding concern",
            "make sure domiciliary care staff know how to spot domestic abuse among {0} and how to raise a safeguarding concern",
            "provide homecare staff with training on domestic abuse involving {0}, including raising safeguarding concerns",
        ]),
        new(["stalking-and-harassment", "police-response"], ["victims reporting breaches of a non-molestation order", "victims reporting online harassment by an ex-partner", "victims reporting repeated unwanted contact"],
        [
            "use the stalking screening tool and consider a Stalking Protection Order for {0}",
            "apply the stalking screening tool to {0} and consider applying for a Stalking Protection Order",
            "screen {0} with the stalking screening tool, considering a Stalking Protection Order in every case",
        ]),
        new(["substance-use", "commissioning"], ["clients of drug and alcohol services", "clients leaving residential detox", "clients on opiate substitute prescriptions"],
        [
            "commission joint working between substance misuse services and domestic abuse services for {0}",
            "fund a joint pathway between the drug and alcohol service and the specialist domestic abuse service for {0}",
            "commission an integrated substance misuse and domestic abuse service pathway for {0}",
        ]),
        new(["culture-and-language", "consent-and-confidentiality"], ["victims who do not speak English", "victims whose immigration status depends on their partner", "deaf victims who use British Sign Language"],
        [
            "use professional interpreters, never family members, when speaking with {0} about domestic abuse",
            "ensure independent interpreters rather than relatives are used with {0} when domestic abuse is discussed",
            "always book professional interpreters, and never rely on family members, for {0} disclosing domestic abuse",
        ]),
    ];

    /// <summary>The sentence a report writes for an action: framing 0 to 3, addressee, the action's words.</summary>
    public static string Text(PlannedRepeat repeat, string addressee, string cspName)
    {
        var action = Actions[repeat.Action];
        var what = string.Format(System.Globalization.CultureInfo.InvariantCulture, action.Wordings[repeat.Wording], action.Variants[repeat.Variant]);
        return repeat.Framing switch
        {
            0 => $"{Capital(addressee)} should {what}.",
            1 => $"That the {cspName} seeks assurance that {addressee} will {what}.",
            2 => $"It is recommended that {addressee} {what}.",
            _ => $"{Capital(addressee)} must {what}, and report progress to the partnership within a year.",
        };
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
