using System.Collections.Frozen;
using Careers.Api.Localization;

namespace Careers.Api.Features.Admin.Postings.Import;

/// <summary>Currency symbols and codes as postings write them, read as ISO 4217 codes.</summary>
static class Currencies
{
    /// <summary>
    /// The ISO 4217 list that validates a posting's pay (<see cref="IsoCodes"/>), so a three-letter
    /// word is a currency only if it is a real one: "RAL", "VAT" and "B2B" are not.
    /// </summary>
    public static FrozenSet<string> Codes => IsoCodes.Shared.Currencies;

    static readonly FrozenDictionary<string, string> Symbols = new Dictionary<string, string>
    {
        ["€"] = "EUR", ["£"] = "GBP", ["US$"] = "USD", ["R$"] = "BRL", ["C$"] = "CAD", ["CA$"] = "CAD",
        ["A$"] = "AUD", ["AU$"] = "AUD", ["NZ$"] = "NZD", ["HK$"] = "HKD", ["S$"] = "SGD", ["₹"] = "INR",
        ["₩"] = "KRW", ["₺"] = "TRY", ["₴"] = "UAH", ["zł"] = "PLN", ["Kč"] = "CZK",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // A bare "$", "¥" or "kr" names the currency of the country the posting is in when that country
    // writes it so; otherwise "$" is the US dollar and "¥" the yen, and "kr" is left unread.
    static readonly FrozenDictionary<string, string> Dollars = new Dictionary<string, string>
    {
        ["US"] = "USD", ["CA"] = "CAD", ["AU"] = "AUD", ["NZ"] = "NZD", ["SG"] = "SGD", ["HK"] = "HKD",
        ["MX"] = "MXN", ["AR"] = "ARS", ["CL"] = "CLP", ["CO"] = "COP",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    static readonly FrozenDictionary<string, string> Kronor = new Dictionary<string, string>
    {
        ["SE"] = "SEK", ["NO"] = "NOK", ["DK"] = "DKK", ["IS"] = "ISK",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The ISO code a symbol or code stands for in a posting for <paramref name="country"/>, or null.</summary>
    public static string? Read(string written, string? country) => written switch
    {
        "$" => Dollars.GetValueOrDefault(country ?? "", "USD"),
        "¥" => country == "CN" ? "CNY" : "JPY",
        "kr" or "kr." => Kronor.GetValueOrDefault(country ?? ""),
        _ when Symbols.TryGetValue(written, out var code) => code,
        _ when written.Length == 3 && Codes.Contains(written) => written,
        _ => null,
    };
}
