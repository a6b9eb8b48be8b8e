using System.Diagnostics;
using DhrPortal.Diagnostics;
using DhrPortal.Loading;
using DhrPortal.Tests.TestSupport;

namespace DhrPortal.Tests.Loading;

/// <summary>
/// Only regular files inside input/ are read: links and special files are refused with DHR008 at
/// their path and never opened, linked folders are not entered, and a file is read no further than
/// the size limit. Each test makes the real thing (a symbolic link, a named pipe) in a copy of the
/// minimal fixture.
/// </summary>
public sealed class InputReaderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dhr-reader-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string _input;
    private readonly string _outside;

    public InputReaderTests()
    {
        _input = Path.Combine(_root, "input");
        _outside = Path.Combine(_root, "outside");
        Copy(FixtureSupport.Valid("minimal"), _input);
        Directory.CreateDirectory(_outside);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Reviews => Path.Combine(_input, "reviews");

    private static List<string> Located(IEnumerable<Diagnostic> diagnostics) => diagnostics.Select(FixtureSupport.Format).ToList();

    private IReadOnlyList<Diagnostic> Check() => FixtureSupport.CheckFolder(_input).Diagnostics;

    /// <summary>Reads the input on another thread: a reader that opened a named pipe would wait forever.</summary>
    private InputSet ReadWithin(TimeSpan limit)
    {
        var read = Task.Run(() => InputReader.Read(_input));
        Assert.True(read.Wait(limit), "InputReader.Read did not return: it opened a named pipe or followed a link.");
        return read.Result;
    }

    [Fact]
    public void A_review_linked_to_a_file_outside_input_is_refused_and_not_read()
    {
        var secret = Path.Combine(_outside, "secret.md");
        File.WriteAllText(secret, File.ReadAllText(Path.Combine(Reviews, "exampleton-2022.md")).Replace("exampleton-2022", "leak", StringComparison.Ordinal));
        File.CreateSymbolicLink(Path.Combine(Reviews, "leak.md"), secret);

        var input = InputReader.Read(_input);
        var result = FixtureSupport.Check(input);

        var leak = Assert.Single(input.Reviews, r => r.Path == "reviews/leak.md");
        Assert.Empty(leak.Bytes);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(("reviews/leak.md", "DHR008", Severity.Error), (d.Span.Path, d.Code, d.Severity));
        Assert.Equal("This is a symbolic link; only regular files are read (links are never followed).", d.Message);
        Assert.Null(result.Model);
    }

    [Fact]
    public void A_review_linked_to_dev_zero_is_refused_at_once()
    {
        File.CreateSymbolicLink(Path.Combine(Reviews, "zero.md"), "/dev/zero");

        Assert.Equal(["reviews/zero.md:0:0: error DHR008"], Located(Check()));
    }

    [Fact]
    public void A_named_pipe_is_refused_without_being_opened()
    {
        MakeFifo(Path.Combine(Reviews, "pipe.md"));

        var input = ReadWithin(TimeSpan.FromSeconds(30));

        var d = Assert.Single(FixtureSupport.Check(input).Diagnostics);
        Assert.Equal("reviews/pipe.md:0:0: error DHR008", FixtureSupport.Format(d));
        Assert.Contains("a named pipe (FIFO)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_named_directly_is_refused()
    {
        var file = InputReader.ReadFile("/dev/zero", "zero.txt");

        Assert.Equal(DiagnosticCodes.NotRegularFile, file.Refused?.Code);
        Assert.Contains("a character device", file.Refused!.Message, StringComparison.Ordinal);
        Assert.Empty(file.Bytes);
    }

    [Fact]
    public void A_linked_folder_is_refused_and_not_walked()
    {
        // A link to the file system's root: entering it would walk the whole machine.
        File.CreateSymbolicLink(Path.Combine(Reviews, "everything"), "/");
        Directory.CreateDirectory(Path.Combine(Reviews, "2022"));
        File.Move(Path.Combine(Reviews, "exampleton-2022.md"), Path.Combine(Reviews, "2022", "exampleton-2022.md"));

        var input = ReadWithin(TimeSpan.FromSeconds(30));

        Assert.Equal(["reviews/2022/exampleton-2022.md", "reviews/everything"], input.Reviews.Select(r => r.Path));
        Assert.Equal(["reviews/everything:0:0: error DHR008"], Located(FixtureSupport.Check(input).Diagnostics));
    }

    [Fact]
    public void A_folder_among_the_studies_is_refused_not_walked()
    {
        // A study's file name is its address: studies/a/x.md and studies/b/x.md would claim one page.
        Directory.CreateDirectory(Path.Combine(_input, "studies", "old"));
        File.WriteAllText(Path.Combine(_input, "studies", "old", "x.md"), "---\ntitle: X\ndescription: Y\n---\n");

        var input = InputReader.Read(_input);

        Assert.Equal(["studies/old"], input.Studies.Select(s => s.Path));
        Assert.Equal(["studies/old:0:0: error DHR008"], Located(FixtureSupport.Check(input).Diagnostics));
    }

    [Fact]
    public void A_linked_reviews_folder_is_refused()
    {
        var elsewhere = Path.Combine(_outside, "reviews");
        Directory.Move(Reviews, elsewhere);
        File.CreateSymbolicLink(Reviews, elsewhere);

        var input = InputReader.Read(_input);

        var refused = Assert.Single(input.Reviews);
        Assert.Equal("reviews", refused.Path);
        Assert.Contains("reviews:0:0: error DHR008", Located(FixtureSupport.Check(input).Diagnostics));
    }

    [Fact]
    public void A_registry_linked_to_another_file_is_refused_without_echoing_it()
    {
        // Were the link followed, the target's keys and values would appear in "unknown field" errors.
        var target = Path.Combine(_outside, "private.yml");
        File.WriteAllText(target, "password: hunter2\napi_token: s3cret\n");
        File.Delete(Path.Combine(_input, "site.yml"));
        File.CreateSymbolicLink(Path.Combine(_input, "site.yml"), target);

        var diagnostics = Check();

        Assert.Equal(["site.yml:0:0: error DHR008"], Located(diagnostics));
        Assert.DoesNotContain(diagnostics, d => d.Message.Contains("password", StringComparison.Ordinal) || d.Message.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void Links_and_special_files_that_are_not_reviews_are_left_alone()
    {
        File.CreateSymbolicLink(Path.Combine(Reviews, "notes.txt"), "/etc/hostname");
        MakeFifo(Path.Combine(Reviews, "pipe"));

        var input = ReadWithin(TimeSpan.FromSeconds(30));

        Assert.Equal(["reviews/exampleton-2022.md"], input.Reviews.Select(r => r.Path));
        Assert.Empty(FixtureSupport.Check(input).Diagnostics);
    }

    [Fact]
    public void A_huge_file_is_refused_from_its_size_without_being_read()
    {
        // Sparse: 4 GiB on paper, nothing on disk. Read whole it could not even fit in an array.
        using (var sparse = File.Create(Path.Combine(Reviews, "huge.md"))) sparse.SetLength(4L << 30);
        var clock = Stopwatch.StartNew();

        var input = InputReader.Read(_input);

        var huge = Assert.Single(input.Reviews, r => r.Path == "reviews/huge.md");
        Assert.Empty(huge.Bytes);
        Assert.Equal(new Refusal(DiagnosticCodes.TooLarge, "File is 4,294,967,296 bytes; the limit is 2,097,152."), huge.Refused);
        Assert.Contains("reviews/huge.md:0:0: error DHR002", Located(FixtureSupport.Check(input).Diagnostics));
        Console.WriteLine($"4 GiB sparse file refused in {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public void A_file_one_byte_over_the_limit_is_refused_and_one_at_the_limit_is_read()
    {
        File.WriteAllBytes(Path.Combine(Reviews, "over.md"), new byte[TextDecoder.MaxBytes + 1]);
        File.WriteAllBytes(Path.Combine(Reviews, "at.md"), new byte[TextDecoder.MaxBytes]);

        var input = InputReader.Read(_input);

        Assert.Equal(DiagnosticCodes.TooLarge, input.Reviews.Single(r => r.Path == "reviews/over.md").Refused?.Code);
        var at = input.Reviews.Single(r => r.Path == "reviews/at.md");
        Assert.Null(at.Refused);
        Assert.Equal(TextDecoder.MaxBytes, at.Bytes.Length);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.EnumerateDirectories(from)) Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}
