using System.Globalization;
using System.Text;

namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>
/// Folds text for matching: no accents, one case, straight apostrophes, hyphens as spaces, single
/// spaces, no surrounding punctuation. So "Nice-to-have", "NICE TO HAVE" and "¿Qué ofrecemos?" match.
/// </summary>
static class TextKey
{
    static readonly char[] Edges = [' ', ':', '?', '!', '.', '¿', '¡'];

    /// <summary>The whole line as one upper-case key, for matching whole lines (page chrome).</summary>
    public static string Of(string text)
    {
        var key = new StringBuilder(text.Length);
        foreach (var c in Folded(text))
        {
            var folded = c switch
            {
                '’' or '‘' or 'ʼ' or '`' => '\'',
                '-' or '‐' or '‑' or '–' or '—' => ' ',
                _ when char.IsWhiteSpace(c) => ' ',
                _ => char.ToUpperInvariant(c),
            };
            if (folded != ' ' || (key.Length > 0 && key[^1] != ' '))
                key.Append(folded);
        }
        return key.ToString().Trim(Edges);
    }

    /// <summary>
    /// The lower-case folded words of a line, split at anything that is not a letter or a digit:
    /// "Qu’attendons-nous ?" → qu, attendons, nous; "Wynagrodzenie (brutto/mies.)" → wynagrodzenie, brutto, mies.
    /// </summary>
    public static string[] Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in Folded(text))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }
            if (word.Length > 0) words.Add(word.ToString());
            word.Clear();
        }
        if (word.Length > 0) words.Add(word.ToString());
        return [.. words];
    }

    /// <summary>The words joined by single spaces: the key of a name or a phrase.</summary>
    public static string Phrase(string text) => string.Join(' ', Words(text));

    // Accents come off by decomposition; the letters below have no decomposition, and a Polish or
    // German heading typed without them ("Wymagania", "Grosse") must still match one typed with them.
    static IEnumerable<char> Folded(string text)
    {
        // Normalize refuses a lone surrogate; the route refuses one too, but the parser never throws.
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0)
            text = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            switch (c)
            {
                case 'ł': yield return 'l'; break;
                case 'Ł': yield return 'L'; break;
                case 'ß': yield return 's'; yield return 's'; break;
                case 'ø': yield return 'o'; break;
                case 'Ø': yield return 'O'; break;
                case 'æ': yield return 'a'; yield return 'e'; break;
                case 'œ': yield return 'o'; yield return 'e'; break;
                case 'đ': yield return 'd'; break;
                case 'ı': yield return 'i'; break;
                default: yield return c; break;
            }
        }
    }
}
