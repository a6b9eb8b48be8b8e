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

    /// <summary>Makes a slug from any text: accents folded to ASCII, everything else collapsed to hyphens.</summary>
    public static string From(string text, int maxLength = 60)
    {
        var sb = new StringBuilder(text.Length);
        var pendingHyphen = false;
        foreach (var ch in text)
        {
            var c = char.ToLowerInvariant(ch);
            var letters = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? null : Folding.GetValueOrDefault(ch);
            if (letters is null && !(c is (>= 'a' and <= 'z') or (>= '0' and <= '9')))
            {
                // Combining marks belong to the letter before them: drop them without a hyphen.
                if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(ch) != System.Globalization.UnicodeCategory.NonSpacingMark)
                    pendingHyphen = true;
                continue;
            }
            if (pendingHyphen && sb.Length > 0) sb.Append('-');
            pendingHyphen = false;
            if (letters is null) sb.Append(c); else sb.Append(letters);
            if (sb.Length >= maxLength) break;
        }
        if (sb.Length > maxLength) sb.Length = maxLength;
        return sb.ToString().TrimEnd('-');
    }

    // Folding of Latin letters with diacritics to ASCII. String.Normalize is not available with
    // InvariantGlobalization (which keeps output identical on every machine), so the table is explicit.
    private static readonly Dictionary<char, string> Folding = BuildFolding(
        "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİıĲĳĴĵĶķĹĺĻļĽľŁłŃńŅņŇňŌōŎŏŐőŒœŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſƠơƯưǄǅǆǇǈǉǊǋǌǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǱǲǳǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳ",
        "a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o|o|u|u|u|u|y|th|ss|a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o|o|u|u|u|u|y|th|y|a|a|a|a|a|a|c|c|c|c|c|c|c|c|d|d|d|d|e|e|e|e|e|e|e|e|e|e|g|g|g|g|g|g|g|g|h|h|i|i|i|i|i|i|i|i|i|i|ij|ij|j|j|k|k|l|l|l|l|l|l|l|l|n|n|n|n|n|n|o|o|o|o|o|o|oe|oe|r|r|r|r|r|r|s|s|s|s|s|s|s|s|t|t|t|t|u|u|u|u|u|u|u|u|u|u|u|u|w|w|y|y|y|z|z|z|z|z|z|s|o|o|u|u|dz|dz|dz|lj|lj|lj|nj|nj|nj|a|a|i|i|o|o|u|u|u|u|u|u|u|u|u|u|a|a|a|a|g|g|k|k|o|o|o|o|j|dz|dz|dz|g|g|n|n|a|a|a|a|a|a|e|e|e|e|i|i|i|i|o|o|o|o|r|r|r|r|u|u|u|u|s|s|t|t|h|h|a|a|e|e|o|o|o|o|o|o|o|o|y|y");

    private static Dictionary<char, string> BuildFolding(string from, string to)
    {
        var targets = to.Split('|');
        var map = new Dictionary<char, string>(from.Length);
        for (var i = 0; i < from.Length; i++) map[from[i]] = targets[i];
        return map;
    }
}
