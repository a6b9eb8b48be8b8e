using System.Text;
using DhrPortal.Diagnostics;
using DhrPortal.Loading;
using Xunit;

namespace DhrPortal.Tests.Validation;

public sealed class TextDecoderTests
{
    private static (string? Text, IReadOnlyList<Diagnostic> Diagnostics) Decode(byte[] bytes)
    {
        var bag = new DiagnosticBag();
        var text = TextDecoder.Decode(new SourceFile("f.md", bytes), bag);
        return (text, bag.Items);
    }

    private static string Where(IReadOnlyList<Diagnostic> diagnostics) => $"{Assert.Single(diagnostics).Span.Line}:{diagnostics[0].Span.Column}";

    [Fact]
    public void Plain_utf8_is_unchanged()
    {
        var (text, diagnostics) = Decode(Encoding.UTF8.GetBytes("a: Ŵ 😀\nb\n"));
        Assert.Empty(diagnostics);
        Assert.Equal("a: Ŵ 😀\nb\n", text);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_removed()
    {
        var (text, diagnostics) = Decode([0xEF, 0xBB, 0xBF, (byte)'-', (byte)'-', (byte)'-', (byte)'\n']);
        Assert.Empty(diagnostics);
        Assert.Equal("---\n", text);
    }

    [Fact]
    public void Line_endings_become_lf()
    {
        Assert.Equal("a\nb\nc\n\nd", Decode(Encoding.UTF8.GetBytes("a\r\nb\rc\n\r\nd")).Text);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, (byte)'a', 0 })]
    [InlineData(new byte[] { 0xFE, 0xFF, 0, (byte)'a' })]
    public void Utf16_is_refused_with_its_own_message(byte[] bytes)
    {
        var (text, diagnostics) = Decode(bytes);
        Assert.Null(text);
        var d = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.Unreadable.Id, d.Code);
        Assert.Contains("UTF-16", d.Message, StringComparison.Ordinal);
        Assert.Equal(0, d.Span.Line);
    }

    [Theory]
    [InlineData("ab\u00FFc", 1, 3)]
    [InlineData("line1\nline2\n  \u00FF", 3, 3)]
    [InlineData("l1\r\nl2\r\n\u00FF", 3, 1)]
    [InlineData("l1\rl2\r\u00FF", 3, 1)]
    [InlineData("Ŵêlsh \u00FF", 1, 7)]
    [InlineData("😀\u00FF", 1, 3)] // columns count UTF-16 code units, as YAML positions and editors do
    public void An_invalid_byte_is_reported_where_it_is(string textWithMarker, int line, int column)
    {
        // U+00FF marks where the invalid byte 0xFF goes; everything else is UTF-8.
        var bytes = Encoding.UTF8.GetBytes(textWithMarker).ToList();
        var marker = Encoding.UTF8.GetBytes("\u00FF");
        var at = Encoding.UTF8.GetBytes(textWithMarker[..textWithMarker.IndexOf('\u00FF', StringComparison.Ordinal)]).Length;
        bytes.RemoveRange(at, marker.Length);
        bytes.Insert(at, 0xFF);
        var (text, diagnostics) = Decode([.. bytes]);
        Assert.Null(text);
        Assert.Equal($"{line}:{column}", Where(diagnostics));
    }

    [Fact]
    public void An_invalid_byte_far_into_a_large_file_is_reported_where_it_is()
    {
        var line = new string('x', 99) + "\n";
        var text = string.Concat(Enumerable.Repeat(line, 10_000)) + "abc";
        var bytes = Encoding.UTF8.GetBytes(text).Append((byte)0xC3).ToArray(); // a truncated two-byte sequence at the very end
        Assert.Equal("10001:4", Where(Decode(bytes).Diagnostics));
    }

    [Theory]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // an encoded surrogate
    [InlineData(new byte[] { 0xC0, 0xAF })] // an overlong encoding
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })] // above U+10FFFF
    public void Invalid_utf8_sequences_are_refused(byte[] bytes)
    {
        var d = Assert.Single(Decode([(byte)'a', .. bytes]).Diagnostics);
        Assert.Equal(DiagnosticCodes.Unreadable.Id, d.Code);
        Assert.Equal(1, d.Span.Line);
        Assert.Equal(2, d.Span.Column);
    }

    [Fact]
    public void Nul_characters_are_refused_where_they_are()
    {
        Assert.Equal("2:3", Where(Decode(Encoding.UTF8.GetBytes("ab\r\nxy\0z")).Diagnostics));
        Assert.Equal("3:1", Where(Decode(Encoding.UTF8.GetBytes("a\rb\r\0")).Diagnostics));
    }

    [Fact]
    public void The_size_limit_is_inclusive()
    {
        var atLimit = new byte[TextDecoder.MaxBytes];
        Array.Fill(atLimit, (byte)'a');
        Assert.Empty(Decode(atLimit).Diagnostics);
        var d = Assert.Single(Decode([.. atLimit, (byte)'a']).Diagnostics);
        Assert.Equal(DiagnosticCodes.TooLarge.Id, d.Code);
    }

    [Fact]
    public void An_empty_file_is_empty_text() => Assert.Equal("", Decode([]).Text);
}
