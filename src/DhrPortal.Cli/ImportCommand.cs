using System.Text;
using DhrPortal.Diagnostics;
using DhrPortal.Import;
using DhrPortal.Loading;
using DhrPortal.Text;
using DhrPortal.Validation;

namespace DhrPortal.Cli;

/// <summary>
/// <c>dhr import</c>: converts summary pages into review files under <c>&lt;input&gt;/reviews/</c>.
/// Arguments are summary pages or folders of them (every <c>*.txt</c> file in the folder; files that
/// are not summary pages are skipped with a note). Exit codes: 0 written (even with items left to
/// resolve), 1 a file exists and --force was not given, 2 usage error, nothing to import, or a
/// summary page named on the command line that cannot be read or parsed.
/// </summary>
internal static class ImportCommand
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static int Run(string input, string[] files, bool force)
    {
        if (files.Length == 0)
        {
            Console.Error.WriteLine("dhr import: give one or more summary pages to import.");
            return ExitCodes.Usage;
        }
        if (Reporter.ReadInput(input, "dhr import") is not { } inputSet) return ExitCodes.Usage;

        // Registry problems are shown but do not stop the import: names simply resolve less.
        var bag = new DiagnosticBag();
        var registries = Registries.Load(inputSet, bag);
        Reporter.Print(bag.Sorted(), input);

        var code = ExitCodes.Ok;
        var reviewsDir = Path.Combine(input, InputReader.ReviewsFolder);
        if (FileType.Of(reviewsDir) is not (FileKind.Missing or FileKind.Directory) and var kind)
        {
            Console.Error.WriteLine($"dhr import: '{reviewsDir}' is {FileType.Describe(kind)}; nothing is written through it.");
            return ExitCodes.Usage;
        }
        var written = 0;
        foreach (var (file, fromFolder) in Expand(files))
        {
            var shown = Printable.Escape(file);
            string text;
            try
            {
                // As input files are read: a regular file only (a link or a named pipe in a folder of
                // downloads is not followed or opened), and no further than the size limit.
                var source = InputReader.ReadFile(file, file);
                if (source.Refused is { } refused)
                {
                    Console.Error.WriteLine($"dhr import: {(fromFolder ? "skipped" : "cannot read")} '{shown}': {refused.Message}");
                    if (!fromFolder) code = ExitCodes.Usage;
                    continue;
                }
                text = StrictUtf8.GetString(source.Bytes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                // DecoderFallbackException (not UTF-8) is an ArgumentException.
                Console.Error.WriteLine($"dhr import: cannot read '{shown}': {Printable.Escape(e.Message)}");
                code = ExitCodes.Usage;
                continue;
            }

            ImportResult result;
            try
            {
                result = SummaryImporter.Import(text, Path.GetFileName(file), registries, Commands.Today);
            }
            catch (FormatException e) when (fromFolder)
            {
                // A folder of downloads may hold other pages (a QA letter, the report itself): skipped, said so.
                Console.Error.WriteLine($"dhr import: skipped '{shown}': not a summary page ({Printable.Escape(e.Message)})");
                continue;
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine($"dhr import: '{shown}' is not a summary page: {Printable.Escape(e.Message)}");
                code = ExitCodes.Usage;
                continue;
            }

            var target = Path.Combine(reviewsDir, result.ReviewId + ".md");
            var existing = FileType.Of(target);
            if (existing is not (FileKind.Missing or FileKind.Regular))
            {
                // Writing through a link would overwrite whatever it points at, outside input/.
                Console.Error.WriteLine($"dhr import: '{target}' is {FileType.Describe(existing)}; it was left as it is.");
                code = ExitCodes.Usage;
                continue;
            }
            if (existing == FileKind.Regular && !force)
            {
                Console.Error.WriteLine($"dhr import: '{target}' already exists; use --force to overwrite it.");
                if (code == ExitCodes.Ok) code = ExitCodes.ContentErrors;
                continue;
            }
            try
            {
                Directory.CreateDirectory(reviewsDir);
                File.WriteAllText(target, result.FileText, StrictUtf8);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"dhr import: cannot write '{target}': {e.Message}");
                code = ExitCodes.Usage;
                continue;
            }
            Console.Out.WriteLine($"wrote {target} ({Reporter.Plural(result.RecommendationCount, "recommendation")}) from {shown}");
            // The items quote the page (names, labels): one line each, whatever they hold.
            foreach (var item in result.Unresolved)
                Console.Out.WriteLine($"  to resolve: {Printable.Escape(item)}");
            written++;
        }
        if (written == 0 && code == ExitCodes.Ok)
        {
            Console.Error.WriteLine("dhr import: no summary page found to import.");
            code = ExitCodes.Usage;
        }
        return code;
    }

    /// <summary>
    /// The pages to import: files as given, and the <c>*.txt</c> files of each folder given (not its
    /// subfolders), in ordinal order so the output does not depend on the file system.
    /// </summary>
    private static IEnumerable<(string File, bool FromFolder)> Expand(string[] args)
    {
        foreach (var arg in args)
        {
            if (Directory.Exists(arg))
            {
                foreach (var file in Directory.EnumerateFiles(arg, "*.txt").Order(StringComparer.Ordinal))
                    yield return (file, true);
            }
            else
            {
                yield return (arg, false);
            }
        }
    }
}
