using Careers.Api.Infrastructure;
using Careers.Api.Infrastructure.Auth;
using Careers.Contracts.Admin;
using Careers.Contracts.Common;
using Dapper;
using FastEndpoints;
using FluentValidation;
using Npgsql;

namespace Careers.Api.Features.Admin.Postings.List;

sealed class Request
{
    public string? Status { get; init; }
    public int? Limit { get; init; }
    public string? Cursor { get; init; }

    public string Filters => $"admin\u001f{Status}";
}

sealed class Validator : Validator<Request>
{
    static readonly string[] Statuses = ["draft", "published", "closed"];

    public Validator()
    {
        RuleFor(r => r.Status).Must(Statuses.Contains).When(r => r.Status is not null)
            .WithMessage(r => $"'{r.Status}' is not a status: use one of {string.Join(", ", Statuses)}.");
        RuleFor(r => r.Limit).InclusiveBetween(1, 100).When(r => r.Limit is not null).WithMessage("limit must be between 1 and 100 (default 20).");
    }
}

/// <summary>Every posting, drafts included, newest first.</summary>
sealed class Endpoint(NpgsqlDataSource db, CursorKey cursorKey) : Endpoint<Request, Page<AdminPostingSummary>>
{
    const string Select = """
        SELECT p.id, p.status, p.department, p.countries, p.published_at, p.closes_at, p.created_at, p.updated_at, p.version,
               ARRAY(SELECT t.language FROM posting_translations t WHERE t.posting_id = p.id ORDER BY t.language) AS languages
        FROM postings p
        WHERE true
        """;
    const string ByStatus = "\n  AND p.status = @Status";
    const string After = "\n  AND (p.created_at, p.id) < (@AfterAt, @AfterId)";
    const string Order = "\nORDER BY p.created_at DESC, p.id DESC\nLIMIT @Take";

    public override void Configure()
    {
        Get("/v1/admin/postings");
        Permissions(ApiKeys.PostingsRead);
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var cursors = await cursorKey.ForAsync(r.Filters, ct);
        if (!cursors.TryRead(r.Cursor, out var after))
            ThrowError(x => x.Cursor!, "cursor is not valid for this query: it was altered, or it came from a list with other filters.");
        var limit = r.Limit ?? 20;
        var sql = string.Concat(Select, r.Status is null ? "" : ByStatus, after is null ? "" : After, Order);

        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<Row>(new CommandDefinition(sql,
            new { r.Status, AfterAt = after?.At, AfterId = after?.Id, Take = limit + 1 }, cancellationToken: ct))).AsList();

        var next = rows.Count > limit ? cursors.Write(new Position(rows[limit - 1].CreatedAt, rows[limit - 1].Id, "--")) : null;
        await Send.OkAsync(new Page<AdminPostingSummary>([.. rows.Take(limit).Select(x => x.ToContract())], next), ct);
    }

    sealed record Row
    {
        public Guid Id { get; init; }
        public string Status { get; init; } = "";
        public string Department { get; init; } = "";
        public string[] Countries { get; init; } = [];
        public string[] Languages { get; init; } = [];
        public DateTime? PublishedAt { get; init; }
        public DateTime? ClosesAt { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }
        public int Version { get; init; }

        public AdminPostingSummary ToContract() => new(Id, Status, Department, Languages, Countries,
            Utc(PublishedAt), Utc(ClosesAt), new DateTimeOffset(UpdatedAt, TimeSpan.Zero), Version);

        static DateTimeOffset? Utc(DateTime? t) => t is { } v ? new DateTimeOffset(v, TimeSpan.Zero) : null;
    }
}
