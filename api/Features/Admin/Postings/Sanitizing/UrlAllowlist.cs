using System.Globalization;
using System.Text.RegularExpressions;
using Markdig.Helpers;

namespace Careers.Api.Features.Admin.Postings.Sanitizing;

/// <summary>
/// The one rule for every URL a posting's text carries, in Markdown or in HTML: it is relative, or its
/// scheme is http, https or mailto. Nothing else is kept, whatever the scheme's name.
/// </summary>
static partial class UrlAllowlist
{
    static readonly string[] Schemes = ["http", "https", "mailto"];

    // A renderer decodes once and the browser once more, so "&amp;#106;" can end up a "j". Decoding until
    // nothing changes reads the URL as the most credulous chain of readers would; a URL still changing after
    // this many layers is refused rather than trusted.
    const int Layers = 6;

    public static bool Allows(string url)
    {
        var decoded = url;
        for (var layer = 0; ; layer++)
        {
            var next = Uri.UnescapeDataString(DecodeEntities(Unescape(decoded)));
            if (next == decoded) break;
            if (layer == Layers) return false;
            decoded = next;
        }
        // Browsers drop tabs and newlines anywhere in a URL, and controls and spaces around it. Dropping every
        // whitespace, control and invisible format character anywhere can only make more URLs look absolute.
        var visible = string.Concat(decoded.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)
            && char.GetUnicodeCategory(c) != UnicodeCategory.Format));
        var end = visible.AsSpan().IndexOfAny(":/?#");
        if (end < 0 || visible[end] != ':') return true;
        var scheme = visible[..end];
        return Schemes.Any(s => s.Equals(scheme, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>CommonMark's backslash escapes: a backslash before ASCII punctuation stands for it.</summary>
    static string Unescape(string url) => BackslashEscape().Replace(url, m => m.Groups[1].Value);

    /// <summary>
    /// HTML5 character references as a browser reads them in an attribute, and more: named ones from the full
    /// HTML5 table (&amp;colon; &amp;Tab; &amp;NewLine;), numeric ones with any number of zeros, and both with or
    /// without the semicolon (a name without one decodes its longest known prefix).
    /// </summary>
    static string DecodeEntities(string url) => CharacterReference().Replace(url, m =>
    {
        if (m.Groups["hex"].Success) return CodePoint(m.Groups["hex"].Value, 16);
        if (m.Groups["dec"].Success) return CodePoint(m.Groups["dec"].Value, 10);
        var name = m.Groups["name"].Value;
        var semicolon = m.Value.EndsWith(';') ? ";" : "";
        if (semicolon.Length > 0 && EntityHelper.DecodeEntity(name) is { } whole) return whole;
        for (var length = name.Length; length > 1; length--)
            if (EntityHelper.DecodeEntity(name.AsSpan(0, length)) is { } prefix)
                return prefix + name[length..] + semicolon;
        return m.Value;
    });

    static string CodePoint(string digits, int radix)
    {
        digits = digits.TrimStart('0');
        var value = digits.Length is 0 or > 8 ? 0 : Convert.ToInt64(digits, radix);
        return value is 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF) ? "\uFFFD" : char.ConvertFromUtf32((int)value);
    }

    [GeneratedRegex(@"\\([!-/:-@\[-`{-~])")]
    private static partial Regex BackslashEscape();

    [GeneratedRegex("&(?:#[xX](?<hex>[0-9a-fA-F]+)|#(?<dec>[0-9]+)|(?<name>[A-Za-z][A-Za-z0-9]*));?")]
    private static partial Regex CharacterReference();
}
