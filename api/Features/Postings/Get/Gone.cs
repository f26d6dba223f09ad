using Dapper;
using Npgsql;

namespace Careers.Api.Features.Postings.Get;

/// <summary>
/// A version that was public and left answers 410 Gone, not 404, while the change log keeps its
/// remove (Careers__Changes__RetentionDays): a link to it is not broken, the job is over. What was
/// never public (an unknown slug, a draft) stays a 404.
/// </summary>
static class Gone
{
    // The newest remove for the id or slug (the primary key, change_log_slug); and a version past
    // its closes_at that the expiry job has not closed yet (for at most its poll interval).
    const string Select = $"""
        SELECT g.at, g.reason FROM (
            SELECT c.at, c.reason, c.seq FROM change_log c
            WHERE c.type = 'remove' AND {"{0}"}
            UNION ALL
            SELECT t.closes_at, 'expired', 9223372036854775807 FROM {Visibility.Translations}
            WHERE {Visibility.ExpiredNow} AND {"{1}"}
        ) g
        ORDER BY g.seq DESC
        LIMIT 1
        """;

    internal static string SqlFor(bool byId, bool hasLang) => string.Format(
        System.Globalization.CultureInfo.InvariantCulture, Select,
        (byId ? "c.posting_id = @Id" : "c.slug = @Slug") + (hasLang ? " AND c.language = @Lang" : ""),
        (byId ? "t.posting_id = @Id" : "t.slug = @Slug") + (hasLang ? $" AND {Visibility.InLanguage}" : ""));

    public static async Task<IResult?> FindAsync(NpgsqlConnection conn, object args, bool byId, bool hasLang, CancellationToken ct)
    {
        var gone = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(SqlFor(byId, hasLang), args, cancellationToken: ct));
        if (gone is null) return null;
        var closedAt = new DateTimeOffset(gone.At, TimeSpan.Zero);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status410Gone,
            title: "This posting is no longer published.",
            detail: $"It left the public set ({gone.Reason.Replace('_', ' ')}) at {closedAt:O}.",
            extensions: new Dictionary<string, object?> { ["closedAt"] = closedAt, ["reason"] = gone.Reason });
    }

    sealed record Row
    {
        public DateTime At { get; init; }
        public string Reason { get; init; } = "";
    }
}
