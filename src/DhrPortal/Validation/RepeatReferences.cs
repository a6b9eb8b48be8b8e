using DhrPortal.Content;
using DhrPortal.Diagnostics;
using DhrPortal.Text;

namespace DhrPortal.Validation;

/// <summary>
/// Resolves every <c>repeats:</c> reference against the reviews read in this run: the review must
/// exist, and so must the anchor within it. Reported like other unknown references, with the closest
/// ids as a hint.
/// </summary>
internal static class RepeatReferences
{
    public static void Check(IReadOnlyDictionary<string, Review> reviews, DiagnosticBag bag)
    {
        foreach (var review in reviews.Values.OrderBy(r => r.Id, StringComparer.Ordinal))
            foreach (var rec in review.Recommendations)
                foreach (var r in rec.Repeats)
                {
                    if (!reviews.TryGetValue(r.ReviewId, out var target))
                    {
                        var close = Suggest.Closest(r.ReviewId, reviews.Keys, 3);
                        bag.Error(DiagnosticCodes.UnknownReferencedReview, r.Span, $"No review has the id '{r.ReviewId}'.",
                            close.Count > 0 ? $"Did you mean {ContentChecker.Quote(close)}?" : null);
                        continue;
                    }
                    if (target.Recommendations.Any(t => t.Anchor == r.Anchor)) continue;
                    var anchors = Suggest.Closest(r.Anchor, target.Recommendations.Select(t => t.Anchor), 3);
                    bag.Error(DiagnosticCodes.UnknownRecommendationAnchor, r.Span, $"Review '{r.ReviewId}' has no recommendation with the anchor '{r.Anchor}'.",
                        anchors.Count > 0 ? $"Did you mean {ContentChecker.Quote(anchors.Select(a => r.ReviewId + "#" + a))}?" : null);
                }
    }
}
