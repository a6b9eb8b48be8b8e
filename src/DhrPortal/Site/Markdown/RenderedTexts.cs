using DhrPortal.Content;

namespace DhrPortal.Site.Markdown;

/// <summary>
/// Every Markdown text of the reviews, parsed once per build and exported at once to each form its
/// readers need (the pattern of elastic/docs-builder's exporters): the pages take the HTML, search, the
/// feed and the data the plain text. Each syntax tree is dropped as soon as its text is exported, so
/// what the build holds is the strings, not the trees. Immutable once made; thread-safe to read.
/// </summary>
public sealed class RenderedTexts
{
    /// <summary>The heading level a QA letter's own headings start at: it sits under an h3 on the review page.</summary>
    public const int LetterFirstHeadingLevel = 4;

    /// <summary>The texts of one review; recommendations by the model's objects, the letter's points in order.</summary>
    private sealed record ReviewTexts(RenderedText Summary, Dictionary<Recommendation, RenderedText> Recommendations, RenderedText? Letter, RenderedText[] Points);

    private readonly Dictionary<string, ReviewTexts> _reviews;

    private RenderedTexts(Dictionary<string, ReviewTexts> reviews) => _reviews = reviews;

    /// <summary>Renders the texts of every review of <paramref name="model"/>, on every core.</summary>
    public static RenderedTexts Of(ContentModel model)
    {
        var texts = new ReviewTexts[model.Reviews.Count];
        Parallel.For(0, model.Reviews.Count, i => texts[i] = Render(model.Reviews[i]));
        var byId = new Dictionary<string, ReviewTexts>(model.Reviews.Count, StringComparer.Ordinal);
        for (var i = 0; i < texts.Length; i++) byId.Add(model.Reviews[i].Id, texts[i]);
        return new RenderedTexts(byId);
    }

    private static ReviewTexts Render(Review review) => new(
        MarkdownRenderer.RenderBlock(review.Summary, MarkdownRenderer.DefaultFirstHeadingLevel),
        review.Recommendations.ToDictionary<Recommendation, Recommendation, RenderedText>(r => r, r => MarkdownRenderer.RenderInline(r.Text), ReferenceEqualityComparer.Instance),
        review.QaLetter is { } letter ? MarkdownRenderer.RenderBlock(letter.Text, LetterFirstHeadingLevel) : null,
        [.. (review.QaLetter?.Points ?? []).Select(MarkdownRenderer.RenderInline)]);

    private ReviewTexts Of(Review review) => _reviews[review.Id];

    /// <summary>The review's summary (headings from h3, under the page's h2).</summary>
    public RenderedText Summary(Review review) => Of(review).Summary;

    /// <summary>The text of one recommendation of <paramref name="review"/> (inline).</summary>
    public RenderedText Recommendation(Review review, Recommendation recommendation) => Of(review).Recommendations[recommendation];

    /// <summary>The review's QA letter (headings from h4); null when it has none.</summary>
    public RenderedText? Letter(Review review) => Of(review).Letter;

    /// <summary>Point <paramref name="index"/> (0-based) of the review's QA letter (inline).</summary>
    public RenderedText Point(Review review, int index) => Of(review).Points[index];
}
