using DhrPortal.Content;
using DhrPortal.Site.Markdown;
using Microsoft.AspNetCore.Html;

namespace DhrPortal.Theme;

/// <summary>
/// The ONLY way pre-rendered HTML reaches a page: content Markdown, rendered once per build by
/// <see cref="MarkdownRenderer"/> (which escapes raw HTML and strips unsafe link schemes) into
/// <see cref="RenderedTexts"/>. Everything else the slices write is HTML-encoded by Razor. Keep it that
/// way: this file is the one place that constructs <see cref="HtmlString"/>, always from a
/// <see cref="RenderedText"/>, and a test checks that.
/// </summary>
public sealed class Markup(RenderedTexts texts)
{
    /// <summary>A review's summary as sanitised HTML (its headings from h3).</summary>
    public IHtmlContent Summary(Review review) => new HtmlString(texts.Summary(review).Html);

    /// <summary>A review's QA letter as sanitised HTML (its headings from h4); empty when it has none.</summary>
    public IHtmlContent Letter(Review review) => new HtmlString(texts.Letter(review)?.Html);

    /// <summary>A recommendation's text as sanitised HTML, without a paragraph.</summary>
    public IHtmlContent Recommendation(Review review, Recommendation recommendation) => new HtmlString(texts.Recommendation(review, recommendation).Html);

    /// <summary>Point <paramref name="index"/> of a review's QA letter as sanitised HTML, without a paragraph.</summary>
    public IHtmlContent Point(Review review, int index) => new HtmlString(texts.Point(review, index).Html);

    /// <summary>A study's introduction as sanitised HTML.</summary>
    public IHtmlContent Intro(Study study) => new HtmlString(texts.Intro(study).Html);

    /// <summary>The heading of section <paramref name="index"/> of a study as sanitised HTML, without a paragraph.</summary>
    public IHtmlContent SectionTitle(Study study, int index) => new HtmlString(texts.SectionTitle(study, index).Html);

    /// <summary>The text of section <paramref name="index"/> of a study as sanitised HTML.</summary>
    public IHtmlContent SectionBody(Study study, int index) => new HtmlString(texts.SectionBody(study, index).Html);
}
