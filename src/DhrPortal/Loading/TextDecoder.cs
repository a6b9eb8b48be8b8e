using System.Text;
using DhrPortal.Diagnostics;

namespace DhrPortal.Loading;

/// <summary>Turns file bytes into text, or a diagnostic: never an exception, whatever the bytes.</summary>
internal static class TextDecoder
{
    /// <summary>Review and registry files larger than this are refused before parsing.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Byte-order marks, as bytes. (Not "\xEF\xBB\xBF"u8: in a C# string "\xEF" is the character U+00EF,
    // which a u8 literal encodes as two bytes, so such a literal never matches a BOM.)
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];
    private static ReadOnlySpan<byte> Utf16LeBom => [0xFF, 0xFE];
    private static ReadOnlySpan<byte> Utf16BeBom => [0xFE, 0xFF];

    public static string TooLargeMessage(long bytes) => $"File is {bytes:N0} bytes; the limit is {MaxBytes:N0}.";

    public static string? Decode(SourceFile file, DiagnosticBag bag)
    {
        var span = SourceSpan.WholeFile(file.Path);
        if (file.Refused is { } refused)
        {
            bag.Error(refused.Code, span, refused.Message);
            return null;
        }
        if (file.Bytes.Length > MaxBytes)
        {
            bag.Error(DiagnosticCodes.TooLarge, span, TooLargeMessage(file.Bytes.Length));
            return null;
        }
        ReadOnlySpan<byte> bytes = file.Bytes;
        if (bytes.StartsWith(Utf8Bom)) bytes = bytes[3..];
        else if (bytes.StartsWith(Utf16LeBom) || bytes.StartsWith(Utf16BeBom))
        {
            bag.Error(DiagnosticCodes.Unreadable, span, "File is UTF-16 encoded; content files must be UTF-8.");
            return null;
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var (line, col) = Position(bytes, e.Index);
            bag.Error(DiagnosticCodes.Unreadable, new SourceSpan(file.Path, line, col), "File is not valid UTF-8 text.");
            return null;
        }
        // One line-ending convention downstream keeps line numbers and slicing simple.
        if (text.Contains('\r', StringComparison.Ordinal)) text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            var (line, col) = LineColumn(text, nul);
            bag.Error(DiagnosticCodes.Unreadable, new SourceSpan(file.Path, line, col), "File contains NUL characters; it looks like a binary file.");
            return null;
        }
        return text;
    }

    /// <summary>
    /// Line and column of the first invalid byte, counted as editors (and YAML positions) count them:
    /// lines end at LF, CRLF or a lone CR; columns are in characters (UTF-16 code units), not bytes.
    /// </summary>
    private static (int Line, int Column) Position(ReadOnlySpan<byte> bytes, int index)
    {
        index = Math.Clamp(index, 0, bytes.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (bytes[i] == (byte)'\n' || (bytes[i] == (byte)'\r' && (i + 1 >= bytes.Length || bytes[i + 1] != (byte)'\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }
        // Everything before the first invalid byte is valid UTF-8, so it can be counted in characters.
        return (line, Encoding.UTF8.GetCharCount(bytes[lineStart..index]) + 1);
    }

    public static (int Line, int Column) LineColumn(string text, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index && i < text.Length; i++)
        {
            if (text[i] == '\n') { line++; lineStart = i + 1; }
        }
        return (line, index - lineStart + 1);
    }
}
