using System.Diagnostics;
using DhrPortal.Generation;

namespace DhrPortal.Cli;

/// <summary><c>dhr generate</c>: writes a synthetic, valid corpus for benchmarks and load tests.</summary>
internal static class GenerateCommand
{
    public static int Run(int reviews, string output, int seed)
    {
        if (reviews < 0)
        {
            Console.Error.WriteLine("dhr: --reviews must be zero or more.");
            return ExitCodes.Usage;
        }
        // Never mix synthetic reviews into real content: the folder must be new or empty.
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
        {
            Console.Error.WriteLine($"dhr: '{output}' is not empty; choose a new folder for the synthetic corpus.");
            return ExitCodes.Usage;
        }
        var clock = Stopwatch.StartNew();
        var set = CorpusGenerator.Generate(reviews, seed);
        try
        {
            CorpusGenerator.WriteTo(set, output);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"dhr: cannot write '{output}': {e.Message}");
            return ExitCodes.Usage;
        }
        var bytes = set.Reviews.Sum(r => (long)r.Bytes.Length);
        Console.Error.WriteLine($"Generated {Reporter.Plural(set.Reviews.Count, "review")} ({bytes / 1e6:F1} MB, seed {seed}) into '{output}' in {clock.Elapsed.TotalSeconds:F2} s.");
        return ExitCodes.Ok;
    }
}
