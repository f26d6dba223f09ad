using Careers.Contracts.Webhooks;
using Dapper;
using Npgsql;

namespace Careers.Api.Features.Webhooks.Subscriptions;

/// <summary>How the admin routes read a subscription and answer about one.</summary>
static class WebhookSubscriptions
{
    public const string SecretKeySetting = "Careers__Webhooks__SecretKey";

    // The count reads the partial index webhook_deliveries_pending_posting (subscription_id, … WHERE pending).
    public const string Select = """
        SELECT s.id, s.url, s.events, s.languages, s.description, s.status, s.paused_reason, s.paused_at, s.failing_since,
               s.created_by, s.created_at, s.updated_at,
               (SELECT count(*) FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.status = 'pending') AS pending_deliveries
        FROM webhook_subscriptions s
        """;

    const string ById = Select + "\nWHERE s.id = @Id";

    public static async Task<WebhookSubscription?> ReadAsync(NpgsqlConnection conn, Guid id, CancellationToken ct, NpgsqlTransaction? tx = null) =>
        (await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(ById, new { Id = id }, tx, cancellationToken: ct)))?.ToContract();

    /// <summary>
    /// A change of state (pause, resume) and the subscription as it then is, in one transaction:
    /// 200 with it, or 404 when there is none.
    /// </summary>
    public static async Task<IResult> ChangeAsync(NpgsqlDataSource db, Guid id, string sql, object parameters, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: ct));
        var subscription = await ReadAsync(conn, id, ct, tx);
        await tx.CommitAsync(ct);
        return subscription is null ? NotFound() : TypedResults.Ok(subscription);
    }

    public static IResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "No webhook subscription has this id.");

    /// <summary>A problem whose <c>errors</c> names the field to blame, as validation failures do.</summary>
    public static IResult Problem(int status, string detail, string field) => TypedResults.Problem(statusCode: status, detail: detail,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });

    /// <summary>No key to seal secrets with: nothing can be registered until the operator sets it.</summary>
    public static IResult SecretKeyMissing() => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Webhooks are not configured on this deployment.",
        detail: $"The setting {SecretKeySetting} (the base64 of 32 random bytes: openssl rand -base64 32) is not configured, and signing secrets cannot be stored without it. Ask the operator to set it.",
        extensions: new Dictionary<string, object?> { ["setting"] = SecretKeySetting });

    /// <summary>A blank description says nothing: stored as none.</summary>
    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    public static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
    public static DateTimeOffset? Utc(DateTime? t) => t is { } v ? Utc(v) : null;

    public sealed record Row
    {
        public Guid Id { get; init; }
        public string Url { get; init; } = "";
        public string[] Events { get; init; } = [];
        public string[]? Languages { get; init; }
        public string? Description { get; init; }
        public string Status { get; init; } = "";
        public string? PausedReason { get; init; }
        public DateTime? PausedAt { get; init; }
        public DateTime? FailingSince { get; init; }
        public string CreatedBy { get; init; } = "";
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }
        public long PendingDeliveries { get; init; }

        public WebhookSubscription ToContract(string? secret = null) => new(Id, Url, Events, Languages, Description, Status,
            PausedReason, Utc(PausedAt), Utc(FailingSince), CreatedBy, Utc(CreatedAt), Utc(UpdatedAt),
            PendingDeliveries, secret);
    }
}
