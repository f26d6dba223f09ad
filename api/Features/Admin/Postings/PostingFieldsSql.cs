using System.Text.Json;
using Careers.Api.Features.Admin.Postings.Sanitizing;
using Careers.Contracts.Admin;
using Dapper;
using Npgsql;

namespace Careers.Api.Features.Admin.Postings;

/// <summary>
/// The language-neutral fields as columns, and the pay ranges as rows: shared by create, import and
/// replace, so the three store a posting the same way.
/// </summary>
static class PostingFieldsSql
{
    /// <summary>The columns of <see cref="Values"/>, for an INSERT.</summary>
    public const string Columns =
        "department, employment_type, workplace_type, countries, locations, closes_at, seniority, utc_offset_min, utc_offset_max, apply_url, apply_email, requisition_id";
    public const string Parameters =
        "@Department, @EmploymentType, @WorkplaceType, @Countries, @Locations::jsonb, @ClosesAt, @Seniority, @UtcOffsetMin, @UtcOffsetMax, @ApplyUrl, @ApplyEmail, @RequisitionId";
    /// <summary>The same, for an UPDATE.</summary>
    public const string Assignments = """
        department = @Department, employment_type = @EmploymentType, workplace_type = @WorkplaceType,
        countries = @Countries, locations = @Locations::jsonb, closes_at = @ClosesAt, seniority = @Seniority,
        utc_offset_min = @UtcOffsetMin, utc_offset_max = @UtcOffsetMax, apply_url = @ApplyUrl, apply_email = @ApplyEmail,
        requisition_id = @RequisitionId
        """;

    const string DeletePay = "DELETE FROM posting_pay WHERE posting_id = @Id";
    const string InsertPay = """
        INSERT INTO posting_pay (posting_id, country, currency, min, max, period, gross)
        SELECT @Id, r.country, r.currency, r.min, r.max, r.period, r.gross
        FROM unnest(@Country, @Currency, @Min, @Max, @Period, @Gross) AS r (country, currency, min, max, period, gross)
        """;

    /// <summary>Validated fields as the columns store them: codes uppercase, text sanitized, times in UTC.</summary>
    public sealed record Values(
        Guid Id, string Department, string EmploymentType, string WorkplaceType, string[] Countries, string Locations,
        DateTimeOffset? ClosesAt, string? Seniority, decimal? UtcOffsetMin, decimal? UtcOffsetMax,
        string? ApplyUrl, string? ApplyEmail, string? RequisitionId);

    public static Values From(Guid id, PostingFields f) => new(
        id, TextSanitizer.Clean(f.Department!), f.EmploymentType!, f.WorkplaceType!,
        [.. f.Countries!.Select(c => c.ToUpperInvariant()).Distinct()],
        JsonSerializer.Serialize((f.Locations ?? []).Select(l => new
        {
            city = TextSanitizer.Clean(l.City!), country = l.Country?.ToUpperInvariant(), region = l.Region?.ToUpperInvariant(),
            postalCode = l.PostalCode, streetAddress = l.StreetAddress is null ? null : TextSanitizer.Clean(l.StreetAddress),
        }), IgnoreNulls),
        // Npgsql writes only UTC DateTimeOffsets to timestamptz; a client may send any offset.
        f.ClosesAt?.ToUniversalTime(), f.Seniority, f.UtcOffsetMin, f.UtcOffsetMax,
        f.Apply?.Url, f.Apply?.Email, f.RequisitionId);

    static readonly JsonSerializerOptions IgnoreNulls = new(JsonSerializerOptions.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Writes the posting's row with <paramref name="sql"/> (an INSERT or UPDATE over <see cref="Values"/>) and
    /// replaces its pay ranges. A requisitionId another posting holds is a refusal (409) on requisitionId.
    /// </summary>
    public static async Task<Refusal?> WriteAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string sql, Values values, PayInput? pay, CancellationToken ct, object? more = null)
    {
        var args = new DynamicParameters(values);
        if (more is not null) args.AddDynamicParams(more);
        // A savepoint keeps the transaction usable after a unique violation, so the caller can refuse cleanly.
        await tx.SaveAsync("posting_fields", ct);
        try
        {
            await conn.ExecuteAsync(new CommandDefinition(sql, args, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "postings_requisition_id" })
        {
            await tx.RollbackAsync("posting_fields", ct);
            return new Refusal(StatusCodes.Status409Conflict, $"The requisitionId '{values.RequisitionId}' is already used by another posting.", "requisitionId");
        }
        await conn.ExecuteAsync(new CommandDefinition(DeletePay, new { values.Id }, tx, cancellationToken: ct));
        if (pay is null) return null;
        PayOverrideInput[] ranges = [new("", pay.Min, pay.Max, pay.Currency, pay.Period, pay.Gross), .. pay.Overrides ?? []];
        await conn.ExecuteAsync(new CommandDefinition(InsertPay, new
        {
            values.Id,
            Country = ranges.Select(r => r.Country!.ToUpperInvariant()).ToArray(),
            Currency = ranges.Select(r => r.Currency!).ToArray(),
            Min = ranges.Select(r => r.Min!.Value).ToArray(),
            Max = ranges.Select(r => r.Max!.Value).ToArray(),
            Period = ranges.Select(r => r.Period!).ToArray(),
            Gross = ranges.Select(r => r.Gross ?? true).ToArray(),
        }, tx, cancellationToken: ct));
        return null;
    }
}
