using System.Globalization;
using DhrPortal.Bench;

// dotnet run -c Release --project bench/DhrPortal.Bench -- [--reviews 2000,20000] [--build 2000] [--profile N] [--rebuild DIR] [--pages 2000,20000] [--seed 1] [--work DIR] [--env NAME=VALUE]...
// Each measurement runs in a fresh child process (this executable with --child), so peak memory
// and JIT costs are those of one size only, as for one `dhr check` or `dhr build`.
try
{
    if (args.Length > 0 && args[0] == "--child") return Child.Run(args[1..]);
    return Runner.Run(Options.Parse(args));
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    Console.Error.WriteLine("usage: DhrPortal.Bench [--reviews 2000,20000] [--build 2000] [--profile 20000] [--rebuild input] [--pages 2000,20000] [--seed 1] [--work DIR] [--env NAME=VALUE]...");
    return 2;
}
