using System.Globalization;
using System.Text;
using DhrPortal.Content;
using DhrPortal.Text;

namespace DhrPortal.Import;

/// <summary>What a new review file starts from: everything else is defaulted or left as a marked TODO.</summary>
/// <param name="Csp">The CSP, from csps.yml (it names the review and its default title).</param>
/// <param name="Published">Publication month, when known.</param>
/// <param name="Title">The title; null for the default "&lt;CSP short name&gt; review".</param>
/// <param name="Id">The id; null for the default (<see cref="ReviewScaffold.DefaultId"/>).</param>
/// <param name="Added">The day the review is added to the portal: today, given by the command line.</param>
public sealed record ScaffoldRequest(Csp Csp, YearMonth? Published, string? Title, string? Id, DateOnly Added);

/// <summary>
/// Writes the skeleton of a new review file for <c>dhr new review</c>: valid as written (it passes
/// <c>dhr check</c>), with a comment on every field saying what to put there. Pure: no disk, no clock.
/// </summary>
/// <remarks>
/// A review must either list recommendations or say <c>recommendations_status: not-extracted</c>.
/// The skeleton says <c>not-extracted</c> and carries a commented example recommendation, so that a
/// placeholder recommendation can never be published by mistake: until the editor types the real
/// ones in, the portal shows the review as "recommendations not yet extracted", which is true.
/// </remarks>
public static class ReviewScaffold
{
    private const string CspSuffix = " Community Safety Partnership";

    /// <summary>The schema the YAML language server uses for completion, relative to <c>input/reviews/</c>.</summary>
    public const string SchemaComment = "# yaml-language-server: $schema=../../schemas/review.schema.json";

    /// <summary>The skeleton's text (LF line endings, UTF-8 without BOM when written).</summary>
    /// <param name="request">What the editor gave.</param>
    /// <param name="exampleTheme">A theme id from themes.yml for the commented example (null: a placeholder).</param>
    /// <param name="exampleAddressee">An agency name from agencies.yml for the commented example (null: the CSP's name).</param>
    public static string Write(ScaffoldRequest request, string? exampleTheme, string? exampleAddressee)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.Id ?? ReviewScaffold.DefaultId(request.Csp.Id, request.Published);
        var title = request.Title ?? ReviewScaffold.DefaultTitle(request.Csp);
        var sb = new StringBuilder();
        sb.Append("---\n");
        sb.Append(SchemaComment).Append('\n');
        sb.Append("# Written by 'dhr new review'. Each field is explained in docs/content-format.md; lines marked\n");
        sb.Append("# TODO are yours to complete. Run 'dhr check' after each change: it names the line of any mistake.\n");
        sb.Append("id: ").Append(id).Append("   # the file name without .md; part of public addresses, so never change it once published\n");
        sb.Append("title: ").Append(Yaml.Scalar(title, flow: false)).Append('\n');
        sb.Append("csp: ").Append(request.Csp.Id).Append("   # ").Append(OneLine(request.Csp.Name)).Append(" (an id from input/csps.yml)\n");
        if (request.Published is { } published)
            sb.Append("published: ").Append(published.ToString()).Append("   # month the report was published, YYYY-MM\n");
        else
            sb.Append("# published: YYYY-MM   # TODO: the month the report was published\n");
        sb.Append("added: ").Append(request.Added.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("   # the day the review was added to the portal (the feed lists newly added reviews)\n");
        sb.Append("# year_of_death: YYYY   # TODO: uncomment when the report gives the year of death\n");
        sb.Append("review_type: dhr   # dhr (Domestic Homicide Review) or dard (Domestic Abuse Related Death Review, from 2024)\n");
        sb.Append("# TODO: set from the report: intimate-partner | familial | suicide-following-domestic-abuse | other\n");
        sb.Append("relationship: other\n");
        sb.Append("source:\n");
        sb.Append("  # TODO: replace with the address (https) of the published report. Until then this is the\n");
        sb.Append("  # Home Office DHR Library collection, where reports are listed.\n");
        sb.Append("  url: ").Append(SummaryImporter.LibraryCollectionUrl).Append('\n');
        sb.Append("  library: Home Office DHR Library\n");
        sb.Append("# abbreviations:   # optional: how the report abbreviates agencies, e.g.\n");
        sb.Append("#   LA: London Borough of Havering\n");
        sb.Append("#\n");
        sb.Append("# Until the recommendations are typed in, the review is published marked \"recommendations not\n");
        sb.Append("# yet extracted\". To add them: delete the 'recommendations_status' line, uncomment\n");
        sb.Append("# 'recommendations:' and copy the example once per recommendation, in the report's order.\n");
        sb.Append("recommendations_status: not-extracted\n");
        sb.Append("# recommendations:\n");
        sb.Append("#   - label: \"1\"   # exactly as printed: \"1\", \"10.1.1\", \"9.1 a\"\n");
        sb.Append("#     to: [").Append(Yaml.Scalar(OneLine(exampleAddressee ?? request.Csp.Name), flow: true))
            .Append("]   # addressees as the report names them; each must be in input/agencies.yml\n");
        sb.Append("#     themes: [").Append(exampleTheme ?? "theme-id").Append("]   # one or more theme ids from input/themes.yml\n");
        sb.Append("#     text: >-\n");
        sb.Append("#       The recommendation, word for word from the report.\n");
        sb.Append("---\n");
        sb.Append("TODO: summarise the review in a few short paragraphs of Markdown: who the review was about (never\n");
        sb.Append("a name or a full date of death), what the agencies knew, and what the review found.\n");
        return sb.ToString();
    }

    /// <summary><c>&lt;csp&gt;-&lt;year&gt;</c>, or the CSP id alone when the month is unknown (a slug either way).</summary>
    public static string DefaultId(string cspId, YearMonth? published) =>
        published is { } p ? Slug.From($"{cspId} {p.Year}") : Slug.From(cspId);

    /// <summary>"Manchester review" for "Manchester Community Safety Partnership", as the Home Office library titles them.</summary>
    public static string DefaultTitle(Csp csp)
    {
        ArgumentNullException.ThrowIfNull(csp);
        var name = csp.Name.Trim();
        if (name.EndsWith(CspSuffix, StringComparison.OrdinalIgnoreCase) && name.Length > CspSuffix.Length)
            name = name[..^CspSuffix.Length].TrimEnd();
        return name + " review";
    }

    private static string OneLine(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
