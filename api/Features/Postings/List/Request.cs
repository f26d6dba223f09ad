using System.Globalization;

namespace Careers.Api.Features.Postings.List;

/// <summary>Query parameters of GET /v1/postings; property names are the parameters' names.</summary>
/// <remarks>
/// The multi-value filters (country, workplace, employment, seniority) take several values
/// comma-separated, repeated (<c>?country=DE&amp;country=FR</c>, which FastEndpoints binds to a
/// string as <c>"DE,FR"</c>), or both. Everything after binding reads their canonical sets
/// (<see cref="Countries"/> …), never the raw strings: two queries with the same sets are the same
/// query for the validator, the SQL, the cursor and the answer cache (<see cref="CacheKey"/>).
/// </remarks>
sealed class Request
{
    public string? Lang { get; init; }
    public string? Country { get; init; }
    public string? Department { get; init; }
    public string? Workplace { get; init; }
    public string? Employment { get; init; }
    public string? Seniority { get; init; }
    public string? PayMin { get; init; }
    public string? Currency { get; init; }
    public string? Q { get; init; }
    public int? Limit { get; init; }
    public string? Cursor { get; init; }

    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    /// <summary>The most countries one list may ask for: a region (the EU is 27) fits, a list of every country is not a filter.</summary>
    public const int MaxCountries = 50;
    /// <summary>A year's pay the admin API accepts at most in any currency (PayRules.MaxYearly): a payMin above it matches nothing.</summary>
    public const decimal MaxPayMin = 1_000_000_000_000m;

    public string[]? Countries => Values.Of(Country, upper: true);
    public string[]? Workplaces => Values.Of(Workplace);
    public string[]? Employments => Values.Of(Employment);
    public string[]? Seniorities => Values.Of(Seniority);
    public string? CurrencyCode => Currency?.ToUpperInvariant();
    public string? Search => string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();

    /// <summary>payMin as a number; null when absent or not a plain decimal (the validator says which).</summary>
    public decimal? PayMinAmount => AmountOf(PayMin);

    /// <summary>An amount as payMin takes it: digits and one decimal point only (no sign, exponent, thousands separator or culture).</summary>
    public static decimal? AmountOf(string? raw) => Values.Amount(raw);

    /// <summary>
    /// The filters in one canonical string: a cursor is valid only for the same filters. The six of
    /// before issue 11 keep their form (one value reads as it did), so cursors issued before it stay
    /// valid; the new ones are appended only when given.
    /// </summary>
    public string Filters
    {
        get
        {
            var before = string.Join('\u001f', Lang, Joined(Countries), Department, Joined(Workplaces), Joined(Employments), Search);
            return Seniority is null && PayMin is null && Currency is null
                ? before
                : string.Join('\u001f', before, Joined(Seniorities), PayMinAmount is { } pay ? Values.Canonical(pay) : PayMin, CurrencyCode);
        }
    }

    static string? Joined(string[]? values) => values is null ? null : string.Join(',', values);

    /// <summary>
    /// The answer cache's key for a list URL (its query, canonical): the multi-value filters as their
    /// canonical sets, payMin as its number, currency in capitals; every parameter decoded and encoded
    /// again, in name order, repeated values joined as FastEndpoints binds them. So
    /// <c>?country=FR,DE&amp;lang=en</c> and <c>?lang=en&amp;country=de&amp;country=FR</c> share one entry.
    /// Two URLs with one key bind to requests with the same canonical values, which are all the
    /// validator, the query and the cursor read: they get the same answer.
    /// </summary>
    public static string CacheKey(HttpRequest request)
    {
        if (request.Query.Count == 0) return "";
        var parts = request.Query
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(CanonicalValue(p.Key, p.Value.ToString())));
        return "?" + string.Join('&', parts);
    }

    static string CanonicalValue(string name, string value)
    {
        if (Eq(name, nameof(Country))) return Joined(Values.Of(value, upper: true))!;
        if (Eq(name, nameof(Workplace)) || Eq(name, nameof(Employment)) || Eq(name, nameof(Seniority))) return Joined(Values.Of(value))!;
        if (Eq(name, nameof(Currency))) return value.ToUpperInvariant();
        if (Eq(name, nameof(PayMin)) && Values.Amount(value) is { } amount) return Values.Canonical(amount);
        return value;
    }

    // FastEndpoints matches query parameters to properties ignoring case.
    static bool Eq(string name, string property) => name.Equals(property, StringComparison.OrdinalIgnoreCase);

    static class Values
    {
        /// <summary>Distinct and sorted; an empty value stays (and is refused by the validator), so a set is never empty.</summary>
        public static string[]? Of(string? raw, bool upper = false) =>
            raw is null ? null : [.. raw.Split(',').Select(v => upper ? v.ToUpperInvariant() : v).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

        public static decimal? Amount(string? raw) =>
            raw is { Length: > 0 and <= 40 } && decimal.TryParse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) ? amount : null;

        /// <summary>One text per number (80000, 80000.0 and 80000.00 are "80000"), exact: no two numbers share one.</summary>
        public static string Canonical(decimal amount)
        {
            var text = amount.ToString(CultureInfo.InvariantCulture);
            return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
        }
    }
}
