using System.CommandLine;
using DhrPortal.Cli;

// Exit codes: 0 clean, 1 content errors, 2 usage error or internal fault.
var root = Commands.Root();
try
{
    var parse = root.Parse(args);
    if (parse.Errors.Count > 0)
    {
        foreach (var e in parse.Errors) Console.Error.WriteLine($"dhr: {e.Message}");
        Console.Error.WriteLine("Run 'dhr --help' for usage.");
        return ExitCodes.Usage;
    }
    return parse.Invoke();
}
catch (Exception e)
{
    Console.Error.WriteLine($"dhr: internal error: {e}");
    return ExitCodes.Internal;
}
