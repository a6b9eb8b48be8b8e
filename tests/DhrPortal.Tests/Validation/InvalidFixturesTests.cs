using System.Text;
using DhrPortal.Diagnostics;
using DhrPortal.Loading;
using DhrPortal.Tests.TestSupport;
using DhrPortal.Validation;
using Xunit;

namespace DhrPortal.Tests.Validation;

/// <summary>
/// The specification of every invalid (and a few tricky valid) inputs: each folder under
/// <c>Fixtures/invalid/</c> is a complete input folder with an <c>expected.txt</c> listing the
/// diagnostics it must produce, one per line, as <c>path:line:col: error DHRnnn</c> (line 0, column 0
/// means the whole file). Blank lines and lines starting with '#' are comments.
/// </summary>
public sealed class InvalidFixturesTests
{
    /// <summary>
    /// Cases whose input cannot sensibly be committed (too large, or generated to an exact shape):
    /// the folder holds the rest of the input and expected.txt; the bytes are made here.
    /// </summary>
    internal static readonly Dictionary<string, Func<InputSet, InputSet>> Generated = new(StringComparer.Ordinal)
    {
        ["file-too-large"] = input =>
        {
            // One byte over the limit; the file is otherwise a valid review padded with summary text.
            var head = Encoding.UTF8.GetBytes(File.ReadAllText(FixtureSupport.Invalid("file-too-large/reviews/exampleton-2022.md")));
            var bytes = new byte[TextDecoder.MaxBytes + 1];
            Array.Fill(bytes, (byte)'a');
            head.CopyTo(bytes, 0);
            return FixtureSupport.WithFile(input, "reviews/exampleton-2022.md", bytes);
        },
        ["yaml-nested-too-deep"] = input =>
        {
            // 10,000 nested flow sequences in the value of 'title': must be refused, not overflow the stack.
            const int depth = 10_000;
            var yaml = "---\nid: exampleton-2022\ntitle: " + new string('[', depth) + new string(']', depth) + "\n---\nSummary.\n";
            return FixtureSupport.WithFile(input, "reviews/exampleton-2022.md", Encoding.UTF8.GetBytes(yaml));
        },
        ["too-many-links"] = input =>
        {
            // One link opening over the limit: '[a](' repeated, never closed, which made Markdig quadratic.
            var review = File.ReadAllText(FixtureSupport.Invalid("too-many-links/reviews/exampleton-2022.md"));
            var body = string.Concat(Enumerable.Repeat("[a](", ContentLimits.MaxLinksPerText + 1));
            var text = review.Replace("Adult A died in 2019. The review met on 4 May 2021 to agree its terms of reference.", body, StringComparison.Ordinal);
            return FixtureSupport.WithFile(input, "reviews/exampleton-2022.md", Encoding.UTF8.GetBytes(text));
        },
        ["yaml-nested-too-deep-registry"] = input =>
        {
            const int depth = 10_000;
            var yaml = "areas:\n" + string.Concat(Enumerable.Repeat("- ", depth)) + "x\n";
            return FixtureSupport.WithFile(input, InputReader.ThemesFile, Encoding.UTF8.GetBytes(yaml));
        },
    };

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(Path.Combine(FixtureSupport.Root, "invalid")).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fixture_produces_exactly_the_expected_diagnostics(string name)
    {
        var folder = FixtureSupport.Invalid(name);
        var input = InputReader.Read(folder);
        if (Generated.TryGetValue(name, out var generate)) input = generate(input);
        var result = FixtureSupport.Check(input);

        var actual = result.Diagnostics.Select(d => (Key: Parse(FixtureSupport.Format(d)), Diagnostic: d)).ToList();
        actual.Sort((a, b) => a.Key.CompareTo(b.Key));
        var expectedPath = Path.Combine(folder, "expected.txt");
        if (!File.Exists(expectedPath))
            Assert.Fail($"{name}: expected.txt is missing. The checker reported:\n{Report(actual.Select(a => a.Diagnostic))}"
                + $"\nIf that is right, save these lines as {Path.Combine("Fixtures", "invalid", name, "expected.txt")}:\n"
                + string.Join("\n", actual.Select(a => a.Key.ToString())));

        var expected = File.ReadAllLines(expectedPath)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(Parse)
            .Order()
            .ToList();
        var actualKeys = actual.Select(a => a.Key).ToList();
        if (!expected.SequenceEqual(actualKeys))
        {
            var missing = Except(expected, actualKeys);
            var extra = Except(actualKeys, expected);
            var sb = new StringBuilder($"{name}: diagnostics differ from expected.txt\n");
            foreach (var m in missing) sb.Append("  - expected, not reported: ").Append(m).Append('\n');
            foreach (var e in extra) sb.Append("  + reported, not expected: ").Append(e).Append('\n');
            sb.Append("Everything the checker reported:\n").Append(Report(actual.Select(a => a.Diagnostic)));
            Assert.Fail(sb.ToString());
        }

        // A model is produced exactly when there is no error, whatever the case.
        if (result.HasErrors) Assert.Null(result.Model);
        else Assert.NotNull(result.Model);
    }

    [Fact]
    public void Every_generated_case_has_its_folder()
    {
        foreach (var name in Generated.Keys)
            Assert.True(Directory.Exists(FixtureSupport.Invalid(name)), $"Generated case '{name}' has no folder under Fixtures/invalid.");
    }

    [Fact]
    public void Minimal_valid_fixture_has_no_diagnostics()
    {
        var result = FixtureSupport.CheckFolder(FixtureSupport.Valid("minimal"));
        Assert.True(result.Diagnostics.Count == 0, Report(result.Diagnostics));
        Assert.NotNull(result.Model);
        var review = Assert.Single(result.Model.Reviews);
        Assert.Equal("exampleton-2022", review.Id);
        Assert.All(review.Recommendations.SelectMany(r => r.To), a => Assert.NotNull(a.AgencyId));
    }

    private static string Report(IEnumerable<Diagnostic> diagnostics) =>
        string.Concat(diagnostics.Select(d => "    " + DiagnosticFormatter.Console(d).Replace("\n", "\n    ", StringComparison.Ordinal) + "\n"));

    private static List<Expected> Except(List<Expected> a, List<Expected> b)
    {
        var rest = b.ToList();
        var result = new List<Expected>();
        foreach (var x in a)
        {
            if (!rest.Remove(x)) result.Add(x);
        }
        return result;
    }

    /// <summary>Parses <c>path:line:col: severity CODE</c>.</summary>
    private static Expected Parse(string line)
    {
        var parts = line.Split(": ", 2, StringSplitOptions.None);
        var where = parts[0].Split(':');
        var what = parts.Length > 1 ? parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        if (where.Length != 3 || what.Length != 2 || !int.TryParse(where[1], out var l) || !int.TryParse(where[2], out var c))
            throw new FormatException($"'{line}' is not 'path:line:col: error DHRnnn'.");
        return new Expected(where[0], l, c, what[0], what[1]);
    }

    private readonly record struct Expected(string Path, int Line, int Column, string Severity, string Code) : IComparable<Expected>
    {
        public int CompareTo(Expected other)
        {
            var c = string.CompareOrdinal(Path, other.Path);
            if (c == 0) c = Line.CompareTo(other.Line);
            if (c == 0) c = Column.CompareTo(other.Column);
            if (c == 0) c = string.CompareOrdinal(Code, other.Code);
            if (c == 0) c = string.CompareOrdinal(Severity, other.Severity);
            return c;
        }

        public override string ToString() => $"{Path}:{Line}:{Column}: {Severity} {Code}";
    }
}
