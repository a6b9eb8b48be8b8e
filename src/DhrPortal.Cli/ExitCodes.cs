namespace DhrPortal.Cli;

internal static class ExitCodes
{
    public const int Ok = 0;
    public const int ContentErrors = 1;
    public const int Usage = 2;
    public const int Internal = 2;
}
