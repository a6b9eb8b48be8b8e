using System.Collections.Concurrent;
using DhrPortal.Site.Markdown;
using Microsoft.AspNetCore.Html;

namespace DhrPortal.Theme;

/// <summary>
/// The ONLY way pre-rendered HTML reaches a page: content Markdown, rendered by
/// <see cref="MarkdownRenderer"/> (which escapes raw HTML and strips unsafe link schemes).
/// Everything else the slices write is HTML-encoded by Razor. Keep it that way: this file is the
/// one place that constructs <see cref="HtmlString"/>, and a test checks that.
/// </summary>
public sealed class Markup
{
    // The same recommendation text appears on its review, theme and agency pages: render it once.
    private readonly ConcurrentDictionary<string, HtmlString> _inline = new(StringComparer.Ordinal);

    /// <summary>Block Markdown (a summary, a letter) as sanitised HTML.</summary>
    public IHtmlContent Block(string markdown) => new HtmlString(MarkdownRenderer.Block(markdown));

    /// <summary>Block Markdown placed under a heading, so its own headings start at <paramref name="firstHeadingLevel"/>.</summary>
    public IHtmlContent Block(string markdown, int firstHeadingLevel) => new HtmlString(MarkdownRenderer.Block(markdown, firstHeadingLevel));

    /// <summary>Inline Markdown (a recommendation, a QA point) as sanitised HTML, without a paragraph.</summary>
    public IHtmlContent Inline(string markdown) => _inline.GetOrAdd(markdown, static md => new HtmlString(MarkdownRenderer.Inline(md)));
}
