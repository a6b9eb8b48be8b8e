namespace DhrPortal.Cli;

internal static class GenerateCommand
{
    public static int Run(int reviews, string output, int seed)
    {
        Console.Error.WriteLine("generate: not implemented yet");
        return ExitCodes.Internal;
    }
}
