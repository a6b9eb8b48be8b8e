using System.Text.RegularExpressions;
using DhrPortal.Content;
using DhrPortal.Diagnostics;
using DhrPortal.Site.Markdown;
using DhrPortal.Text;
using Markdig.Syntax;
using SourceSpan = DhrPortal.Diagnostics.SourceSpan;

namespace DhrPortal.Loading;

/// <summary>
/// Binds one study file (<c>studies/&lt;id&gt;.md</c>): front matter with a known set of keys, and a
/// Markdown body cut into sections at its headings, each heading's id taken from its number or its
/// <c>{#name}</c>. The body is parsed as the renderer parses it, so a heading here is a heading on the page.
/// </summary>
internal static partial class StudyParser
{
    // The key vocabulary of the front matter.
    internal static readonly string[] StudyKeys = ["title", "description", "caption", "theme_source"];

    /// <summary>
    /// The study, or null when its front matter is unusable (reported). <paramref name="checkBody"/>
    /// checks the body as content is checked (limits, links, dates) and says whether it may be parsed.
    /// </summary>
    public static Study? Parse(SourceFile file, DiagnosticBag bag, Func<string, int, bool> checkBody)
    {
        if (FrontMatter.Read(file, bag, out var yaml, out var body, out var bodyLine) is not { } root) return null;
        var map = new YamlContext(file.Path, 1, bag).AsMap(root, "the study's front matter", StudyKeys);
        if (map is null) return null;
        var title = map.String("title");
        var description = map.String("description");
        var caption = map.String("caption", required: false);
        var themeSource = map.String("theme_source", required: false);

        var id = Path.GetFileNameWithoutExtension(file.Path);
        if (!Slug.IsValid(id))
            bag.Error(DiagnosticCodes.InvalidSlug, new SourceSpan(file.Path, 1, 1), $"The file name '{id}' is not a valid id: it becomes the study's address.",
                $"Rename the file, e.g. '{Slug.From(id)}.md'.");

        // As the renderer reads it, so that the parse's offsets are offsets of this string (lines are kept).
        body = body.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var lines = new LineMap(body);
        SourceSpan At(int index)
        {
            var (line, offset) = lines.At(Math.Clamp(index, 0, body.Length));
            return new SourceSpan(file.Path, bodyLine + line, offset + 1);
        }
        var (intro, sections) = checkBody(body, bodyLine) ? Split(body, At, bag) : (body, []);
        if (title is null || description is null || !Slug.IsValid(id)) return null;
        return new Study
        {
            Id = id,
            Title = title,
            Description = description,
            Caption = caption,
            ThemeSource = themeSource,
            Intro = intro,
            Sections = sections,
            SourcePath = file.Path,
        };
    }

    /// <summary>The body before its first heading, and a section per heading of the body's top level.</summary>
    private static (string Intro, List<StudySection> Sections) Split(string body, Func<int, SourceSpan> at, DiagnosticBag bag)
    {
        var headings = MarkdownRenderer.Inspect(body, block: true).OfType<HeadingBlock>().ToList();
        if (headings.Count == 0) return (body, []);
        // The body's highest level becomes h2, under the page's h1, and no level is skipped.
        var levels = headings.Select(h => h.Level).Distinct().Order().ToList();
        var sections = new List<StudySection>(headings.Count);
        var ids = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        for (var i = 0; i < headings.Count; i++)
        {
            var heading = headings[i];
            var end = i + 1 < headings.Count ? headings[i + 1].Span.Start : body.Length;
            var title = TitleOf(heading, body);
            var span = at(heading.Span.Start);
            string? name = null;
            if (ExplicitId().Match(title) is { Success: true } explicitId)
            {
                title = title[..explicitId.Index].TrimEnd();
                name = explicitId.Groups[1].Value;
                if (!Slug.IsValid(name))
                {
                    bag.Error(DiagnosticCodes.InvalidSlug, span, $"'{{#{name}}}' is not a valid section id.",
                        $"Use lower-case letters, digits and single hyphens, e.g. '{{#{Slug.From(name)}}}'.");
                    name = null;
                }
            }
            var number = Numbered().Match(title) is { Success: true } m ? m.Groups[1].Value : null;
            // Every section has an id (a heading without one would be written id=""): its name, else its
            // number, else its title, else its place.
            var fromTitle = Slug.From(title);
            var key = name ?? number ?? (fromTitle.Length > 0 ? fromTitle : (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            string? anchor = Site.UrlScheme.StudySectionAnchor(key);
            if (anchor is not null && !ids.TryAdd(anchor, span))
            {
                bag.Error(DiagnosticCodes.DuplicateSectionId, span, $"The section id '{anchor}' is also given by the heading at line {ids[anchor].Line}.");
                anchor = null;
            }
            sections.Add(new StudySection
            {
                Level = Math.Min(6, 2 + levels.IndexOf(heading.Level)),
                Number = number,
                Anchor = anchor,
                Title = title,
                Body = body[(heading.Span.End + 1)..end].Trim('\n'),
                Span = span,
            });
        }
        return (body[..headings[0].Span.Start].Trim('\n'), sections);
    }

    /// <summary>The heading's text as written, without its '#' marks or setext underline.</summary>
    private static string TitleOf(HeadingBlock heading, string body)
    {
        if (heading.Inline?.FirstChild is { } first && heading.Inline.LastChild is { } last && first.Span.Start >= 0 && last.Span.End >= first.Span.Start)
            return body[first.Span.Start..(last.Span.End + 1)].Trim();
        return "";
    }

    // "3.1 Process and policy", "3.1.1. Use of MARACs": a section number, then the title.
    [GeneratedRegex(@"^(\d+(?:\.\d+)*)\.?\s+\S")]
    private static partial Regex Numbered();

    // "What the study did {#about}": an id for a heading without a number.
    [GeneratedRegex(@"\s*\{#([^{}]*)\}\s*$")]
    private static partial Regex ExplicitId();
}
