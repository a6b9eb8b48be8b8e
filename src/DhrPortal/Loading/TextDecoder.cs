using System.Text;
using DhrPortal.Diagnostics;

namespace DhrPortal.Loading;

/// <summary>Turns file bytes into text, or a diagnostic: never an exception, whatever the bytes.</summary>
internal static class TextDecoder
{
    /// <summary>Review and registry files larger than this are refused before parsing.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Decode(SourceFile file, DiagnosticBag bag)
    {
        var span = SourceSpan.WholeFile(file.Path);
        if (file.Bytes.Length > MaxBytes)
        {
            bag.Error(DiagnosticCodes.TooLarge, span, $"File is {file.Bytes.Length:N0} bytes; the limit is {MaxBytes:N0}.");
            return null;
        }
        ReadOnlySpan<byte> bytes = file.Bytes;
        if (bytes.StartsWith("\xEF\xBB\xBF"u8)) bytes = bytes[3..];
        if (bytes.StartsWith("\xFF\xFE"u8) || bytes.StartsWith("\xFE\xFF"u8))
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
        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            var (line, col) = LineColumn(text, nul);
            bag.Error(DiagnosticCodes.Unreadable, new SourceSpan(file.Path, line, col), "File contains NUL characters; it looks like a binary file.");
            return null;
        }
        // One line-ending convention downstream keeps line numbers and slicing simple.
        return text.Contains('\r', StringComparison.Ordinal) ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;
    }

    private static (int Line, int Column) Position(ReadOnlySpan<byte> bytes, int index)
    {
        index = Math.Clamp(index, 0, bytes.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (bytes[i] == (byte)'\n') { line++; lineStart = i + 1; }
        }
        return (line, index - lineStart + 1);
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
