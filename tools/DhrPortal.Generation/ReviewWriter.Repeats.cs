using DhrPortal.Loading;

namespace DhrPortal.Generation;

/// <summary>The part of a review's writing that places the repeats planned for it (see <see cref="RepeatPlan"/>).</summary>
internal sealed partial class ReviewWriter
{
    /// <summary>The repeats this review carries.</summary>
    public IReadOnlyList<PlannedRepeat> PlannedRepeats { get; init; } = [];

    /// <summary>References (<c>review-id#anchor</c>) of the planned repeats this review confirms, by planned id.</summary>
    public IReadOnlyDictionary<int, string> Citations { get; init; } = new Dictionary<int, string>();

    /// <summary>After <see cref="Write"/>: the reference each planned repeat was placed at (none when the review has no recommendations).</summary>
    public Dictionary<int, string> Placed { get; } = [];

    // Takes nothing from the random stream: the plan decided everything (the review's stream only
    // shifts if the new text changes how it is laid out).
    private void PlaceRepeats(List<Rec> recs)
    {
        foreach (var planned in PlannedRepeats)
        {
            var rec = recs[Math.Min(recs.Count - 1, (int)(planned.Position * recs.Count))];
            var addressee = registry.Agencies.FirstOrDefault(a => a.Id == rec.To[0])?.Name ?? rec.To[0];
            rec.Text = SyntheticRepeatData.Text(planned, addressee, plan.Csp.Name);
            rec.Themes.Clear();
            rec.Themes.AddRange(SyntheticRepeatData.Actions[planned.Action].Themes);
            if (planned.Confirms is { } cited && Citations.TryGetValue(cited, out var reference)) rec.Repeats.Add(reference);
            Placed[planned.Id] = $"{plan.Id}#{rec.Anchor ?? ReviewParser.AnchorFor(rec.Label, rec.To[0])}";
        }
    }
}
