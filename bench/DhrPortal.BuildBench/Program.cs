using System.Globalization;
using DhrPortal.BuildBench;
using DhrPortal.Generation;
using DhrPortal.Loading;
using DhrPortal.SearchBench;
using DhrPortal.Validation;

// The side-by-side build bench (issue 11): `dhr build` against Hugo on equivalent pages written from
// the same corpus, and Pagefind on Hugo's output, run alternately. Not part of CI; setup.sh installs
// Hugo and Pagefind when missing. Usage: [--scales 2000,20000] [--runs 2] [--work .bench/build] [--dhr PATH]
var inv = CultureInfo.InvariantCulture;
var scales = new List<int> { 2000 };
var runs = 2;
var root = Tools.RepoRoot();
var work = Path.Combine(root, ".bench", "build");
string? dhr = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--scales": scales = args[++i].Split(',').Select(s => int.Parse(s, inv)).ToList(); break;
        case "--runs": runs = int.Parse(args[++i], inv); break;
        case "--work": work = Path.GetFullPath(args[++i]); break;
        case "--dhr": dhr = Path.GetFullPath(args[++i]); break;
        default: Console.Error.WriteLine($"unknown option {args[i]}; see the comment at the top of Program.cs"); return 2;
    }
}
dhr ??= Tools.FindDhr(root);
const string Hugo = "/usr/bin/hugo";
if (!File.Exists(Hugo)) { Console.Error.WriteLine("no /usr/bin/hugo: run bench/DhrPortal.BuildBench/setup.sh"); return 2; }
var pagefind = Tools.FindPagefind(root);
Directory.CreateDirectory(work);

Console.WriteLine($"# Build bench: dhr build vs Hugo vs Pagefind on Hugo's output ({runs} alternating runs; {Environment.ProcessorCount} cores; load average at start {Tools.LoadAverage()})");
Console.WriteLine($"dhr {dhr}; {Version(Hugo, "version")}; {Version(pagefind, "--version")}");
var verdicts = new List<string>();
foreach (var n in scales)
{
    Console.WriteLine();
    Console.WriteLine($"## {n:N0} reviews");
    var corpus = Path.Combine(work, $"corpus-{n}-s1");
    if (!File.Exists(Path.Combine(corpus, ".complete")))
    {
        if (Directory.Exists(corpus)) Directory.Delete(corpus, recursive: true);
        CorpusGenerator.WriteTo(CorpusGenerator.Generate(n, seed: 1), corpus);
        File.WriteAllText(Path.Combine(corpus, ".complete"), "");
    }
    var hugoSource = Path.Combine(work, $"hugo-src-{n}");
    {
        var check = ContentChecker.Check(InputReader.Read(corpus), new CheckOptions { Today = DateOnly.FromDateTime(DateTime.UtcNow) });
        if (check.Model is null) { Console.Error.WriteLine($"the corpus of {n} reviews does not check: {check.Diagnostics[0]}"); return 1; }
        var written = HugoSite.Write(check.Model, hugoSource);
        Console.WriteLine($"Hugo source written from the checked model: {written:N0} files (not measured).");
    }
    GC.Collect();

    var ours = Path.Combine(work, $"dhr-site-{n}");
    var hugoOut = Path.Combine(work, $"hugo-public-{n}");
    var results = new Dictionary<string, List<TimedRun>> { ["dhr build"] = [], ["hugo"] = [], ["pagefind"] = [] };
    Console.WriteLine();
    Console.WriteLine("| run | tool | wall s | peak RSS MB | load |");
    Console.WriteLine("|---|---|---:|---:|---|");
    for (var run = 1; run <= runs; run++)
    {
        // Alternate who goes first, so a burst of load from the other users of the machine is shared.
        var order = run % 2 == 1 ? new[] { "dhr build", "hugo" } : ["hugo", "dhr build"];
        foreach (var tool in order)
        {
            var result = tool == "dhr build"
                ? Tools.Run(dhr, "build", "-i", corpus, "-o", ours)
                : Tools.Run(Hugo, "--source", hugoSource, "--destination", hugoOut, "--cleanDestinationDir", "--quiet", "--cacheDir", Path.Combine(work, "hugo-cache"));
            Report(run, tool, result);
            if (tool == "hugo") Report(run, "pagefind", Tools.Run(pagefind, "--site", hugoOut));
        }
    }

    var (dFiles, dBytes) = Tools.Size(ours);
    var (hAll, hAllBytes) = Tools.Size(hugoOut);
    var (pFiles, pBytes) = Tools.Size(Path.Combine(hugoOut, "pagefind"));
    Console.WriteLine();
    // The same page set is the premise of the comparison: print both counts of HTML pages.
    Console.WriteLine($"HTML pages: dhr {Pages(ours):N0}, Hugo {Pages(hugoOut):N0}.");
    Console.WriteLine("| tool | median wall s | median peak MB | files | MB |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    double Wall(string t) => Median(results[t].Select(r => r.WallSeconds));
    double Peak(string t) => Median(results[t].Select(r => r.PeakMb));
    Console.WriteLine($"| dhr build (search included) | {Wall("dhr build"):F1} | {Peak("dhr build"):F0} | {dFiles:N0} | {dBytes / 1e6:F1} |");
    Console.WriteLine($"| hugo | {Wall("hugo"):F1} | {Peak("hugo"):F0} | {hAll - pFiles:N0} | {(hAllBytes - pBytes) / 1e6:F1} |");
    Console.WriteLine($"| pagefind on Hugo's output | {Wall("pagefind"):F1} | {Peak("pagefind"):F0} | {pFiles:N0} | {pBytes / 1e6:F1} |");
    Console.WriteLine($"| hugo + pagefind | {Wall("hugo") + Wall("pagefind"):F1} | {Math.Max(Peak("hugo"), Peak("pagefind")):F0} | {hAll:N0} | {hAllBytes / 1e6:F1} |");
    var time = Wall("dhr build") / Wall("hugo");
    var memory = Peak("dhr build") / Peak("hugo");
    Console.WriteLine();
    Console.WriteLine($"Ratios dhr/Hugo: time {time:F2}x, peak memory {memory:F2}x; dhr/(Hugo + Pagefind): time {Wall("dhr build") / (Wall("hugo") + Wall("pagefind")):F2}x, peak memory {Peak("dhr build") / Math.Max(Peak("hugo"), Peak("pagefind")):F2}x.");
    verdicts.Add($"{n:N0} reviews: time {time:F2}x Hugo (target <= 0.5x): {(time <= 0.5 ? "PASS" : "MISS")}");
    verdicts.Add($"{n:N0} reviews: peak memory {memory:F2}x Hugo (target <= 0.5x): {(memory <= 0.5 ? "PASS" : "MISS")}");

    void Report(int run, string tool, TimedRun result)
    {
        if (result.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({result.ExitCode}): {result.Stderr}");
        results[tool].Add(result);
        Console.WriteLine($"| {run} | {tool} | {result.WallSeconds:F1} | {result.PeakMb:F0} | {Tools.LoadAverage()} |");
    }
}
Console.WriteLine();
Console.WriteLine("## Targets");
foreach (var v in verdicts) Console.WriteLine("- " + v);
Console.WriteLine($"Load average at end: {Tools.LoadAverage()}");
return 0;

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

// Hugo writes a redirect at page/1/ of each paged list, even with disableAliases: not a page.
static int Pages(string site) => Directory.EnumerateFiles(site, "*.html", SearchOption.AllDirectories)
    .Count(f => !f.Contains("/pagefind/", StringComparison.Ordinal) && !f.EndsWith("/page/1/index.html", StringComparison.Ordinal));

static string Version(string exe, string flag)
{
    var start = new System.Diagnostics.ProcessStartInfo(exe, flag) { RedirectStandardOutput = true, UseShellExecute = false };
    using var p = System.Diagnostics.Process.Start(start)!;
    var text = p.StandardOutput.ReadToEnd().Trim();
    p.WaitForExit();
    return text.Split('\n')[0];
}
