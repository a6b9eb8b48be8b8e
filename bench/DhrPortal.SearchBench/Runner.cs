using DhrPortal.Cli.Serve;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using DhrPortal.Content;
using DhrPortal.Generation;
using DhrPortal.Loading;
using DhrPortal.Validation;

namespace DhrPortal.SearchBench;

/// <summary>What was built for one site: our index and Pagefind's two variants.</summary>
internal sealed record IndexFigures(string Engine, int Documents, double BuildSeconds, double PeakMb, int Files, long Bytes, string Note);

/// <summary>Orchestrates one benchmark run and prints its tables (Markdown) and the verdicts.</summary>
internal static partial class Runner
{
    public const string Ours = "ours", PagefindReview = "pagefind-review", PagefindRec = "pagefind-rec";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(Options options)
    {
        var root = Tools.RepoRoot();
        var work = Path.GetFullPath(options.Work ?? Path.Combine(root, ".bench", "search"));
        Directory.CreateDirectory(work);
        var dhr = options.Dhr ?? Tools.FindDhr(root);
        var pagefind = Tools.FindPagefind(root);
        var headers = NetlifyHeaders.Load(Path.Combine(root, "netlify.toml"));

        await using var browser = await Browser.LaunchAsync();
        Console.WriteLine($"DhrPortal search benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores; {RuntimeInformation.OSDescription}; "
            + $"load average at start {Tools.LoadAverage()}; Chromium {browser.Version}; Pagefind {PagefindVersion(pagefind)}; dhr {dhr}");
        Console.WriteLine($"Queries ({options.Queries.Count}): {string.Join(", ", options.Queries.Select(q => $"\"{q}\""))}");
        Console.WriteLine("Served over HTTP/1.1 from 127.0.0.1, text gzip-compressed (level 6); bytes are CDP encodedDataLength (headers + body on the wire).");
        Console.WriteLine($"Slow 4G = Chrome DevTools/Lighthouse: latency {Browser.Slow4GLatencyMs} ms, down {Browser.Slow4GDownBytes:N0} B/s, up {Browser.Slow4GUpBytes:N0} B/s, with 4x CPU.");
        Console.WriteLine();

        var verdicts = new List<string>();
        if (options.Speed)
        {
            foreach (var n in options.Scales) verdicts.AddRange(await ScaleAsync(n, options, root, work, dhr, pagefind, headers, browser));
        }
        if (options.Relevance) await RelevanceAsync(options, root, work, dhr, pagefind, headers, browser);
        if (verdicts.Count > 0)
        {
            Console.WriteLine("## Targets (issue 4)");
            Console.WriteLine();
            foreach (var v in verdicts) Console.WriteLine("- " + v);
            Console.WriteLine();
        }
        Console.WriteLine($"Load average at end: {Tools.LoadAverage()}");
        return 0;
    }

    private static async Task<List<string>> ScaleAsync(int n, Options options, string root, string work, string dhr, string pagefind, NetlifyHeaders headers, Browser browser)
    {
        Console.WriteLine($"## {n:N0} reviews");
        Console.WriteLine();
        var corpus = Path.Combine(work, $"corpus-{n}-s{options.Seed}");
        if (!File.Exists(Path.Combine(corpus, ".complete")))
        {
            if (Directory.Exists(corpus)) Directory.Delete(corpus, recursive: true);
            CorpusGenerator.WriteTo(CorpusGenerator.Generate(n, options.Seed), corpus);
            File.WriteAllText(Path.Combine(corpus, ".complete"), "");
        }
        var site = Path.Combine(work, $"site-{n}");
        var (figures, model) = BuildAll(corpus, site, Path.Combine(work, $"pf-review-{n}"), Path.Combine(work, $"pf-rec-{n}"), dhr, pagefind, options, timings: true);
        var ourReady = figures.Any(f => f.Engine == Ours && f.Files > 0);

        var engines = new List<Engine>();
        var servers = new List<GzipServer>();
        try
        {
            foreach (var name in options.Engines)
            {
                if (name == Ours && !ourReady) continue;
                var server = name switch
                {
                    Ours => new GzipServer(site, headers),
                    PagefindReview => new GzipServer(Path.Combine(work, $"pf-review-{n}"), null),
                    _ => new GzipServer(Path.Combine(work, $"pf-rec-{n}"), null),
                };
                servers.Add(server);
                engines.Add(new Engine(name, server, name == Ours ? "/search/" : "/bench/"));
            }
            var conditions = new List<Condition>
            {
                new("cold 1x", 1, false, false), new("cold 4x", 4, false, false),
                new("warm 1x", 1, false, true), new("warm 4x", 4, false, true),
            };
            if (options.Slow4G) conditions.Add(new Condition("cold Slow 4G 4x", 4, true, false));
            var runs = new List<QueryRun>();
            foreach (var engine in engines)
            {
                foreach (var condition in conditions)
                {
                    if (engine.Name != Ours && options.PfConditions is { } only && !only.Contains(condition.Name)) continue;
                    var clock = Stopwatch.StartNew();
                    var queries = engine.Name == PagefindRec && options.RecQueries is { } r ? options.Queries.Take(r).ToList()
                        : engine.Name == PagefindReview && options.PfQueries is { } pr ? options.Queries.Take(pr).ToList() : options.Queries;
                    if (condition.Slow4G && options.SlowQueries is { } k) queries = queries.Take(k).ToList();
                    runs.AddRange(await browser.MeasureAsync(engine, condition, queries));
                    Console.Error.WriteLine($"  {n}: {engine.Name} {condition.Name}: {queries.Count} queries in {clock.Elapsed.TotalSeconds:F0} s");
                }
            }
            return Print(n, model, figures, runs, ourReady);
        }
        finally
        {
            foreach (var s in servers) s.Dispose();
        }
    }

    /// <summary>
    /// dhr build (timed), the builder's stage timings (child process), then both Pagefind variants
    /// written from the same model and indexed (timed). Returns the index figures and the model.
    /// </summary>
    private static (List<IndexFigures>, ContentModel) BuildAll(string input, string site, string pfReview, string pfRec, string dhr, string pagefind, Options options, bool timings)
    {
        var reuse = options.ReuseSite && File.Exists(Path.Combine(site, "search", "index.html"));
        if (reuse)
        {
            timings = false;
            var (files0, bytes0) = Tools.Size(site);
            Console.WriteLine($"`dhr build`: not run (--reuse-site: the site already in {site}, {files0:N0} files, {bytes0 / 1e6:F1} MB; build time and stage timings from the run that built it).");
        }
        else
        {
            if (Directory.Exists(site)) Directory.Delete(site, recursive: true);
            var build = Tools.Run(dhr, "build", "-i", input, "-o", site);
            if (build.ExitCode != 0) throw new InvalidOperationException($"dhr build failed ({build.ExitCode}): {build.Stderr}");
            var (siteFiles, siteBytes) = Tools.Size(site);
            Console.WriteLine($"`dhr build`: {build.WallSeconds:F2} s wall, peak {build.PeakMb:F0} MB, {siteFiles:N0} files, {siteBytes / 1e6:F1} MB.");
            _lastWall = build.WallSeconds;
        }

        var figures = new List<IndexFigures>();
        var model = LoadModel(input);
        var recs = model.Reviews.Sum(r => r.Recommendations.Count);
        var indexFolder = OurIndexFolder(site);
        if (indexFolder is null)
        {
            Console.WriteLine("Our client is not in this build: /search/ has no data-index on #search-form (contract), so only Pagefind is measured.");
        }
        else
        {
            var (files, bytes) = Tools.Size(indexFolder);
            var note = "";
            var searchSeconds = double.NaN;
            if (timings)
            {
                var stages = BuilderTimings(input);
                var total = stages.Sum(s => s.Seconds);
                var search = stages.Where(s => s.Name.Contains("search", StringComparison.OrdinalIgnoreCase)).ToList();
                searchSeconds = search.Count > 0 ? search.Sum(s => s.Seconds) : double.NaN;
                note = $"SiteBuilder stages: {string.Join(", ", stages.Select(s => $"{s.Name} {s.Seconds:F2} s"))}; total {total:F2} s"
                    + (search.Count == 0 ? "; no stage named *search*: the index time is inside the others" : "");
                Console.WriteLine(note + ".");
                _lastBuild = (total, searchSeconds, _lastWall);
            }
            figures.Add(new IndexFigures(Ours, model.Reviews.Count + recs, searchSeconds, double.NaN, files, bytes,
                $"{Path.GetRelativePath(site, indexFolder)}/"));
        }

        foreach (var (variant, dir, name) in new[] { (PagefindPages.Variant.PerReview, pfReview, PagefindReview), (PagefindPages.Variant.PerRecommendation, pfRec, PagefindRec) })
        {
            if (!options.Engines.Contains(name) && options.Speed) continue;
            // The pages depend only on the input and this writer: kept between runs (writing and
            // deleting 400,000 small files takes minutes), keyed by the input's content stamp.
            var stamp = Path.Combine(dir, ".pages");
            var key = $"{InputStamp(input)} {typeof(PagefindPages).Assembly.ManifestModule.ModuleVersionId}";
            int pages;
            if (File.Exists(stamp) && File.ReadAllText(stamp).Split('\n') is [var k, var count] && k == key)
            {
                pages = int.Parse(count, Inv);
                var old = Path.Combine(dir, "pagefind");
                if (!reuse && Directory.Exists(old)) Directory.Delete(old, recursive: true);
            }
            else
            {
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
                pages = PagefindPages.Write(model, variant, dir);
                File.WriteAllText(stamp, $"{key}\n{pages}");
            }
            var bench = Path.Combine(dir, "bench");
            Directory.CreateDirectory(bench);
            foreach (var f in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "web"))) File.Copy(f, Path.Combine(bench, Path.GetFileName(f)), overwrite: true);
            if (reuse && Directory.Exists(Path.Combine(dir, "pagefind")))
            {
                var (pfFiles, pfBytes) = Tools.Size(Path.Combine(dir, "pagefind"));
                figures.Add(new IndexFigures(name, pages, double.NaN, double.NaN, pfFiles, pfBytes, "pagefind/ (reused)"));
                continue;
            }
            var run = Tools.Run(pagefind, "--site", dir, "--quiet");
            if (run.ExitCode != 0) throw new InvalidOperationException($"pagefind failed ({run.ExitCode}): {run.Stderr}");
            var (files, bytes) = Tools.Size(Path.Combine(dir, "pagefind"));
            figures.Add(new IndexFigures(name, pages, run.WallSeconds, run.PeakMb, files, bytes, "pagefind/"));
        }
        return (figures, model);
    }

    /// <summary>Names, sizes and times of the input files: enough to notice a changed corpus.</summary>
    private static string InputStamp(string input) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n',
            Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                .Select(f => $"{f} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f).Ticks}")))))[..16];

    private static (double Total, double Search, double DhrWall) _lastBuild = (double.NaN, double.NaN, double.NaN);
    private static double _lastWall = double.NaN;

    private static ContentModel LoadModel(string input)
    {
        var check = ContentChecker.Check(InputReader.Read(input), new CheckOptions { Today = DateOnly.FromDateTime(DateTime.UtcNow) });
        return check.Model ?? throw new InvalidOperationException($"{input} has {check.ErrorCount} errors.");
    }

    /// <summary>Where our index lives: the folder of the manifest named by data-index on the search page (contract).</summary>
    private static string? OurIndexFolder(string site)
    {
        var page = Path.Combine(site, "search", "index.html");
        if (!File.Exists(page)) return null;
        var m = DataIndex().Match(File.ReadAllText(page));
        if (!m.Success) return null;
        var manifest = Path.Combine(site, m.Groups[1].Value.TrimStart('/'));
        return Path.GetDirectoryName(manifest);
    }

    [GeneratedRegex("data-index=\"([^\"]+)\"")]
    private static partial Regex DataIndex();

    private static List<BuildStage> BuilderTimings(string input)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find the bench executable.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(System.Reflection.Assembly.GetEntryAssembly()!.Location);
        start.ArgumentList.Add("--child-build");
        start.ArgumentList.Add(input);
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith('[')) ?? throw new InvalidOperationException("the build child printed no timings.");
        return JsonSerializer.Deserialize<List<BuildStage>>(line)!;
    }

    private static string PagefindVersion(string exe)
    {
        var p = Process.Start(new ProcessStartInfo(exe, "--version") { RedirectStandardOutput = true })!;
        var v = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return v.Replace("pagefind ", "", StringComparison.Ordinal);
    }

    private static List<string> Print(int n, ContentModel model, List<IndexFigures> figures, List<QueryRun> runs, bool ourReady)
    {
        var recs = model.Reviews.Sum(r => r.Recommendations.Count);
        Console.WriteLine();
        Console.WriteLine($"Index ({model.Reviews.Count:N0} reviews, {recs:N0} recommendations; ours: build time = SiteBuilder stages named *search*; Pagefind: its process, wall and peak RSS)");
        Console.WriteLine();
        Console.WriteLine("| engine | documents | build s | peak MB | files | size MB | where |");
        Console.WriteLine("|---|--:|--:|--:|--:|--:|---|");
        foreach (var f in figures)
            Console.WriteLine($"| {f.Engine} | {f.Documents:N0} | {Stats.Show(f.BuildSeconds, "F2")} | {Stats.Show(f.PeakMb, "F0")} | {f.Files:N0} | {f.Bytes / 1e6:F2} | {f.Note} |");
        Console.WriteLine();

        var engines = runs.Select(r => r.Engine).Distinct().ToList();
        var conditions = runs.Select(r => r.Condition).Distinct().ToList();
        Console.WriteLine("Per engine and condition: keystroke to rendered results (ms) and bytes (KB = 1,000 B) per query. Cold: whole visit "
            + "(search page + scripts + index; 'search KB' leaves out the HTML, CSS, images and fonts); warm: what the query fetched.");
        Console.WriteLine();
        Console.WriteLine("('to marker': keystroke to results and counts in the DOM, before the frame that paints them; the targets use the painted time.)");
        Console.WriteLine();
        Console.WriteLine("| engine | condition | ms median | ms p95 | ms max | to marker ms median | to marker ms p95 | search KB median | search KB max | requests median | requests max | all KB max | off-origin | zero shown | timed out |");
        Console.WriteLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var e in engines)
        {
            foreach (var c in conditions)
            {
                var set = runs.Where(r => r.Engine == e && r.Condition == c).ToList();
                if (set.Count == 0) continue;
                var ms = set.Select(r => r.Ms).ToList();
                var marker = set.Select(r => r.MarkerMs).ToList();
                var kb = set.Select(r => r.SearchBytes / 1e3).ToList();
                var req = set.Select(r => (double)r.SearchRequests).ToList();
                Console.WriteLine($"| {e} | {c} | {Stats.Median(ms):F0} | {Stats.P95(ms):F0} | {ms.Max():F0} | {Stats.Median(marker):F0} | {Stats.P95(marker):F0} | {Stats.Median(kb):F1} | {kb.Max():F1} | "
                    + $"{Stats.Median(req):F0} | {req.Max():F0} | {set.Max(r => r.AllBytes) / 1e3:F1} | {set.Sum(r => r.OffOrigin)} | {set.Count(r => r.Shown == 0)} | {set.Count(r => r.TimedOut)} |");
            }
        }
        Console.WriteLine();

        // First query, cold, per query: bytes and time at 4x.
        var cold = runs.Where(r => r.Condition == "cold 1x").ToList();
        Console.WriteLine("First query on a cold cache, per query: search KB (requests) at 1x; ms at 4x CPU");
        Console.WriteLine();
        Console.WriteLine("| query | " + string.Join(" | ", engines.Select(e => $"{e} KB (req) | {e} ms 4x")) + " |");
        Console.WriteLine("|---|" + string.Concat(engines.Select(_ => "--:|--:|")));
        foreach (var q in cold.Select(r => r.Query).Distinct())
        {
            var cells = engines.Select(e =>
            {
                var c1 = cold.FirstOrDefault(r => r.Engine == e && r.Query == q);
                var c4 = runs.FirstOrDefault(r => r.Engine == e && r.Query == q && r.Condition == "cold 4x");
                return $"{(c1 is null ? "n/a" : $"{c1.SearchBytes / 1e3:F1} ({c1.SearchRequests})")} | {(c4 is null ? "n/a" : c4.Ms.ToString("F0", Inv))}";
            });
            Console.WriteLine($"| {q} | {string.Join(" | ", cells)} |");
        }
        Console.WriteLine();

        var verdicts = new List<string>();
        if (!ourReady)
        {
            verdicts.Add($"{n:N0} reviews: our client is not in this build; no target can be checked (Pagefind figures above).");
            return verdicts;
        }
        double Kb(string engine, string query) => (cold.FirstOrDefault(r => r.Engine == engine && r.Query == query)?.SearchBytes ?? double.NaN) / 1e3;
        List<double> Times(string engine, string condition) => runs.Where(r => r.Engine == engine && r.Condition == condition).Select(r => r.Ms).ToList();
        var queries = cold.Where(r => r.Engine == Ours).Select(r => r.Query).ToList();
        var oursKb = queries.Select(q => Kb(Ours, q)).ToList();

        Console.WriteLine("Ratios ours / Pagefind (median of the per-query ratios; max for bytes)");
        Console.WriteLine();
        Console.WriteLine("| versus | first-query KB median | KB max | cold 1x ms | cold 4x ms | warm 4x ms | Slow 4G ms |");
        Console.WriteLine("|---|--:|--:|--:|--:|--:|--:|");
        foreach (var pf in engines.Where(e => e != Ours))
        {
            var kbRatios = queries.Select(q => Stats.Ratio(Kb(Ours, q), Kb(pf, q))).Where(x => !double.IsNaN(x)).ToList();
            string TimeRatio(string c) => Stats.Show(Stats.Ratio(Stats.Median(Times(Ours, c)), Stats.Median(Times(pf, c))), "F2");
            Console.WriteLine($"| {pf} | {Stats.Show(Stats.Median(kbRatios), "F2")} | {Stats.Show(kbRatios.Count > 0 ? kbRatios.Max() : double.NaN, "F2")} | "
                + $"{TimeRatio("cold 1x")} | {TimeRatio("cold 4x")} | {TimeRatio("warm 4x")} | {TimeRatio("cold Slow 4G 4x")} |");
        }
        Console.WriteLine();

        string V(bool pass) => pass ? "PASS" : "MISS";
        var bytesTarget = n <= 2000 ? 150 : 300;
        var worst = oursKb.Max();
        var worstQuery = queries[oursKb.IndexOf(worst)];
        verdicts.Add($"{n:N0}: first query ≤ {bytesTarget} KB, every query: {V(worst <= bytesTarget)} (max {worst:F1} KB, \"{worstQuery}\"; median {Stats.Median(oursKb):F1} KB)");
        if (engines.Contains(PagefindReview))
        {
            var ratios = queries.Select(q => (Q: q, R: Stats.Ratio(Kb(Ours, q), Kb(PagefindReview, q)))).Where(x => !double.IsNaN(x.R)).ToList();
            var maxR = ratios.MaxBy(x => x.R);
            verdicts.Add($"{n:N0}: first query ≤ half of Pagefind per-review, every query Pagefind ran ({ratios.Count}): {V(maxR.R <= 0.5)} (max ratio {maxR.R:F2} on \"{maxR.Q}\"; median {Stats.Median(ratios.Select(x => x.R).ToList()):F2})");
        }
        var c4 = Times(Ours, "cold 4x");
        verdicts.Add($"{n:N0}: cold at 4x CPU ≤ 400 ms median: {V(Stats.Median(c4) <= 400)} ({Stats.Median(c4):F0} ms; p95 {Stats.P95(c4):F0} ms)");
        var w4 = Times(Ours, "warm 4x");
        verdicts.Add($"{n:N0}: warm with facet counts at 4x CPU ≤ 50 ms median: {V(Stats.Median(w4) <= 50)} ({Stats.Median(w4):F0} ms); ≤ 150 ms p95: {V(Stats.P95(w4) <= 150)} ({Stats.P95(w4):F0} ms)");
        var s4 = Times(Ours, "cold Slow 4G 4x");
        if (s4.Count > 0) verdicts.Add($"{n:N0}: cold on Slow 4G (4x CPU) ≤ 2 s, every query: {V(s4.Max() <= 2000)} (max {s4.Max():F0} ms; median {Stats.Median(s4):F0} ms; {s4.Count} queries)");
        var (total, search, wall) = _lastBuild;
        if (double.IsNaN(search))
            verdicts.Add($"{n:N0}: index build ≤ 10% of the site build: not measurable (no SiteBuilder stage named *search*; SiteBuilder total {total:F2} s, dhr build {wall:F2} s)");
        else
            verdicts.Add($"{n:N0}: index build ≤ 10% of the site build: {V(search / (total - search) <= 0.10)} (search stages {search:F2} s = {100 * search / (total - search):F1}% of the other SiteBuilder stages' {total - search:F2} s; dhr build wall {wall:F2} s)");
        return verdicts;
    }

    private static async Task RelevanceAsync(Options options, string root, string work, string dhr, string pagefind, NetlifyHeaders headers, Browser browser)
    {
        Console.WriteLine("## Relevance on the real content (input/)");
        Console.WriteLine();
        var setPath = Path.Combine(root, "tests", "DhrPortal.BrowserTests", "Search", "relevance.yml");
        if (!File.Exists(setPath))
        {
            Console.WriteLine($"No labelled set at {Path.GetRelativePath(root, setPath)} (it comes with the search branch): relevance not measured.");
            Console.WriteLine();
            return;
        }
        var set = Relevance.Parse(File.ReadAllText(setPath));
        var site = Path.Combine(work, "site-real");
        var pfRec = Path.Combine(work, "pf-rec-real");
        var (figures, _) = BuildAll(Path.Combine(root, "input"), site, Path.Combine(work, "pf-review-real"), pfRec, dhr, pagefind, options with { Speed = false }, timings: false);
        var ourReady = figures.Any(f => f.Engine == Ours && f.Files > 0);

        using var ourServer = new GzipServer(site, headers);
        using var pfServer = new GzipServer(pfRec, null);
        var ours = new Engine(Ours, ourServer, "/search/");
        var pf = new Engine(PagefindRec, pfServer, "/bench/");

        var rows = new List<(string Engine, RelevanceScore Score)>();
        var perQuery = new List<(string Query, string First, string OurTop, string PfTop)>();
        var ourResults = new List<IReadOnlyList<string?>>();
        var pfResults = new List<IReadOnlyList<string?>>();
        foreach (var q in set)
        {
            var o = ourReady ? (await browser.ResultsAsync(ours, q.Query)).Select(Relevance.KeyOf).ToList() : [];
            var p = (await browser.ResultsAsync(pf, q.Query)).Select(Relevance.KeyOf).ToList();
            ourResults.Add(o);
            pfResults.Add(p);
            perQuery.Add((q.Query, q.First, o.FirstOrDefault() ?? "(none)", p.FirstOrDefault() ?? "(none)"));
        }
        if (ourReady) rows.Add((Ours, Relevance.Score(set, ourResults)));
        rows.Add((PagefindRec, Relevance.Score(set, pfResults)));

        Console.WriteLine($"{set.Count} labelled queries ({Path.GetRelativePath(root, setPath)}); Pagefind: one page per recommendation, same text and filters.");
        Console.WriteLine();
        Console.WriteLine("| engine | MRR@10 | recall@10 | zero-result rate | expected first at rank 1 |");
        Console.WriteLine("|---|--:|--:|--:|--:|");
        foreach (var (e, s) in rows)
            Console.WriteLine($"| {e} | {s.Mrr:F3} | {s.Recall:F3} | {s.ZeroResultRate:P1} | {s.FirstAtTop}/{s.Queries} |");
        Console.WriteLine();
        Console.WriteLine("| query | expected first | ours first | Pagefind first |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (q, first, o, p) in perQuery)
            Console.WriteLine($"| {q} | {first} | {(o == first ? "✓" : o)} | {(p == first ? "✓" : p)} |");
        Console.WriteLine();

        // Pagefind under the site's own CSP (netlify.toml): it needs 'wasm-unsafe-eval', which the CSP does not allow.
        using var strict = new GzipServer(pfRec, headers);
        var (rendered, console) = await browser.RendersAsync(new Engine(PagefindRec, strict, "/bench/"), set[0].Query, TimeSpan.FromSeconds(10));
        Console.WriteLine($"Pagefind served with our netlify.toml CSP: {(rendered ? "rendered results" : "no results within 10 s")}"
            + (console.Length > 0 ? $"; console: {Truncate(console, 300)}" : "") + ".");
        Console.WriteLine("(Note: the bench page's own module script is allowed by script-src 'self'; what fails is Pagefind's WebAssembly.)");
        Console.WriteLine();
    }

    /// <summary>For debugging an engine's page: serves a folder, opens path?q= and prints what rendered and the console.</summary>
    public static async Task<int> ProbeAsync(string site, string path, string query)
    {
        await using var browser = await Browser.LaunchAsync();
        using var server = new GzipServer(site, path == "/bench/" ? null : NetlifyHeaders.Load(Path.Combine(Tools.RepoRoot(), "netlify.toml")));
        var (rendered, console) = await browser.RendersAsync(new Engine("probe", server, path), query, TimeSpan.FromSeconds(20));
        Console.WriteLine($"rendered: {rendered}; console: {console}");
        foreach (var condition in new[] { new Condition("cold 1x", 1, false, false), new Condition("cold 4x", 4, false, false), new Condition("warm 4x", 4, false, true) })
            Console.WriteLine((await browser.MeasureAsync(new Engine("probe", server, path), condition, [query])).Last());
        return 0;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
