using System.Globalization;

namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>
/// Reads an amount as postings write it in any of their languages: "70,000", "70.000", "70 000",
/// "70 000" (no-break or narrow no-break space), "70'000", "25,50", "1,234.56", "1.234,56".
/// </summary>
/// <remarks>
/// The language does not settle it: English postings in Germany write "70.000 €" and German ones
/// "€70,000". What does: spaces and apostrophes only ever group thousands; with both a dot and a
/// comma the last one is the decimal separator; a lone dot or comma followed by exactly three digits
/// groups thousands (no pay range states tenths of a cent), otherwise it is the decimal separator.
/// The digits are then read by <see cref="decimal.TryParse(string, NumberStyles, IFormatProvider, out decimal)"/>.
/// </remarks>
static class Amounts
{
    public static decimal? Read(string written)
    {
        var digits = new string([.. written.Where(c => c is not (' ' or '\u00A0' or '\u202F' or '\'' or '’'))]);
        var (dot, comma) = (digits.LastIndexOf('.'), digits.LastIndexOf(','));
        char? separator = (dot, comma) switch
        {
            ( >= 0, >= 0) => dot > comma ? '.' : ',',
            ( >= 0, _) => DecimalOrGroup(digits, '.'),
            (_, >= 0) => DecimalOrGroup(digits, ','),
            _ => null,
        };
        var invariant = separator is { } s
            ? digits.Replace(s == '.' ? "," : ".", "", StringComparison.Ordinal).Replace(s, '.')
            : digits.Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        return decimal.TryParse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            ? Normalized(amount)
            : null;
    }

    static char? DecimalOrGroup(string digits, char mark) =>
        digits.Count(c => c == mark) == 1 && digits.Length - digits.IndexOf(mark) - 1 != 3 ? mark : null;

    /// <summary>70.5 × 1000 is 70500.0 to decimal; JSON would show the ".0". Division by 1.000… drops trailing zeros.</summary>
    public static decimal Normalized(decimal amount) => amount / 1.0000000000000000000000000000m;
}
