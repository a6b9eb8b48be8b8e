using System.Globalization;

namespace DhrPortal.Bench;

/// <summary>Command-line options; <paramref name="Env"/> are NAME=VALUE pairs set in every child's environment (e.g. runtime knobs).</summary>
internal sealed record Options(IReadOnlyList<int> Reviews, int? Build, int? Profile, int Seed, string Work, IReadOnlyList<string> Env, string? Rebuild = null, IReadOnlyList<int>? Pages = null)
{
    public static Options Parse(string[] args)
    {
        List<int>? reviews = null, pages = null;
        int? build = null, profile = null;
        string? rebuild = null;
        var seed = 1;
        string? work = null;
        var env = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            static int Int(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
                ? v : throw new ArgumentException($"'{s}' is not a positive whole number.");
            switch (args[i])
            {
                case "--reviews": reviews = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Int).ToList(); break;
                case "--build": build = Int(Value()); break;
                case "--pages": pages = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Int).ToList(); break;
                case "--profile": profile = Int(Value()); break;
                case "--seed": seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--work": work = Value(); break;
                case "--rebuild": rebuild = Value(); break;
                case "--env":
                    var pair = Value();
                    if (pair.IndexOf('=', StringComparison.Ordinal) <= 0) throw new ArgumentException($"--env needs NAME=VALUE, not '{pair}'.");
                    env.Add(pair);
                    break;
                default: throw new ArgumentException($"unknown option '{args[i]}'.");
            }
        }
        // Nothing asked for: the standard run, both sizes and the build.
        if (reviews is null && build is null && profile is null && rebuild is null && pages is null)
        {
            reviews = [2000, 20000];
            build = 2000;
        }
        return new Options(reviews ?? [], build, profile, seed, work ?? DefaultWork(), env, rebuild, pages);
    }

    /// <summary>.bench/ at the root of the checkout (ignored by git), or under the current folder.</summary>
    private static string DefaultWork()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DhrPortal.sln"))) return Path.Combine(dir.FullName, ".bench");
        }
        return Path.Combine(Directory.GetCurrentDirectory(), ".bench");
    }
}
