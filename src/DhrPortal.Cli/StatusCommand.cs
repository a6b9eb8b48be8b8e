using System.CommandLine;
using System.Globalization;
using DhrPortal.Content;
using DhrPortal.Loading;
using DhrPortal.Text;
using DhrPortal.Validation;

namespace DhrPortal.Cli;

/// <summary>
/// <c>dhr status &lt;review-id&gt;#&lt;anchor&gt; --set &lt;state&gt; --as-of YYYY-MM [--target YYYY-MM]</c>:
/// records a recommendation's implementation status in its review file, editing only the status
/// (<see cref="StatusEditor"/>). The file is written only when the whole content still passes
/// <c>dhr check</c> with the change. Exit codes: 0 written, 1 unknown review or anchor, content
/// errors (before or after the change; nothing written), 2 usage error.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(Option<string> input)
    {
        var reference = new Argument<string>("recommendation") { Description = "<review-id>#<anchor>, as in the recommendation's address (/reviews/<review-id>/#<anchor>)." };
        var set = new Option<string>("--set")
        {
            Description = "The state: " + string.Join(", ", Vocabulary.ImplementationStates.Select(s => s.Key)) + ".",
            Required = true,
        };
        var asOf = new Option<string>("--as-of") { Description = "Month the status was reported, YYYY-MM.", Required = true };
        var target = new Option<string?>("--target") { Description = "Target month, YYYY-MM (default: keep the current target, if any)." };
        var command = new Command("status", "Set a recommendation's implementation status in its review file, keeping the rest of the file as written.")
        {
            input, reference, set, asOf, target,
        };
        command.SetAction(parse => Run(parse.GetValue(input)!, parse.GetValue(reference)!, parse.GetValue(set)!, parse.GetValue(asOf)!, parse.GetValue(target), Commands.Today));
        return command;
    }

    internal static int Run(string inputDir, string reference, string stateText, string asOfText, string? targetText, DateOnly today)
    {
        const string Me = "dhr status";
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        if (hash <= 0 || hash == reference.Length - 1)
        {
            Console.Error.WriteLine($"{Me}: '{reference}' is not <review-id>#<anchor>, e.g. havering-2022#r1-lft.");
            return ExitCodes.Usage;
        }
        var (reviewId, anchor) = (reference[..hash], reference[(hash + 1)..]);
        var state = Vocabulary.ImplementationStates.Where(s => s.Key == stateText).Select(s => (ImplementationState?)s.Value).FirstOrDefault();
        if (state is null)
        {
            Console.Error.WriteLine($"{Me}: --set '{stateText}' is not a state: use one of {string.Join(", ", Vocabulary.ImplementationStates.Select(s => s.Key))}.");
            return ExitCodes.Usage;
        }
        if (Month(asOfText) is not { } asOf)
        {
            Console.Error.WriteLine($"{Me}: --as-of '{asOfText}' is not a month: write it as YYYY-MM, e.g. 2025-06.");
            return ExitCodes.Usage;
        }
        YearMonth? target = null;
        if (targetText is not null)
        {
            target = Month(targetText);
            if (target is null)
            {
                Console.Error.WriteLine($"{Me}: --target '{targetText}' is not a month: write it as YYYY-MM, e.g. 2025-12.");
                return ExitCodes.Usage;
            }
        }

        if (Reporter.ReadInput(inputDir, Me) is not { } inputSet) return ExitCodes.Usage;
        var options = new CheckOptions { Today = today };
        var before = ContentChecker.Check(inputSet, options);
        if (before.Model is null)
        {
            Reporter.Print(before.Diagnostics, inputDir);
            Console.Error.WriteLine($"{Me}: the content has errors; fix them ('dhr check') before setting a status. Nothing was written.");
            return ExitCodes.ContentErrors;
        }
        var review = before.Model.Reviews.FirstOrDefault(r => r.Id == reviewId);
        if (review is null)
        {
            var close = Suggest.Closest(reviewId, before.Model.Reviews.Select(r => r.Id), 3);
            Console.Error.WriteLine($"{Me}: there is no review '{reviewId}' in {Path.Combine(inputDir, InputReader.ReviewsFolder)}."
                + (close.Count > 0 ? $" Did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?" : ""));
            return ExitCodes.ContentErrors;
        }
        var file = inputSet.Reviews.Single(f => f.Path == review.SourcePath);
        var edit = StatusEditor.Set(file, anchor, state.Value, asOf, target);
        if (edit.Bytes is null)
        {
            Console.Error.WriteLine($"{Me}: {edit.Error}");
            return ExitCodes.ContentErrors;
        }

        // The change must leave the content valid (a status in the future, for instance, is not).
        var changed = inputSet with { Reviews = inputSet.Reviews.Select(f => f == file ? new SourceFile(f.Path, edit.Bytes) : f).ToList() };
        var after = ContentChecker.Check(changed, options);
        if (after.HasErrors)
        {
            Reporter.Print(after.Diagnostics, inputDir);
            Console.Error.WriteLine($"{Me}: with this status the content would not pass 'dhr check'; nothing was written.");
            return ExitCodes.ContentErrors;
        }
        var path = Path.Combine(inputDir, review.SourcePath);
        try
        {
            File.WriteAllBytes(path, edit.Bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{Me}: cannot write '{path}': {e.Message}");
            return ExitCodes.Usage;
        }
        var written = after.Model!.Reviews.First(r => r.Id == reviewId).Recommendations.First(r => r.Anchor == anchor).Status!;
        Console.Out.WriteLine($"{path}: {anchor} is {Vocabulary.Key(written.State)} as of {written.AsOf}"
            + (written.Target is { } t ? $", target {t}" : "") + ".");
        return ExitCodes.Ok;
    }

    private static YearMonth? Month(string text) =>
        text.Length == 7 && text[4] == '-'
        && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
        && int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
        && m is >= 1 and <= 12 && y >= 1900
            ? new YearMonth(y, m)
            : null;
}
