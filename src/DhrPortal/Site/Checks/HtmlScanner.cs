using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using AngleSharp.Html;

namespace DhrPortal.Site.Checks;

/// <summary>The attributes of one start tag that matter for link checking (first occurrence wins, as in HTML).</summary>
internal struct ScannedTag
{
    /// <summary>The tag name in lower case.</summary>
    public string Name;
    public string? Id;
    public string? NameAttribute;
    public string? Href;
    public string? Src;
    public string? Action;
    public string? Rel;
    public string? Poster;
    public string? Data;
    public string? Srcset;

    /// <summary>True when at least one attribute was read.</summary>
    public readonly bool HasAttributes =>
        Id is not null || NameAttribute is not null || Href is not null || Src is not null || Action is not null
        || Rel is not null || Poster is not null || Data is not null || Srcset is not null;
}

/// <summary>
/// A fast reader of the start tags of an HTML document, following the WHATWG tokenizer for
/// everything that decides what is a tag and what an attribute value is: comments (including
/// <c>&lt;!--&gt;</c>), doctypes and bogus comments, raw text and RCDATA elements (<c>script</c>,
/// <c>style</c>, <c>textarea</c>, <c>title</c>...), quoted and unquoted attribute values, duplicate
/// attributes (the first wins), tags cut off by the end of the file (dropped), and character
/// references in attribute values.
/// <para>
/// It exists because building a DOM for every page is the slow part of a link check: measured on
/// 6,000 generated pages of 9 kB on 2 cores, AngleSharp's HtmlParser alone takes about 90 ms per
/// 1,000 pages (180 ms of CPU), the whole check with this scanner about 30 ms. Tests compare what it
/// finds with what AngleSharp finds in tricky documents.
/// </para>
/// <para>
/// Known simplifications, none of which a generated page needs: <c>&lt;![CDATA[</c> is read as in
/// HTML content (a bogus comment) even inside <c>svg</c>; script data's "escaped" states
/// (<c>&lt;!--</c> inside a script) are not modelled; <c>noscript</c> is read as markup, as a browser
/// without scripting does; tags inside <c>template</c> count like any other.
/// </para>
/// </summary>
internal static class HtmlScanner
{
    private static readonly SearchValues<byte> TagNameEnd = SearchValues.Create(" \t\n\f\r/>"u8);
    private static readonly SearchValues<byte> AttributeNameEnd = SearchValues.Create(" \t\n\f\r/>="u8);
    private static readonly SearchValues<byte> UnquotedValueEnd = SearchValues.Create(" \t\n\f\r>"u8);

    /// <summary><see cref="Scan(ReadOnlySpan{byte}, Action{ScannedTag})"/> for a document held as text.</summary>
    public static void Scan(string html, Action<ScannedTag> onStartTag) =>
        Scan(Encoding.UTF8.GetBytes(html), onStartTag);

    /// <summary>
    /// Calls <paramref name="onStartTag"/> for every start tag of the UTF-8 document
    /// <paramref name="html"/> that has at least one of the attributes of <see cref="ScannedTag"/>,
    /// in document order.
    /// The bytes are read as they are: every character that matters to the tokenizer is ASCII, and
    /// UTF-8 never uses ASCII bytes inside a multi-byte character, so only attribute values are decoded.
    /// </summary>
    // Optimised from the first call: a build is one short process, and the scanner's loops are
    // its hottest code, so waiting for tiered compilation to promote them costs real time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Scan(ReadOnlySpan<byte> html, Action<ScannedTag> onStartTag)
    {
        var s = html;
        var i = 0;
        while (true)
        {
            var lt = s[i..].IndexOf((byte)'<');
            if (lt < 0) return;
            i += lt + 1;
            if (i >= s.Length) return;
            var c = s[i];
            if (c == '!')
            {
                if (s[i..].StartsWith("!--"u8))
                {
                    var start = i + 3;
                    // "<!-->" and "<!--->" are complete (empty) comments.
                    if (start < s.Length && s[start] == '>') { i = start + 1; continue; }
                    if (start + 1 < s.Length && s[start] == '-' && s[start + 1] == '>') { i = start + 2; continue; }
                    var end = CommentEnd(s, start);
                    if (end < 0) return;
                    i = end;
                    continue;
                }
                // A doctype, or a bogus comment (which is what <![CDATA[ is in HTML content).
                if (!SkipPast(s, (byte)'>', ref i)) return;
                continue;
            }
            if (c == '?')
            {
                if (!SkipPast(s, (byte)'>', ref i)) return;
                continue;
            }
            if (c == '/')
            {
                if (i + 1 >= s.Length) return;
                if (IsAsciiLetter(s[i + 1]))
                {
                    // End tags are read like start tags (a '>' in a quoted value does not end them) and ignored.
                    var tag = default(ScannedTag);
                    if (!ReadTag(s, ref i, i + 1, ref tag, out _, idsOnly: true)) return;
                    continue;
                }
                if (s[i + 1] == '>') { i += 2; continue; }
                if (!SkipPast(s, (byte)'>', ref i)) return;
                continue;
            }
            if (!IsAsciiLetter(c)) continue; // a '<' that is just text

            var scanned = default(ScannedTag);
            if (!ReadTag(s, ref i, i, ref scanned, out var rawName, idsOnly: false)) return; // cut off by the end of the file: not a tag
            if (scanned.HasAttributes)
            {
                scanned.Name = TagName(rawName);
                onStartTag(scanned);
            }

            var text = TextKind(rawName);
            if (text == Text.Plaintext) return;
            if (text != Text.Markup && !SkipToEndTag(s, ref i, rawName)) return;
        }
    }

    private static bool IsAsciiLetter(byte c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\f' or (byte)'\r';

    private enum Text { Markup, Raw, Plaintext }

    // Elements whose content the tokenizer reads as text up to the matching end tag
    // (noscript is read as markup: the checker reads the page as a browser without scripts would).
    private static Text TextKind(ReadOnlySpan<byte> name) =>
        name.Length < 3 || (name[0] | 0x20) is not ((byte)'s' or (byte)'t' or (byte)'x' or (byte)'i' or (byte)'n' or (byte)'p') ? Text.Markup :
        Ascii.EqualsIgnoreCase(name, "script"u8) || Ascii.EqualsIgnoreCase(name, "style"u8)
        || Ascii.EqualsIgnoreCase(name, "textarea"u8) || Ascii.EqualsIgnoreCase(name, "title"u8)
        || Ascii.EqualsIgnoreCase(name, "xmp"u8) || Ascii.EqualsIgnoreCase(name, "iframe"u8)
        || Ascii.EqualsIgnoreCase(name, "noembed"u8) || Ascii.EqualsIgnoreCase(name, "noframes"u8)
            ? Text.Raw
            : Ascii.EqualsIgnoreCase(name, "plaintext"u8) ? Text.Plaintext : Text.Markup;

    /// <summary>Index just after the end of a comment that starts at <paramref name="start"/>: "--&gt;" or "--!&gt;"; -1 at end of file.</summary>
    private static int CommentEnd(ReadOnlySpan<byte> s, int start)
    {
        var i = start;
        while (true)
        {
            var dash = s[i..].IndexOf("--"u8);
            if (dash < 0) return -1;
            i += dash + 2;
            while (i < s.Length && s[i] == '-') i++; // "--->" ends too
            if (i < s.Length && s[i] == '>') return i + 1;
            if (i + 1 < s.Length && s[i] == '!' && s[i + 1] == '>') return i + 2;
        }
    }

    private static bool SkipPast(ReadOnlySpan<byte> s, byte c, ref int i)
    {
        var at = s[i..].IndexOf(c);
        if (at < 0) return false;
        i += at + 1;
        return true;
    }

    /// <summary>Skips raw text up to "&lt;/name" followed by whitespace, '/' or '&gt;'.</summary>
    private static bool SkipToEndTag(ReadOnlySpan<byte> s, ref int i, ReadOnlySpan<byte> name)
    {
        while (true)
        {
            var at = s[i..].IndexOf("</"u8);
            if (at < 0) return false;
            var j = i + at + 2;
            if (j + name.Length <= s.Length && Ascii.EqualsIgnoreCase(s.Slice(j, name.Length), name)
                && (j + name.Length == s.Length || IsSpace(s[j + name.Length]) || s[j + name.Length] is (byte)'/' or (byte)'>'))
            {
                i = j - 2; // at the '<', so the end tag is read normally
                return true;
            }
            i = j;
        }
    }

    /// <summary>
    /// Reads a tag whose name starts at <paramref name="nameStart"/>; on success <paramref name="i"/>
    /// is just after its '&gt;'. False when the file ends inside the tag.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool ReadTag(ReadOnlySpan<byte> s, ref int i, int nameStart, ref ScannedTag tag, out ReadOnlySpan<byte> rawName, bool idsOnly)
    {
        var nameLength = s[nameStart..].IndexOfAny(TagNameEnd);
        if (nameLength < 0) { rawName = default; return false; }
        rawName = s.Slice(nameStart, nameLength);
        var p = nameStart + nameLength;
        while (true)
        {
            while (p < s.Length && (IsSpace(s[p]) || s[p] == '/')) p++;
            if (p >= s.Length) return false;
            if (s[p] == '>') { i = p + 1; return true; }

            // Attribute name; a leading '=' is part of the name.
            var nameFrom = p;
            p++;
            var rest = s[p..].IndexOfAny(AttributeNameEnd);
            if (rest < 0) return false;
            p += rest;
            var attrName = s[nameFrom..p];

            while (p < s.Length && IsSpace(s[p])) p++;
            if (p >= s.Length) return false;
            ReadOnlySpan<byte> value = default;
            if (s[p] == '=')
            {
                p++;
                while (p < s.Length && IsSpace(s[p])) p++;
                if (p >= s.Length) return false;
                var q = s[p];
                if (q is (byte)'"' or (byte)'\'')
                {
                    var close = s[(p + 1)..].IndexOf(q);
                    if (close < 0) return false;
                    value = s.Slice(p + 1, close);
                    p += close + 2;
                }
                else if (q != '>')
                {
                    var end = s[p..].IndexOfAny(UnquotedValueEnd);
                    if (end < 0) return false;
                    value = s.Slice(p, end);
                    p += end;
                }
            }
            if (!idsOnly || attrName.Length is 2 or 4) Store(ref tag, attrName, value, idsOnly);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Store(ref ScannedTag tag, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool idsOnly)
    {
        if (idsOnly)
        {
            if (Ascii.EqualsIgnoreCase(name, "id"u8)) tag.Id ??= Decode(value);
            else if (Ascii.EqualsIgnoreCase(name, "name"u8)) tag.NameAttribute ??= Decode(value);
            return;
        }
        switch (name.Length)
        {
            case 2 when Ascii.EqualsIgnoreCase(name, "id"u8):
                tag.Id ??= Decode(value);
                break;
            case 3 when Ascii.EqualsIgnoreCase(name, "src"u8):
                tag.Src ??= Decode(value);
                break;
            case 3 when Ascii.EqualsIgnoreCase(name, "rel"u8):
                tag.Rel ??= Decode(value);
                break;
            case 4 when Ascii.EqualsIgnoreCase(name, "href"u8):
                tag.Href ??= Decode(value);
                break;
            case 4 when Ascii.EqualsIgnoreCase(name, "name"u8):
                tag.NameAttribute ??= Decode(value);
                break;
            case 4 when Ascii.EqualsIgnoreCase(name, "data"u8):
                tag.Data ??= Decode(value);
                break;
            case 6 when Ascii.EqualsIgnoreCase(name, "action"u8):
                tag.Action ??= Decode(value);
                break;
            case 6 when Ascii.EqualsIgnoreCase(name, "poster"u8):
                tag.Poster ??= Decode(value);
                break;
            case 6 when Ascii.EqualsIgnoreCase(name, "srcset"u8):
                tag.Srcset ??= Decode(value);
                break;
        }
    }

    // The names the link checker looks at, shared so that reading them allocates nothing.
    private static readonly string[] KnownNames =
        ["a", "area", "audio", "embed", "form", "iframe", "img", "link", "object", "script", "source", "track", "video"];

    /// <summary>The tag name in lower case (ASCII letters only, as the tokenizer does).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string TagName(ReadOnlySpan<byte> name)
    {
        foreach (var known in KnownNames)
        {
            if (known.Length == name.Length && Ascii.EqualsIgnoreCase(name, known)) return known;
        }
        var text = Encoding.UTF8.GetString(name);
        return string.Create(text.Length, text, (dst, src) =>
        {
            for (var k = 0; k < src.Length; k++) dst[k] = char.IsAsciiLetterUpper(src[k]) ? (char)(src[k] | 0x20) : src[k];
        });
    }

    // What numeric references to C1 controls stand for (the Windows-1252 characters), per the
    // HTML standard; '\0' means the code point is kept.
    private const string C1Replacements =
        "\u20AC\0\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\0\u017D\0"
        + "\0\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\0\u017E\u0178";

    private static int HexValue(char c) => char.IsAsciiDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>An attribute value (UTF-8) with its character references decoded.</summary>
    internal static string Decode(ReadOnlySpan<byte> value) => Decode(Encoding.UTF8.GetString(value));

    /// <summary>An attribute value with its character references decoded, as the HTML tokenizer does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static string Decode(string text)
    {
        var value = text.AsSpan();
        var amp = value.IndexOf('&');
        if (amp < 0) return text;
        var sb = new StringBuilder(value.Length);
        var i = 0;
        while (amp >= 0)
        {
            sb.Append(value[i..(i + amp)]);
            i += amp;
            i = AppendReference(value, i, sb);
            var next = value[i..].IndexOf('&');
            amp = next;
        }
        sb.Append(value[i..]);
        return sb.ToString();
    }

    // Reads the reference at value[i] == '&'; appends what it stands for (or the '&' itself) and
    // returns where reading goes on.
    private static int AppendReference(ReadOnlySpan<char> value, int i, StringBuilder sb)
    {
        var p = i + 1;
        if (p < value.Length && value[p] == '#')
        {
            p++;
            var hex = p < value.Length && value[p] is 'x' or 'X';
            if (hex) p++;
            var digitsFrom = p;
            long code = 0;
            while (p < value.Length && (hex ? char.IsAsciiHexDigit(value[p]) : char.IsAsciiDigit(value[p])))
            {
                code = Math.Min(code * (hex ? 16 : 10) + HexValue(value[p]), 0x110000);
                p++;
            }
            if (p == digitsFrom)
            {
                sb.Append('&');
                return i + 1;
            }
            if (p < value.Length && value[p] == ';') p++;
            if (code is 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF)) sb.Append('\uFFFD');
            else if (code is >= 0x80 and <= 0x9F && C1Replacements[(int)code - 0x80] is var r && r != '\0') sb.Append(r);
            else sb.Append(char.ConvertFromUtf32((int)code));
            return p;
        }

        var nameFrom = p;
        while (p < value.Length && char.IsAsciiLetterOrDigit(value[p])) p++;
        var name = value[nameFrom..p].ToString();
        if (name.Length > 0 && p < value.Length && value[p] == ';'
            && HtmlEntityProvider.Resolver.GetSymbol(name + ";") is { Length: > 0 } symbol)
        {
            sb.Append(symbol);
            return p + 1;
        }
        // A legacy reference without ';' (&amp, &lt, &copy...) counts in an attribute only when it
        // is not followed by a letter, digit or '='. A shorter legacy prefix of the name is always
        // followed by a letter or digit, so only the whole name can match.
        if (name.Length > 0 && (p >= value.Length || value[p] != '=')
            && HtmlEntityProvider.Resolver.GetSymbol(name) is { Length: > 0 } legacy)
        {
            sb.Append(legacy);
            return p;
        }
        sb.Append('&');
        return i + 1;
    }
}
