namespace DhrPortal.Tests;

/// <summary>
/// Tests that run dhr's commands in-process and read what they print. The console and the environment
/// are the process's, so these tests run alone, after the others (never in parallel with them).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console and environment";
}

internal static class ConsoleCapture
{
    /// <summary>Runs <paramref name="action"/> with stdout and stderr captured and the given environment variables set.</summary>
    public static (T Result, string Out, string Err) Run<T>(Func<T> action, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var saved = (environment ?? new Dictionary<string, string?>()).ToDictionary(kv => kv.Key, kv => Environment.GetEnvironmentVariable(kv.Key));
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        try
        {
            foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) Environment.SetEnvironmentVariable(name, value);
            Console.SetOut(stdout);
            Console.SetError(stderr);
            var result = action();
            return (result, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
            foreach (var (name, value) in saved) Environment.SetEnvironmentVariable(name, value);
        }
    }
}
