using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DhrPortal.Content;
using DhrPortal.Diagnostics;
using DhrPortal.Import;
using DhrPortal.Loading;
using DhrPortal.Text;
using DhrPortal.Validation;

namespace DhrPortal.Cli;

/// <summary>
/// <c>dhr new review</c>: writes the skeleton of a review file under <c>&lt;input&gt;/reviews/</c>.
/// Exit codes: 0 written, 1 the file already exists (never overwritten), 2 usage error (no CSP, an
/// unknown CSP, a malformed month or id).
/// </summary>
internal static partial class NewCommand
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create(Option<string> input)
    {
        var csp = new Option<string?>("--csp") { Description = "The CSP's id from csps.yml (asked for in a terminal when missing)." };
        var published = new Option<string?>("--published") { Description = "Publication month, YYYY-MM (optional)." };
        var title = new Option<string?>("--title") { Description = "The title (default: '<CSP> review')." };
        var id = new Option<string?>("--id") { Description = "The review id (default: <csp>-<year>)." };
        var review = new Command("review", "Write a new, valid, commented review file under <input>/reviews/ to fill in.") { input, csp, published, title, id };
        review.SetAction(parse => Run(parse.GetValue(input)!, parse.GetValue(csp), parse.GetValue(published), parse.GetValue(title), parse.GetValue(id),
            Interactive() ? new ConsolePrompt() : null, Commands.Today));
        return new Command("new", "Start a new content file.") { review };
    }

    /// <summary>
    /// Prompts only when a person can answer: stdin is a terminal and this is not CI, so a pipeline
    /// can never wait for input.
    /// </summary>
    private static bool Interactive() =>
        !Console.IsInputRedirected && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    internal interface IPrompt
    {
        /// <summary>Asks one question; null when the person gave no answer (end of input).</summary>
        string? Ask(string question);
    }

    private sealed class ConsolePrompt : IPrompt
    {
        public string? Ask(string question)
        {
            Console.Error.Write(question);
            return Console.ReadLine()?.Trim();
        }
    }

    internal static int Run(string input, string? cspId, string? publishedText, string? title, string? id, IPrompt? prompt, DateOnly today)
    {
        if (Reporter.ReadInput(input, "dhr new review") is not { } inputSet) return ExitCodes.Usage;
        var bag = new DiagnosticBag();
        var registries = Registries.Load(inputSet, bag);
        Reporter.Print(bag.Sorted(), input);
        var cspIds = registries.Csps.Select(c => c.Id).Order(StringComparer.Ordinal).ToList();

        // The CSP cannot be defaulted: ask for it, or say how to give it.
        if (string.IsNullOrWhiteSpace(cspId) && prompt is not null)
            cspId = prompt.Ask($"CSP id ({Shorten(cspIds)}): ");
        if (string.IsNullOrWhiteSpace(cspId))
        {
            Console.Error.WriteLine($"dhr new review: give the CSP with --csp <id>; known ids: {Shorten(cspIds)}.");
            return ExitCodes.Usage;
        }
        cspId = cspId.Trim();
        var csp = registries.Csps.FirstOrDefault(c => c.Id == cspId);
        if (csp is null)
        {
            var close = Suggest.Closest(cspId, cspIds, 3);
            Console.Error.WriteLine($"dhr new review: '{cspId}' is not a CSP id in {Path.Combine(input, InputReader.CspsFile)}."
                + (close.Count > 0 ? $" Did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?" : "")
                + " A new CSP must be added to csps.yml first (see docs/content-format.md).");
            return ExitCodes.Usage;
        }

        if (publishedText is null && prompt is not null)
            publishedText = prompt.Ask("Publication month, YYYY-MM (Enter if not known yet): ");
        YearMonth? published = null;
        if (!string.IsNullOrWhiteSpace(publishedText))
        {
            var m = MonthPattern().Match(publishedText.Trim());
            if (!m.Success)
            {
                Console.Error.WriteLine($"dhr new review: '{publishedText}' is not a month: write it as YYYY-MM, e.g. 2024-02.");
                return ExitCodes.Usage;
            }
            published = new YearMonth(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        }

        var defaultTitle = ReviewScaffold.DefaultTitle(csp);
        if (title is null && prompt is not null)
            title = prompt.Ask($"Title (Enter for '{defaultTitle}'): ");
        if (string.IsNullOrWhiteSpace(title)) title = null;

        if (id is not null && !Slug.IsValid(id))
        {
            Console.Error.WriteLine($"dhr new review: '{id}' is not a valid id: use lower-case letters, digits and single hyphens, e.g. '{Slug.From(id)}'.");
            return ExitCodes.Usage;
        }
        id ??= ReviewScaffold.DefaultId(csp.Id, published);

        var target = Path.Combine(input, InputReader.ReviewsFolder, id + ".md");
        if (File.Exists(target))
        {
            Console.Error.WriteLine($"dhr new review: '{target}' already exists and was left as it is. "
                + $"For a second review of the same CSP and year, give another id, e.g. --id {id}-2.");
            return ExitCodes.ContentErrors;
        }

        var exampleTheme = registries.Areas.SelectMany(a => a.Themes).Select(t => t.Id).FirstOrDefault();
        // The example addresses the CSP when it is also an agency, so that uncommenting it checks cleanly.
        var resolver = new AgencyResolver(registries.Agencies);
        var exampleAddressee = resolver.Resolve(csp.Name, AgencyResolver.Abbreviations.None) is not null
            ? csp.Name
            : registries.Agencies.Select(a => a.Name).FirstOrDefault();
        var text = ReviewScaffold.Write(new ScaffoldRequest(csp, published, title, id, today), exampleTheme, exampleAddressee);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // CreateNew: a file that appeared since the check above is still never overwritten.
            using var stream = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
            stream.Write(Utf8.GetBytes(text));
        }
        catch (IOException) when (File.Exists(target))
        {
            Console.Error.WriteLine($"dhr new review: '{target}' already exists and was left as it is.");
            return ExitCodes.ContentErrors;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"dhr new review: cannot write '{target}': {e.Message}");
            return ExitCodes.Usage;
        }
        Console.Out.WriteLine($"wrote {target}");
        Console.Error.WriteLine("Next: fill in the lines marked TODO, then run 'dhr check'.");
        return ExitCodes.Ok;
    }

    // The ids come from csps.yml, which is content: printed on one line whatever they hold.
    private static string Shorten(List<string> ids) => Printable.Escape(
        ids.Count <= 12 ? string.Join(", ", ids) : string.Join(", ", ids.Take(12)) + $", ... ({ids.Count} in all)");

    [GeneratedRegex(@"^(\d{4})-(0[1-9]|1[0-2])$")]
    private static partial Regex MonthPattern();
}
