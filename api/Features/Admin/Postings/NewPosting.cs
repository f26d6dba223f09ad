using Careers.Api.Features.Admin.Postings.Sanitizing;
using Careers.Contracts.Admin;
using Dapper;
using Npgsql;

namespace Careers.Api.Features.Admin.Postings;

/// <summary>The rows of a new draft: shared by create and import.</summary>
static class NewPosting
{
    const string Insert = """
        INSERT INTO postings (id, department, employment_type, workplace_type, countries, cities, closes_at, created_at, updated_at)
        VALUES (@Id, @Department, @EmploymentType, @WorkplaceType, @Countries, @Cities, @ClosesAt, @Now, @Now)
        """;

    public static async Task<(Guid Id, string Language, Refusal? Refusal)> InsertAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, DateTimeOffset now, CreatePosting r, string slugField, CancellationToken ct)
    {
        var id = Guid.CreateVersion7(now);
        await conn.ExecuteAsync(new CommandDefinition(Insert, new
        {
            Id = id, Department = TextSanitizer.Clean(r.Department!), r.EmploymentType, r.WorkplaceType,
            Countries = r.Countries!.Select(c => c.ToUpperInvariant()).Distinct().ToArray(),
            // Npgsql writes only UTC DateTimeOffsets to timestamptz; a client may send any offset.
            Cities = TextSanitizer.Clean(r.Cities).ToArray(), ClosesAt = r.ClosesAt?.ToUniversalTime(), Now = now,
        }, tx, cancellationToken: ct));
        var refusal = await TranslationSql.UpsertAsync(conn, tx, id, r.Language!, r.Translation!, slugField, ct);
        return (id, r.Language!, refusal);
    }
}
