namespace DhrPortal.Cli;

internal static class ImportCommand
{
    public static int Run(string input, string[] files, bool force)
    {
        Console.Error.WriteLine("import: not implemented yet");
        return ExitCodes.Internal;
    }
}
