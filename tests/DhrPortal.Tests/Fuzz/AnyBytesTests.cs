using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsCheck;
using DhrPortal.Loading;
using DhrPortal.Tests.TestSupport;
using DhrPortal.Validation;
using Xunit;
using Xunit.Abstractions;

namespace DhrPortal.Tests.Fuzz;

/// <summary>
/// Whatever bytes the input files hold, <see cref="ContentChecker.Check"/> never throws, and it returns a
/// model exactly when it reports no error. Inputs are random bytes, random YAML-like token soup, and
/// mutations of the valid fixture (byte flips, truncation, YAML punctuation, duplicated lines, CR/LF and
/// BOMs, escapes). Generation is deterministic: a fixed seed and an iteration number make each input, so a
/// failure is reproduced by its iteration alone, whatever the thread count. Set DHR_FUZZ_ITERATIONS to run
/// more (or fewer) inputs per kind and DHR_FUZZ_SEED to explore other inputs.
/// </summary>
public sealed class AnyBytesTests(ITestOutputHelper output)
{
    private const ulong DefaultSeed = 20261123;
    private const int DefaultIterations = 3000;
    // Far above the ~1 ms an input takes, so that only pathological inputs (not a busy CI machine) trip it.
    private static readonly TimeSpan SlowInput = TimeSpan.FromSeconds(10);

    private static int Iterations =>
        int.TryParse(Environment.GetEnvironmentVariable("DHR_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultIterations;

    private static ulong Seed =>
        ulong.TryParse(Environment.GetEnvironmentVariable("DHR_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;

    private static readonly Lazy<InputSet> Minimal = new(() => InputReader.Read(FixtureSupport.Valid("minimal")));

    private static readonly string[] Punctuation =
    [
        ":", ": ", "-", "- ", "[", "]", "{", "}", "&", "&a ", "*", "*a", "!", "!!str ", "|", "|-", ">", ">-", "'", "\"", "#", "%",
        ",", "?", "? ", "@", "`", "\t", "\n", "\r\n", "\r", "---\n", "...\n", "\\", "\"\\u", "\"\\uD800\"", "\"\\x00\"", "\"\\U0010FFFF\"",
        "~", "null", "  ", "\u00e9", "\u2028", "\uFEFF", "\U0001F600", "0x", "1e9999", "2023-13", "9999999999999999999",
    ];

    private static readonly byte[][] PunctuationBytes = Punctuation.Select(Encoding.UTF8.GetBytes).ToArray();

    private static readonly byte[][] RawBytes =
    [
        [0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0x00], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x0D, 0x0A], [0x0D],
    ];

    // Words that reach the interesting paths of the binding: real keys and values of the content format.
    private static readonly string[] Words =
    [
        "id", "title", "csp", "published", "year_of_death", "review_type", "relationship", "source", "url", "library",
        "abbreviations", "recommendations_status", "recommendations", "label", "to", "themes", "text", "status", "state",
        "as_of", "target", "anchor", "qa_letter", "date", "points", "areas", "agencies", "csps", "name", "description",
        "aliases", "successor", "sector", "nation", "region", "exampleton", "example-police", "Example Police", "training",
        "2022-12", "2019", "2021-02-18", "died", "12 March 2019", "12/03/2019", "not-extracted", "dhr", "familial", "https://x.org/a",
        "javascript:x", "1", "a",
    ];

    /// <summary>A random byte string, sometimes after a front matter opening so the YAML parser sees it.</summary>
    private static readonly Gen<byte[]> RandomBytes =
        Gen.Select(Gen.Bool, Gen.Byte.Array[0, 400], (fence, bytes) => fence ? [.. "---\n"u8, .. bytes, .. "\n---\n"u8] : bytes);

    /// <summary>Random sequences of YAML punctuation, content-format words and spaces: far likelier to reach deep parser states.</summary>
    private static readonly Gen<byte[]> TokenSoup =
        Gen.Select(
            Gen.Bool,
            Gen.OneOf(
                Gen.Int[0, Punctuation.Length - 1].Select(i => Punctuation[i]),
                Gen.Int[0, Words.Length - 1].Select(i => Words[i]),
                Gen.Const(" "), Gen.Const("\n"), Gen.Const("  ")).Array[0, 120],
            (fence, tokens) => Encoding.UTF8.GetBytes((fence ? "---\n" : "") + string.Concat(tokens) + (fence ? "\n---\nSummary.\n" : "")));

    private abstract record Mutation
    {
        public abstract byte[] Apply(byte[] input);
    }

    private sealed record Flip(double At, byte Value) : Mutation
    {
        public override byte[] Apply(byte[] input)
        {
            if (input.Length == 0) return input;
            var copy = (byte[])input.Clone();
            copy[Index(At, input.Length - 1)] = Value;
            return copy;
        }
    }

    private sealed record Truncate(double At) : Mutation
    {
        public override byte[] Apply(byte[] input) => input[..Index(At, input.Length)];
    }

    private sealed record Delete(double At, int Count) : Mutation
    {
        public override byte[] Apply(byte[] input)
        {
            var from = Index(At, input.Length);
            return [.. input[..from], .. input[Math.Min(input.Length, from + Count)..]];
        }
    }

    private sealed record Insert(double At, byte[] Bytes, string Name) : Mutation
    {
        public override byte[] Apply(byte[] input)
        {
            var at = Index(At, input.Length);
            return [.. input[..at], .. Bytes, .. input[at..]];
        }

        public override string ToString() => $"Insert({At}, {Name})";
    }

    private sealed record DuplicateLine(double At) : Mutation
    {
        public override byte[] Apply(byte[] input)
        {
            var lines = Split(input);
            if (lines.Count == 0) return input;
            var i = Index(At, lines.Count - 1);
            lines.Insert(i, lines[i]);
            return [.. lines.SelectMany(l => l)];
        }
    }

    private sealed record SwapLines(double A, double B) : Mutation
    {
        public override byte[] Apply(byte[] input)
        {
            var lines = Split(input);
            if (lines.Count < 2) return input;
            var (i, j) = (Index(A, lines.Count - 1), Index(B, lines.Count - 1));
            (lines[i], lines[j]) = (lines[j], lines[i]);
            return [.. lines.SelectMany(l => l)];
        }
    }

    private sealed record AllCrlf : Mutation
    {
        public override byte[] Apply(byte[] input) => [.. input.SelectMany(b => b == (byte)'\n' ? "\r\n"u8.ToArray() : [b])];
    }

    private static int Index(double at, int length) => Math.Clamp((int)(at * (length + 1)), 0, length);

    private static List<byte[]> Split(byte[] input)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != (byte)'\n') continue;
            lines.Add(input[start..(i + 1)]);
            start = i + 1;
        }
        if (start < input.Length) lines.Add(input[start..]);
        return lines;
    }

    private static readonly Gen<Mutation> AnyMutation = Gen.Frequency(
        (3, Gen.Select(Gen.Double.Unit, Gen.Byte, (a, b) => (Mutation)new Flip(a, b))),
        (1, Gen.Double.Unit.Select(a => (Mutation)new Truncate(a))),
        (1, Gen.Select(Gen.Double.Unit, Gen.Int[1, 40], (a, n) => (Mutation)new Delete(a, n))),
        (5, Gen.Select(Gen.Double.Unit, Gen.Int[0, Punctuation.Length - 1], (a, i) => (Mutation)new Insert(a, PunctuationBytes[i], Punctuation[i]))),
        (1, Gen.Select(Gen.Double.Unit, Gen.Int[0, RawBytes.Length - 1], (a, i) => (Mutation)new Insert(a, RawBytes[i], Convert.ToHexString(RawBytes[i])))),
        (2, Gen.Double.Unit.Select(a => (Mutation)new DuplicateLine(a))),
        (1, Gen.Select(Gen.Double.Unit, Gen.Double.Unit, (a, b) => (Mutation)new SwapLines(a, b))),
        (1, Gen.Const<Mutation>(new AllCrlf())));

    [Fact]
    public void Random_bytes_as_a_review_never_throw() =>
        Run("random review", RandomBytes, (input, bytes) => FixtureSupport.WithFile(input, "reviews/exampleton-2022.md", bytes));

    [Fact]
    public void Random_bytes_as_a_registry_never_throw() =>
        Run("random registry", Gen.Select(Gen.Int[0, 3], RandomBytes), (input, t) => FixtureSupport.WithFile(input, RegistryName(t.Item1), t.Item2));

    [Fact]
    public void Yaml_token_soup_never_throws() =>
        Run("token soup", Gen.Select(Gen.Int[0, 4], TokenSoup),
            (input, t) => FixtureSupport.WithFile(input, t.Item1 == 4 ? "reviews/exampleton-2022.md" : RegistryName(t.Item1), t.Item2));

    [Fact]
    public void Mutations_of_the_valid_fixture_never_throw()
    {
        var files = FixtureSupport.Files(Minimal.Value).ToArray();
        Run("mutation", Gen.Select(Gen.Int[0, files.Length - 1], AnyMutation.Array[1, 4]), (input, t) =>
        {
            var file = files[t.Item1];
            var bytes = t.Item2.Aggregate(file.Bytes, (b, m) => m.Apply(b));
            return FixtureSupport.WithFile(input, file.Path, bytes);
        }, t => $"{files[t.Item1].Path}: {string.Join(", ", t.Item2.Select(m => m.ToString()))}");
    }

    // The minimal review with each value replaced by a random one: valid YAML, so the binding and the checks run.
    private const string ReviewTemplate = """
        ---
        id: {0}
        title: {1}
        csp: {2}
        published: {3}
        year_of_death: {4}
        review_type: dhr
        relationship: {5}
        source:
          url: {6}
          library: Library
        abbreviations:
          {7}: {8}
        recommendations_status: {9}
        recommendations:
          - label: {10}
            to: [{11}, {8}]
            themes: [{12}]
            text: {13}
            anchor: {14}
          - label: {10}
            to: [{7}]
            themes: [training]
            text: {15}
            status:
              state: {16}
              as_of: {3}
        qa_letter:
          date: {17}
          points: [{13}]
          text: {15}
        ---
        {15}
        """;

    private static readonly CompositeFormat ReviewFormat = CompositeFormat.Parse(ReviewTemplate);

    private static readonly string[] Values =
    [
        "exampleton-2022", "exampleton", "Example Police", "EP", "training", "use-of-maracs", "2022-12", "2019", "2011-04", "2026-11",
        "2026-12", "2021-02-18", "2026-11-24", "intimate-partner", "not-extracted", "extracted", "partly-met", "https://example.org/r.pdf",
        "javascript:alert(1)", "She died on 12 March 2019.", "The death. On 12/03/2019 the panel met.", "1", "1 a", "r1-ep", "", "~", "null",
        "0", "-1", "99999999999", "1e9", "[]", "{}", "the EP", "Example  police.", "A & B",
    ];

    // A valid value for each placeholder of the template: most fields keep theirs, so that some inputs are valid throughout.
    private static readonly string[] ValidValues =
    [
        "exampleton-2022", "Exampleton review", "exampleton", "2022-12", "2019", "intimate-partner", "https://example.org/r.pdf",
        "EP", "Example Police", "extracted", "\"1\"", "Example Borough Council", "use-of-maracs", "Some text.", "first",
        "Other text, about 12 March 2021.", "partly-met", "2021-02-18",
    ];

    /// <summary>A JSON string literal is a valid YAML double-quoted scalar: any text can be written into the template.</summary>
    private static Gen<string> ValueFor(int field) => Gen.Frequency(
        (36, Gen.Const(ValidValues[field])),
        (3, Gen.Int[0, Values.Length - 1].Select(i => System.Text.Json.JsonSerializer.Serialize(Values[i]))),
        (2, Gen.String.Select(v => System.Text.Json.JsonSerializer.Serialize(v))),
        (1, Gen.Char.AlphaNumeric.Array[0, 12].Select(c => new string(c))));

    private static readonly Gen<string[]> FieldValues =
        Enumerable.Range(0, ValidValues.Length).Aggregate(Gen.Const(Array.Empty<string>()), (acc, i) => acc.SelectMany(a => ValueFor(i).Select(v => (string[])[.. a, v])));

    [Fact]
    public void Random_field_values_never_throw() =>
        Run("field values", FieldValues,
            (input, values) => FixtureSupport.WithFile(input, "reviews/exampleton-2022.md",
                Encoding.UTF8.GetBytes(string.Format(CultureInfo.InvariantCulture, ReviewFormat, values.Cast<object?>().ToArray()))),
            values => string.Join(" | ", values));

    private static string RegistryName(int i) => i switch
    {
        0 => InputReader.SiteFile,
        1 => InputReader.ThemesFile,
        2 => InputReader.AgenciesFile,
        _ => InputReader.CspsFile,
    };

    /// <summary>
    /// Runs <see cref="Iterations"/> inputs made by <paramref name="gen"/>, input i from PCG(i, seed), on every core;
    /// reports every failing input with what is needed to turn it into a regression test.
    /// </summary>
    private void Run<T>(string kind, Gen<T> gen, Func<InputSet, T, InputSet> make, Func<T, string>? describe = null)
    {
        var seed = Seed;
        ContentChecker.Check(Minimal.Value, FixtureSupport.Options); // warm up, so that JIT time is not taken for a slow input
        var failures = new ConcurrentBag<(int Iteration, string Report)>();
        var slow = new ConcurrentBag<(int Iteration, InputSet Input, T Value)>();
        var errors = 0;
        Parallel.For(0, Iterations, i =>
        {
            var value = gen.Generate(new PCG((uint)i, seed), null, out _);
            InputSet input;
            try
            {
                input = make(Minimal.Value, value);
            }
            catch (Exception e)
            {
                failures.Add((i, $"the test's own generator failed: {e}"));
                return;
            }
            var clock = Stopwatch.StartNew();
            try
            {
                var result = ContentChecker.Check(input, FixtureSupport.Options);
                clock.Stop();
                if (result.HasErrors) Interlocked.Increment(ref errors);
                var problem = Invariants(input, result);
                if (problem is null && clock.Elapsed > SlowInput) slow.Add((i, input, value));
                if (problem is not null) failures.Add((i, problem + "\n" + Describe(input, value, describe)));
            }
            catch (Exception e)
            {
                failures.Add((i, $"{e.GetType().Name}: {e.Message}\n{e.StackTrace}\n{Describe(input, value, describe)}"));
            }
        });
        output.WriteLine($"{kind}: {Iterations} inputs from seed {seed}, {errors} with errors, {Iterations - errors} valid.");
        // A busy machine can stall any one input: an input is slow only if it is slow again on its own.
        foreach (var (i, input, value) in slow)
        {
            var clock = Stopwatch.StartNew();
            ContentChecker.Check(input, FixtureSupport.Options);
            if (clock.Elapsed > SlowInput) failures.Add((i, $"took {clock.Elapsed.TotalSeconds:F1} s\n{Describe(input, value, describe)}"));
        }
        if (failures.IsEmpty) return;
        var first = failures.OrderBy(f => f.Iteration).Take(5)
            .Select(f => $"--- {kind}, seed {seed}, iteration {f.Iteration}: {f.Report}");
        Assert.Fail($"{failures.Count} of {Iterations} {kind} inputs failed ({errors} reported errors as they should).\n" + string.Join("\n", first));
    }

    private static string? Invariants(InputSet input, CheckResult result)
    {
        if (result.HasErrors && result.Model is not null) return "errors were reported but a model was returned";
        if (!result.HasErrors && result.Model is null) return "no error was reported but no model was returned";
        var paths = FixtureSupport.Files(input).Select(f => f.Path)
            .Concat([InputReader.SiteFile, InputReader.ThemesFile, InputReader.AgenciesFile, InputReader.CspsFile]).ToHashSet(StringComparer.Ordinal);
        foreach (var d in result.Diagnostics)
        {
            if (!paths.Contains(d.Span.Path)) return $"diagnostic for an unknown file: {d}";
            if (d.Span.Line < 0 || d.Span.Column < 0 || (d.Span.Line > 0) != (d.Span.Column > 0)) return $"diagnostic with a bad position: {d}";
            var file = FixtureSupport.Files(input).FirstOrDefault(f => f.Path == d.Span.Path);
            if (file is not null && d.Span.Line > 0 && d.Span.Line > LineCount(file.Bytes) + 1) return $"diagnostic beyond the end of the file: {d}";
        }
        return null;
    }

    private static int LineCount(byte[] bytes)
    {
        var n = 1;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n' || (bytes[i] == (byte)'\r' && (i + 1 >= bytes.Length || bytes[i + 1] != (byte)'\n'))) n++;
        }
        return n;
    }

    private static string Describe<T>(InputSet input, T value, Func<T, string>? describe)
    {
        var changed = FixtureSupport.Files(input)
            .Where(f => FixtureSupport.Files(Minimal.Value).All(m => m.Path != f.Path || !m.Bytes.AsSpan().SequenceEqual(f.Bytes)))
            .Select(f => $"{f.Path} = Convert.FromBase64String(\"{Convert.ToBase64String(f.Bytes)}\")");
        return (describe is null ? "" : describe(value) + "\n") + string.Join("\n", changed);
    }
}
