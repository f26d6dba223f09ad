using System.Text.Json;
using Careers.Contracts;
using Careers.Contracts.Postings;

namespace Careers.Api.Features.Postings;

/// <summary>
/// The job-ad fields of issue 11 (pay, seniority, locations, how to apply, true dates) as every public
/// reader reads them: the list, the detail, the change stream, the feeds and the JSON-LD select these
/// columns for a language version <c>t</c> joined to its posting <c>p</c>, and build the contract
/// types with the helpers below, so the same row reads the same everywhere.
/// </summary>
static class JobAd
{
    /// <summary>The pay ranges of posting <c>p</c> as JSON, default range ('') first; NULL when none.</summary>
    public const string PayColumn = """
        (SELECT json_agg(json_build_object('country', pp.country, 'min', trim_scale(pp.min), 'max', trim_scale(pp.max),
                                           'currency', pp.currency, 'period', pp.period, 'gross', pp.gross) ORDER BY pp.country)
         FROM posting_pay pp WHERE pp.posting_id = p.id)::text AS pay
        """;

    /// <summary>What a list item adds: seniority, pay with this language's note, the two dates.</summary>
    public const string SummaryColumns = $"""
        p.seniority, t.pay_note, p.first_published_at, greatest(p.updated_at, t.updated_at) AS updated_at,
        {PayColumn}
        """;

    /// <summary>What the detail, the feeds and the JSON-LD add to <see cref="SummaryColumns"/>.</summary>
    /// <remarks>A language version's apply replaces the posting's as a whole (a url does not inherit an email).</remarks>
    public const string DetailColumns = $"""
        {SummaryColumns},
        p.locations::text AS locations, p.utc_offset_min, p.utc_offset_max, p.requisition_id,
        CASE WHEN t.apply_url IS NULL AND t.apply_email IS NULL THEN p.apply_url ELSE t.apply_url END AS apply_url,
        CASE WHEN t.apply_url IS NULL AND t.apply_email IS NULL THEN p.apply_email ELSE t.apply_email END AS apply_email
        """;

    /// <summary>The pay of <see cref="PayColumn"/> with a language's note; null when the posting states none.</summary>
    public static Pay? Pay(string? json, string? note)
    {
        if (json is null) return null;
        var ranges = JsonSerializer.Deserialize<PayRow[]>(json, JsonSerializerOptions.Web) ?? [];
        if (ranges is not [{ Country: "" } main, .. var overrides]) return null;
        return new Pay(main.Min, main.Max, main.Currency, DbEnum.Parse<PayPeriod>(main.Period), main.Gross, note,
            [.. overrides.Select(o => new PayOverride(o.Country, o.Min, o.Max, o.Currency, DbEnum.Parse<PayPeriod>(o.Period), o.Gross))]);
    }

    public static Seniority? SeniorityOf(string? value) => value is null ? null : DbEnum.Parse<Seniority>(value);

    public static IReadOnlyList<Location> Locations(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize(json, ContractsJsonContext.Default.LocationArray) ?? [];

    public static Apply? ApplyOf(string? url, string? email) => url is null && email is null ? null : new Apply(url, email);

    public static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    sealed record PayRow(string Country, decimal Min, decimal Max, string Currency, string Period, bool Gross);
}

/// <summary>
/// The columns of <see cref="JobAd.DetailColumns"/> as a reader's row holds them: the detail, the feeds
/// and the JSON-LD derive their rows from it rather than each declaring them again.
/// </summary>
abstract record JobAdRow
{
    public string? Seniority { get; init; }
    public string? PayNote { get; init; }
    public DateTime? FirstPublishedAt { get; init; }
    public string? Pay { get; init; }
    public string? Locations { get; init; }
    public decimal? UtcOffsetMin { get; init; }
    public decimal? UtcOffsetMax { get; init; }
    public string? RequisitionId { get; init; }
    public string? ApplyUrl { get; init; }
    public string? ApplyEmail { get; init; }
}
