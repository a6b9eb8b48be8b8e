using DhrPortal.Content;

namespace DhrPortal.Site.Markdown;

/// <summary>
/// Every Markdown text of the reviews and studies, parsed once per build and exported at once to each form its
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

    /// <summary>The texts of one study: its introduction, and each section's title and body, in order.</summary>
    private sealed record StudyTexts(RenderedText Intro, RenderedText[] Titles, RenderedText[] Bodies);

    private readonly Dictionary<string, ReviewTexts> _reviews;
    private readonly Dictionary<string, StudyTexts> _studies;

    private RenderedTexts(Dictionary<string, ReviewTexts> reviews, Dictionary<string, StudyTexts> studies) => (_reviews, _studies) = (reviews, studies);

    /// <summary>Renders the texts of every review of <paramref name="model"/> (on every core) and of its studies.</summary>
    public static RenderedTexts Of(ContentModel model)
    {
        var texts = new ReviewTexts[model.Reviews.Count];
        Parallel.For(0, model.Reviews.Count, i => texts[i] = Render(model.Reviews[i]));
        var byId = new Dictionary<string, ReviewTexts>(model.Reviews.Count, StringComparer.Ordinal);
        for (var i = 0; i < texts.Length; i++) byId.Add(model.Reviews[i].Id, texts[i]);
        var studies = model.Studies.ToDictionary(s => s.Id, Render, StringComparer.Ordinal);
        return new RenderedTexts(byId, studies);
    }

    private static StudyTexts Render(Study study) => new(
        MarkdownRenderer.RenderBlock(study.Intro, MarkdownRenderer.DefaultFirstHeadingLevel),
        [.. study.Sections.Select(s => MarkdownRenderer.RenderInline(s.Title))],
        [.. study.Sections.Select(s => MarkdownRenderer.RenderBlock(s.Body, Math.Min(6, s.Level + 1)))]);

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

    /// <summary>The study's introduction, the text before its first heading.</summary>
    public RenderedText Intro(Study study) => _studies[study.Id].Intro;

    /// <summary>The heading of section <paramref name="index"/> (0-based) of the study (inline).</summary>
    public RenderedText SectionTitle(Study study, int index) => _studies[study.Id].Titles[index];

    /// <summary>The text under the heading of section <paramref name="index"/> (0-based) of the study (headings one level below it).</summary>
    public RenderedText SectionBody(Study study, int index) => _studies[study.Id].Bodies[index];
}
