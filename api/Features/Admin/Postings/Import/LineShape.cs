using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>What the decoration around a line says about it.</summary>
[Flags]
enum Marks
{
    None = 0,
    /// <summary>"- ", "* ", "• ": a list item.</summary>
    Bullet = 1,
    /// <summary>"1.", "2)", "II.": a numbered item or a numbered heading.</summary>
    Number = 2,
    /// <summary>A leading emoji or pictograph ("🚀 Your mission", "✅ Python").</summary>
    Symbol = 4,
    /// <summary>"## Requirements".</summary>
    Markdown = 8,
    /// <summary>"**Requirements**" or "__Requirements__", the whole line.</summary>
    Bold = 16,
    /// <summary>"Requirements:" (a space before the colon, as French writes it, included).</summary>
    Colon = 32,
    /// <summary>"WHAT WE OFFER": two or more words, every cased letter upper-case.</summary>
    Capitals = 64,
    /// <summary>Ends with a period, or holds one between sentences: prose, never a heading or a title.</summary>
    Sentence = 128,
}

/// <summary>
/// A line with its decoration taken off: markdown '#', bullets, numbering, emoji, surrounding
/// bold and a trailing colon, in any order and combination ("## 1. **Your mission:** 🚀").
/// <see cref="Text"/> is what is left, as written; <see cref="Marks"/> says what was there.
/// </summary>
sealed partial record LineShape(string Text, Marks Marks)
{
    public bool Has(Marks marks) => (Marks & marks) != 0;

    /// <summary>Marks that make a short line look like a heading even when its words are unknown.</summary>
    public bool LooksLikeHeading => Has(Marks.Colon | Marks.Markdown | Marks.Bold | Marks.Capitals);

    public int WordCount => Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    public static LineShape Of(string line)
    {
        var marks = Marks.None;
        var text = line.Trim();
        if (MarkdownHeading().Match(text) is { Success: true } heading)
        {
            marks |= Marks.Markdown;
            text = text[heading.Length..];
        }
        // Bold may wrap the numbering ("**1. Deine Aufgaben:**"): strip both ends until nothing changes.
        for (var before = ""; before != text;)
        {
            before = text;
            text = StripTrailing(StripLeading(text, ref marks), ref marks);
        }
        if (IsProse(text)) marks |= Marks.Sentence;
        if (IsCapitals(text)) marks |= Marks.Capitals;
        return new LineShape(text, marks);
    }

    // Bullets, numbers and symbols in front, repeatedly: "• 1. 🚀 Text".
    static string StripLeading(string text, ref Marks marks)
    {
        while (text.Length > 0)
        {
            if (Bullet().Match(text) is { Success: true } bullet)
            {
                marks |= Marks.Bullet;
                text = text[bullet.Length..];
            }
            else if (Numbering().Match(text) is { Success: true } number)
            {
                marks |= Marks.Number;
                text = text[number.Length..];
            }
            else if (LeadingSymbols(text) is > 0 and var symbols)
            {
                marks |= Marks.Symbol;
                text = text[symbols..].TrimStart();
            }
            else
            {
                break;
            }
        }
        return text;
    }

    // Colon, bold and trailing symbols, in whichever order the author nested them:
    // "**Requirements:**", "**Requirements**:", "Benefits 🎁", "Profil recherché :".
    static string StripTrailing(string text, ref Marks marks)
    {
        while (true)
        {
            var before = text;
            text = text.TrimEnd();
            if (text.EndsWith(':') || text.EndsWith('：'))
            {
                marks |= Marks.Colon;
                text = text[..^1];
            }
            else if (text.Length > 4 && (text.StartsWith("**", StringComparison.Ordinal) && text.EndsWith("**", StringComparison.Ordinal)
                                      || text.StartsWith("__", StringComparison.Ordinal) && text.EndsWith("__", StringComparison.Ordinal)))
            {
                marks |= Marks.Bold;
                text = text[2..^2].Trim();
            }
            else if (TrailingSymbols(text) is > 0 and var symbols)
            {
                text = text[..^symbols];
            }
            if (text == before) return text.Trim();
        }
    }

    /// <summary>The line without its list bullet or number, for a list item; anything else stays as written.</summary>
    public static string WithoutBullet(string line)
    {
        var text = line.Trim();
        if (Bullet().Match(text) is { Success: true } bullet) return text[bullet.Length..];
        if (Numbering().Match(text) is { Success: true } number) return text[number.Length..];
        return text;
    }

    /// <summary>The line without leading emoji or pictographs ("✅ Python" → "Python").</summary>
    public static string WithoutSymbols(string line)
    {
        var text = WithoutBullet(line);
        return text[LeadingSymbols(text)..].TrimStart();
    }

    static bool IsProse(string text) =>
        (text.EndsWith('.') && !text.EndsWith("...", StringComparison.Ordinal)) || text.EndsWith(';') || SentenceBreak().IsMatch(text);

    static bool IsCapitals(string text)
    {
        var (letters, upper) = (0, 0);
        foreach (var c in text)
        {
            if (!char.IsLetter(c)) continue;
            if (char.IsLower(c)) return false;
            letters++;
            if (char.IsUpper(c)) upper++;
        }
        return letters >= 4 && upper > 0
            && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetter)) >= 2;
    }

    /// <summary>How many chars of emoji and pictographs (with their joiners and selectors) the text starts with.</summary>
    static int LeadingSymbols(string text)
    {
        var length = 0;
        if (Keycap().Match(text) is { Success: true } keycap) length = keycap.Length;
        while (length < text.Length && Rune.DecodeFromUtf16(text.AsSpan(length), out var rune, out var used) == OperationStatus.Done)
        {
            if (!IsSymbol(rune)) break;
            length += used;
        }
        return length;
    }

    static int TrailingSymbols(string text)
    {
        var length = 0;
        while (length < text.Length && Rune.DecodeLastFromUtf16(text.AsSpan(0, text.Length - length), out var rune, out var used) == OperationStatus.Done)
        {
            if (!IsSymbol(rune) && !Rune.IsWhiteSpace(rune)) break;
            length += used;
        }
        return text.Length - length > 0 && length > 0 && text[..^length].Trim().Length > 0 ? length : 0;
    }

    // Emoji are OtherSymbol; ➤ → ✓ and skin tones are other symbol categories; ZWJ, variation
    // selectors and keycaps glue emoji together.
    static bool IsSymbol(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.OtherSymbol or UnicodeCategory.MathSymbol or UnicodeCategory.ModifierSymbol => rune.Value is not ('+' or '<' or '=' or '>' or '|' or '~' or '^' or '`'),
        UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark => true,
        UnicodeCategory.SpaceSeparator => false,
        _ => false,
    };

    [GeneratedRegex(@"^#{1,6}\s*")]
    private static partial Regex MarkdownHeading();

    // "- ", "* ", "+ ", "– ", "— ", and round bullets with or without a space.
    // "-5%" stays as written: a dash bullet needs the space after it.
    [GeneratedRegex(@"^(?:[-*+–—]\s+|[•‣◦▪·●○■□]\s*)")]
    private static partial Regex Bullet();

    // "1. ", "12) ", "3/ ", "IV. ". "9+ years" stays as written: a number needs . ) or / and a space.
    [GeneratedRegex(@"^(?:\d{1,2}|[IVX]{1,4})[.)/]\s+")]
    private static partial Regex Numbering();

    [GeneratedRegex(@"^[0-9#*]\uFE0F?\u20E3")]
    private static partial Regex Keycap();

    // Three letters before the stop: "ds. Marketingu", "Dr. Weber" are abbreviations, not two sentences.
    [GeneratedRegex(@"\p{L}{3}[.!?]\s+\p{Lu}")]
    private static partial Regex SentenceBreak();
}
