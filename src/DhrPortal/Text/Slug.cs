using System.Text;

namespace DhrPortal.Text;

/// <summary>The only place ids and anchors are normalised: lower-case ASCII, digits, single hyphens.</summary>
public static class Slug
{
    /// <summary>True when <paramref name="s"/> is already a valid slug.</summary>
    public static bool IsValid(string? s)
    {
        if (string.IsNullOrEmpty(s) || s.Length > 100 || s[0] == '-' || s[^1] == '-') return false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9')) continue;
            if (c == '-' && s[i - 1] != '-') continue;
            return false;
        }
        return true;
    }

    /// <summary>Makes a slug from any text: accents dropped, everything else collapsed to hyphens.</summary>
    public static string From(string text, int maxLength = 60)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingHyphen = false;
        foreach (var ch in decomposed)
        {
            var c = char.ToLowerInvariant(ch);
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                if (pendingHyphen && sb.Length > 0) sb.Append('-');
                pendingHyphen = false;
                sb.Append(c);
                if (sb.Length >= maxLength) break;
            }
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(ch) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                pendingHyphen = true;
            }
        }
        return sb.ToString().TrimEnd('-');
    }
}
