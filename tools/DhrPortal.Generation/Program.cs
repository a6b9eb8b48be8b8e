using System.CommandLine;
using System.Diagnostics;
using DhrPortal.Generation;

// A tool for benchmarks and load tests, not a user command: it lives outside the core library and dhr.
// Exit codes as dhr's: 0 done, 2 usage error or internal fault.
var reviews = new Option<int>("--reviews") { Description = "How many reviews to generate.", DefaultValueFactory = _ => 2000 };
var output = new Option<string>("--output", "-o") { Description = "Folder to write the synthetic input into.", Required = true };
var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same corpus).", DefaultValueFactory = _ => 1 };
var root = new RootCommand("Write a synthetic, valid corpus of reviews for benchmarks.") { reviews, output, seed };
var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var e in parse.Errors) Console.Error.WriteLine($"generate: {e.Message}");
    return 2;
}
root.SetAction(p => Generate(p.GetValue(reviews), p.GetValue(output)!, p.GetValue(seed)));
return parse.Invoke();

static int Generate(int reviews, string output, int seed)
{
    if (reviews < 0)
    {
        Console.Error.WriteLine("generate: --reviews must be zero or more.");
        return 2;
    }
    // Never mix synthetic reviews into real content: the folder must be new or empty.
    if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any())
    {
        Console.Error.WriteLine($"generate: '{output}' is not empty; choose a new folder for the synthetic corpus.");
        return 2;
    }
    var clock = Stopwatch.StartNew();
    var set = CorpusGenerator.Generate(reviews, seed);
    try
    {
        CorpusGenerator.WriteTo(set, output);
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"generate: cannot write '{output}': {e.Message}");
        return 2;
    }
    var bytes = set.Reviews.Sum(r => (long)r.Bytes.Length);
    Console.Error.WriteLine($"Generated {set.Reviews.Count:N0} reviews ({bytes / 1e6:F1} MB, seed {seed}) into '{output}' in {clock.Elapsed.TotalSeconds:F2} s.");
    return 0;
}
