using Careers.Api.Infrastructure;
using Careers.Api.Infrastructure.Auth;
using Careers.Contracts.Common;
using Careers.Contracts.Webhooks;
using Dapper;
using FastEndpoints;
using FluentValidation;
using Npgsql;

namespace Careers.Api.Features.Webhooks.Subscriptions.Deliveries;

sealed class Request
{
    public Guid Id { get; init; }
    public string? Status { get; init; }
    public int? Limit { get; init; }
    public string? Cursor { get; init; }

    public string Filters => $"webhook-deliveries\u001f{Id}\u001f{Status}";
}

sealed class Validator : Validator<Request>
{
    static readonly string[] Statuses = ["pending", "delivered", "failed"];

    public Validator()
    {
        RuleFor(r => r.Status).Must(Statuses.Contains).When(r => r.Status is not null)
            .WithMessage(r => $"'{r.Status}' is not a delivery status: use one of {string.Join(", ", Statuses)}.");
        RuleFor(r => r.Limit).InclusiveBetween(1, 100).When(r => r.Limit is not null).WithMessage("limit must be between 1 and 100 (default 20).");
    }
}

/// <summary>A subscription's deliveries kept (retention: Careers__Webhooks__RetentionDays), newest first.</summary>
sealed class Endpoint(NpgsqlDataSource db, CursorKey cursorKey) : Endpoint<Request, Page<WebhookDelivery>>
{
    const string Exists = "SELECT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE id = @Id)";
    // Newest first by id (the order of writing), through webhook_deliveries_by_subscription (subscription_id, id DESC).
    const string Sql = DeliveryRows.Select + """

        WHERE d.subscription_id = @Id
          AND (@Status::text IS NULL OR d.status = @Status)
          AND (@AfterId::bigint IS NULL OR d.id < @AfterId)
        ORDER BY d.id DESC
        LIMIT @Take
        """;

    public override void Configure()
    {
        Get("/v1/admin/webhooks/{id}/deliveries");
        Permissions(ApiKeys.WebhooksWrite);
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var cursors = await cursorKey.ForAsync(r.Filters, ct);
        if (!cursors.TryRead(r.Cursor, out var after))
            ThrowError(x => x.Cursor!, "cursor is not valid for this query: it was altered, or it came from another subscription's list or another status.");
        var limit = r.Limit ?? 20;

        await using var conn = await db.OpenConnectionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition(Exists, new { r.Id }, cancellationToken: ct)))
        {
            await Send.ResultAsync(WebhookSubscriptions.NotFound());
            return;
        }
        var rows = (await conn.QueryAsync<DeliveryRows.Row>(new CommandDefinition(Sql,
            new { r.Id, r.Status, AfterId = after is null ? (long?)null : DeliveryRows.Unpack(after.Id), Take = limit + 1 },
            cancellationToken: ct))).AsList();

        var next = rows.Count > limit
            ? cursors.Write(new Position(rows[limit - 1].CreatedAt, DeliveryRows.Pack(rows[limit - 1].Id), "--"))
            : null;
        await Send.OkAsync(new Page<WebhookDelivery>([.. rows.Take(limit).Select(x => x.ToContract())], next), ct);
    }
}
