using System.Text.RegularExpressions;
using DhrPortal.Site.Search;

namespace DhrPortal.Learning;

/// <summary>
/// The words of a recommendation that say what is asked, not who is asked or how politely: the
/// opening formulas ("That X Community Safety Partnership seeks assurance that", "It is recommended
/// that", "should ensure that") are removed, the rest is folded, stemmed (as search does) and
/// stripped of the words nearly every recommendation uses (agency, staff, ensure, domestic abuse).
/// Measured on the labelled set (bench/DhrPortal.RepeatsBench): without this, two recommendations that
/// share only boilerplate and a topic score as high as two that ask the same thing.
/// </summary>
public static partial class ActionTerms
{
    // Formulas that frame the request; removed before stemming. Order matters: longer first.
    [GeneratedRegex(@"\b(it is recommended that|the panel recommends that|we recommend that|recommendation that|that when the learning from this (dhr|review|report) is disseminated|when the learning from this (dhr|review|report) is disseminated|takes? the opportunity to|(seeks?|obtains?|provides?|seek|obtain) (further )?assurance (from [a-z]+ )?(in respect of|that|on|about)?|(should|must|will|to) ensure that|to ensure|should|must|will|shall|that)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Formula();

    // Stems every recommendation shares (addressee kinds, modal verbs, the subject itself): they carry
    // no information about the action. Snowball stems, as SearchText.Stem gives them.
    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "domest", "abus", "violenc", "dva", "da", "agenc", "partner", "partnership", "communiti", "safeti", "csp",
        "council", "citi", "counti", "local", "author", "board", "servic", "staff", "practition", "profession",
        "ensur", "includ", "relev", "appropri", "approach", "consid", "need", "also", "within", "via", "across",
        "nhs", "depart", "organis", "provid", "request", "ask", "recommend", "review", "learn", "case", "victim",
        "person", "peopl", "commission", "train", "awar", "individu", "everi", "ani", "whether", "made", "make", "take", "place", "well",
    };

    // Names the sector writes in several ways, folded to one term before stemming.
    private static readonly (Regex Pattern, string Term)[] Synonyms =
    [
        (new(@"\bgeneral practi(ce|tioner)s?\b|\bgp (practice|surgerie|surgery)s?\b|\bprimary care\b|\bpractices\b", Options), "gp"),
        (new(@"\bmental capacity act\b", Options), "mca"),
        (new(@"\bindependent domestic (violence|abuse) advis[eo]rs?\b", Options), "idva"),
        (new(@"\bclare'?s law\b|\bdomestic violence disclosure scheme\b|\bright[- ]to[- ]know\b", Options), "dvds"),
        (new(@"\bdomiciliary care\b|\bhome ?care\b", Options), "homecare"),
        (new(@"\bconstabulary\b|\bofficers\b", Options), "police"),
        (new(@"\b(registered social )?landlords?\b|\bhousing (providers?|officers?|staff|services?)\b", Options), "housing"),
        (new(@"\bsection 42\b|\bs42\b", Options), "safeguarding enquiry"),
        (new(@"\bdischarged?\b|\bleaves? hospital\b", Options), "discharge"),
    ];

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>The action terms of a text, in order (stems; repeats kept for term frequency).</summary>
    /// <param name="text">The recommendation.</param>
    /// <param name="names">Words that only say who or where (the review's own place names): dropped.</param>
    public static IReadOnlyList<string> Of(string text, IReadOnlySet<string>? names = null)
    {
        var framed = Formula().Replace(text, " ");
        foreach (var (pattern, term) in Synonyms) framed = pattern.Replace(framed, term);
        var terms = new List<string>();
        foreach (var word in SearchText.Words(framed))
        {
            if (word.All(char.IsDigit) || names?.Contains(word) == true) continue;
            var stem = SearchText.Stem(word);
            if (!Generic.Contains(stem)) terms.Add(stem);
        }
        return terms;
    }
}
