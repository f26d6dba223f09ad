using System.Text.Json.Serialization;

namespace Careers.Contracts.Postings;

/// <summary>How senior the role is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Seniority>))]
public enum Seniority
{
    /// <summary>An internship or working student position.</summary>
    [JsonStringEnumMemberName("internship")] Internship,
    /// <summary>Entry level, junior.</summary>
    [JsonStringEnumMemberName("entry")] Entry,
    /// <summary>Mid level.</summary>
    [JsonStringEnumMemberName("mid")] Mid,
    /// <summary>Senior.</summary>
    [JsonStringEnumMemberName("senior")] Senior,
    /// <summary>Lead, staff, team lead.</summary>
    [JsonStringEnumMemberName("lead")] Lead,
    /// <summary>Principal, distinguished.</summary>
    [JsonStringEnumMemberName("principal")] Principal,
    /// <summary>Executive, director and above.</summary>
    [JsonStringEnumMemberName("executive")] Executive,
}

/// <summary>What a pay amount is paid per.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PayPeriod>))]
public enum PayPeriod
{
    /// <summary>Per hour.</summary>
    [JsonStringEnumMemberName("hour")] Hour,
    /// <summary>Per working day.</summary>
    [JsonStringEnumMemberName("day")] Day,
    /// <summary>Per week.</summary>
    [JsonStringEnumMemberName("week")] Week,
    /// <summary>Per month.</summary>
    [JsonStringEnumMemberName("month")] Month,
    /// <summary>Per year.</summary>
    [JsonStringEnumMemberName("year")] Year,
}

/// <summary>The pay range of a posting: numbers and codes; formatting is the client's.</summary>
/// <param name="Min">Lowest amount of the range.</param>
/// <param name="Max">Highest amount of the range (equal to min for a fixed amount).</param>
/// <param name="Currency">ISO 4217 code.</param>
/// <param name="Period">What the amounts are paid per.</param>
/// <param name="Gross">True when the amounts are before tax and deductions.</param>
/// <param name="Note">A short note in the response's language ("plus annual bonus and equity"); null when none.</param>
/// <param name="Overrides">Ranges for some of the posting's countries that differ from this one.</param>
public sealed record Pay(
    decimal Min, decimal Max, string Currency, PayPeriod Period, bool Gross, string? Note, IReadOnlyList<PayOverride> Overrides);

/// <summary>The pay range in one of the posting's countries, when it differs from the posting's.</summary>
public sealed record PayOverride(string Country, decimal Min, decimal Max, string Currency, PayPeriod Period, bool Gross);

/// <summary>A place of work.</summary>
/// <param name="City">The city, as written.</param>
/// <param name="Country">ISO 3166-1 alpha-2 code: one of the posting's countries.</param>
/// <param name="Region">ISO 3166-2 subdivision code (e.g. DE-BY, US-CA), when given.</param>
/// <param name="PostalCode">Postal code, when given.</param>
/// <param name="StreetAddress">Street address, when given.</param>
public sealed record Location(
    string City,
    string? Country,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Region = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PostalCode = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StreetAddress = null);

/// <summary>How to apply: exactly one of a page (the ATS or a form) or an email address.</summary>
public sealed record Apply(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Url,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email);
