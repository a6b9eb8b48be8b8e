using System.Globalization;
using DhrPortal.Content;
using DhrPortal.Text;

namespace DhrPortal.TestSupport;

/// <summary>
/// The facet values a recommendation must carry in the search index, computed straight from the
/// model and independently of the index builder: the oracle of the index's unit tests and of the
/// browser tests' facet counts (compiled into both test projects).
/// </summary>
internal static class ExpectedFacets
{
    /// <summary>(URL parameter, value id) pairs, each once.</summary>
    public static HashSet<(string Facet, string Id)> Of(ContentModel model, Review review, Recommendation rec)
    {
        var values = new HashSet<(string, string)>();
        foreach (var t in rec.Themes)
        {
            values.Add(("theme", t.Id));
            values.Add(("area", model.Themes.First(x => x.Id == t.Id).AreaId));
        }
        foreach (var a in rec.To.Where(a => a.AgencyId is not null))
        {
            values.Add(("agency", a.AgencyId!));
            values.Add(("sector", model.Agencies.First(x => x.Id == a.AgencyId).Sector));
        }
        var csp = model.Csps.First(c => c.Id == review.CspId);
        values.Add(("csp", csp.Id));
        values.Add(("region", Slug.From(csp.Region)));
        if (review.Published is { } p) values.Add(("year", p.Year.ToString("D4", CultureInfo.InvariantCulture)));
        values.Add(("relationship", Vocabulary.Key(review.Relationship)));
        if (rec.Status is { } s) values.Add(("status", Vocabulary.Key(s.State)));
        return values;
    }
}
