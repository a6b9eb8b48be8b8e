using DhrPortal.SearchBench;

// dotnet run -c Release --project bench/DhrPortal.SearchBench -- [--quick] [--scales 2000,20000] ...
// Our sharded search index against Pagefind 1.6.0 on the same synthetic sites, in Debian's Chromium.
try
{
    if (args is ["--child-build", var dir]) return ChildBuild.Run(dir);
    if (args is ["--probe", var site, var path, var query]) return await Runner.ProbeAsync(site, path, query);
    return await Runner.RunAsync(Options.Parse(args));
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"search bench: {e.Message}");
    Console.Error.WriteLine(Options.Usage);
    return 2;
}
