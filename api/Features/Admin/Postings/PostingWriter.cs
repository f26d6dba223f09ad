using Careers.Api.Features.Changes;
using Careers.Contracts.Admin;
using Dapper;
using Npgsql;

namespace Careers.Api.Features.Admin.Postings;

/// <summary>The posting as it stands before a change, locked for the change's transaction.</summary>
sealed record Current
{
    public Guid Id { get; init; }
    public string Status { get; init; } = "";
    public int Version { get; init; }
    public DateTime? PublishedAt { get; init; }
    public DateTime? ClosesAt { get; init; }
    public string[] Countries { get; init; } = [];
    public string[] Languages { get; init; } = [];
    /// <summary>Its pay ranges: "" for the default range, else an override's country.</summary>
    public string[] PayCountries { get; init; } = [];
}

/// <summary>Why a change was refused: a problem+json status, what is wrong, and the field if one is to blame.</summary>
sealed record Refusal(int Status, string Detail, string? Field = null, IReadOnlyDictionary<string, object?>? Extensions = null);

/// <summary>What a slice's change works with: the locked posting and the open transaction.</summary>
sealed record WriteContext(NpgsqlConnection Connection, NpgsqlTransaction Transaction, Current Posting, DateTimeOffset Now);

enum Outcome { Done, Created, NotFound, Stale, Refused }

sealed record WriteResult(Outcome Outcome, AdminPosting? Posting = null, Refusal? Refusal = null, int? CurrentVersion = null);

/// <summary>
/// Every admin write follows one protocol: one transaction; the posting row locked (FOR UPDATE),
/// so of two concurrent writers with the same If-Match exactly one wins and the other gets 412;
/// the version bumped; an audit row; the change stream's log (last, see <see cref="ChangeLog"/>); commit;
/// then the change announced to <see cref="PostingChanges"/>.
/// </summary>
sealed class PostingWriter(NpgsqlDataSource db, PostingChanges changes, TimeProvider clock)
{
    const string Lock = """
        SELECT p.id, p.status, p.version, p.published_at, p.closes_at, p.countries,
               ARRAY(SELECT t.language FROM posting_translations t WHERE t.posting_id = p.id ORDER BY t.language) AS languages,
               ARRAY(SELECT pp.country FROM posting_pay pp WHERE pp.posting_id = p.id) AS pay_countries
        FROM postings p WHERE p.id = @Id
        FOR UPDATE
        """;
    const string Bump = "UPDATE postings SET version = version + 1, updated_at = @Now WHERE id = @Id RETURNING version";
    const string Audit = """
        INSERT INTO audit_log (at, actor, action, posting_id, language, version_before, version_after)
        VALUES (@Now, @Actor, @Action, @PostingId, @Language, @Before, @After)
        """;

    /// <summary>
    /// Creates a posting: <paramref name="insert"/> writes its rows and returns its id and first
    /// language, or a refusal to roll back. With an Idempotency-Key, a retry of the same request
    /// gets the first answer back and creates nothing; the same key with another request is a 422.
    /// </summary>
    public async Task<WriteResult> CreateAsync(
        string actor, IdempotentCreate? idempotency,
        Func<NpgsqlConnection, NpgsqlTransaction, DateTimeOffset, Task<(Guid Id, string Language, Refusal? Refusal)>> insert,
        CancellationToken ct, string action = "created")
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (idempotency is not null && await idempotency.ReplayAsync(conn, tx, actor, ct) is { } replayed)
            return replayed;

        var (id, language, refusal) = await insert(conn, tx, now);
        if (refusal is not null) return new WriteResult(Outcome.Refused, Refusal: refusal);

        await AuditAsync(conn, tx, now, actor, action, id, language, null, 1, ct);
        var created = (await AdminPostingReader.ReadAsync(conn, id, ct, tx))!;
        if (idempotency is not null) await idempotency.RecordAsync(conn, tx, actor, created, ct);
        await ChangeLog.WriteAsync(conn, tx, [id], now, ct);
        await tx.CommitAsync(ct);
        await changes.PublishAsync(new PostingChanged(id, action, [language]), ct);
        return new WriteResult(Outcome.Created, created);
    }

    /// <summary>Changes an existing posting; <paramref name="change"/> returns a refusal to roll back.</summary>
    public async Task<WriteResult> ChangeAsync(
        Guid id, IfMatch ifMatch, string actor, string action, string? language,
        Func<WriteContext, Task<Refusal?>> change, CancellationToken ct, bool deletes = false)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var current = await conn.QuerySingleOrDefaultAsync<Current>(new CommandDefinition(Lock, new { Id = id }, tx, cancellationToken: ct));
        if (current is null) return new WriteResult(Outcome.NotFound);
        if (!ifMatch.Matches(current.Version)) return new WriteResult(Outcome.Stale, CurrentVersion: current.Version);

        if (await change(new WriteContext(conn, tx, current, now)) is { } refusal)
            return new WriteResult(Outcome.Refused, Refusal: refusal);

        int? after = deletes ? null : await conn.ExecuteScalarAsync<int>(new CommandDefinition(Bump, new { Id = id, Now = now }, tx, cancellationToken: ct));
        await AuditAsync(conn, tx, now, actor, action, id, language, current.Version, after, ct);
        var posting = deletes ? null : await AdminPostingReader.ReadAsync(conn, id, ct, tx);
        await ChangeLog.WriteAsync(conn, tx, [id], now, ct);
        await tx.CommitAsync(ct);

        var languages = current.Languages.Union(posting?.Translations.Select(t => t.Language) ?? []).ToArray();
        await changes.PublishAsync(new PostingChanged(id, action, languages), ct);
        return new WriteResult(Outcome.Done, posting);
    }

    static Task AuditAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DateTimeOffset now, string actor, string action,
        Guid postingId, string? language, int? before, int? after, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(Audit, new { Now = now, Actor = actor, Action = action, PostingId = postingId, Language = language, Before = before, After = after }, tx, cancellationToken: ct));
}
