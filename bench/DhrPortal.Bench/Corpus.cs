using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using DhrPortal.Generation;
using DhrPortal.Loading;

namespace DhrPortal.Bench;

/// <summary>A synthetic corpus on disk, ready for the child processes to read.</summary>
internal sealed record CorpusInfo(int Reviews, string Directory, int Files, long Bytes, double GenerateSeconds, bool Reused);

internal static class Corpus
{
    /// <summary>
    /// Generates the corpus in memory (not part of any measurement) and makes sure
    /// <c>WORK/corpus-N-sS</c> holds exactly those files: a stamp with their SHA-256 lets a later run
    /// reuse the folder, and any change to the generator rewrites it.
    /// </summary>
    public static CorpusInfo Prepare(int reviews, int seed, string work)
    {
        var clock = Stopwatch.StartNew();
        var set = CorpusGenerator.Generate(reviews, seed);
        var generated = clock.Elapsed.TotalSeconds;
        var files = Files(set).ToList();
        var stamp = $"reviews={reviews} seed={seed} files={files.Count} sha256={Hash(files)}\n";

        var dir = Path.Combine(work, $"corpus-{reviews}-s{seed}");
        var stampPath = Path.Combine(dir, ".stamp");
        var reused = File.Exists(stampPath) && File.ReadAllText(stampPath) == stamp;
        if (!reused)
        {
            if (System.IO.Directory.Exists(dir)) System.IO.Directory.Delete(dir, recursive: true);
            CorpusGenerator.WriteTo(set, dir);
            File.WriteAllText(stampPath, stamp);
        }
        else
        {
            // Every child should find the files in the page cache, as just after writing them.
            Parallel.ForEach(files, f => File.ReadAllBytes(Path.Combine(dir, f.Path)));
        }
        return new CorpusInfo(reviews, dir, files.Count, files.Sum(f => (long)f.Bytes.Length), generated, reused);
    }

    private static IEnumerable<SourceFile> Files(InputSet set) =>
        new[] { set.Site, set.Themes, set.Agencies, set.Csps, set.Support }.OfType<SourceFile>().Concat(set.Reviews).Concat(set.Studies);

    private static string Hash(IEnumerable<SourceFile> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var f in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(f.Path + "\n" + f.Bytes.Length + "\n"));
            hash.AppendData(f.Bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
