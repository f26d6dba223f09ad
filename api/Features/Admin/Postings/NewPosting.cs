using Careers.Contracts.Admin;
using Npgsql;

namespace Careers.Api.Features.Admin.Postings;

/// <summary>The rows of a new posting: shared by create and import.</summary>
static class NewPosting
{
    const string Insert = $"""
        INSERT INTO postings (id, {PostingFieldsSql.Columns}, status, published_at, first_published_at, created_at, updated_at)
        VALUES (@Id, {PostingFieldsSql.Parameters}, @Status, @PublishedAt, @PublishedAt, @Now, @Now)
        """;

    /// <summary>
    /// A draft, or, for a posting moved from another system with its history, a published posting
    /// (the caller has checked the scope and the date).
    /// </summary>
    public static async Task<(Guid Id, string Language, Refusal? Refusal)> InsertAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, DateTimeOffset now, CreatePosting r, string slugField, CancellationToken ct)
    {
        var id = Guid.CreateVersion7(now);
        var values = PostingFieldsSql.From(id, r);
        var published = r.Status == "published";
        var refusal = await PostingFieldsSql.WriteAsync(conn, tx, Insert, values, r.Pay, ct, new
        {
            Status = published ? "published" : "draft",
            PublishedAt = published ? r.PublishedAt?.ToUniversalTime() : null,
            Now = now,
        });
        refusal ??= await TranslationSql.UpsertAsync(conn, tx, id, r.Language!, r.Translation!, slugField, ct);
        return (id, r.Language!, refusal);
    }
}
