using Careers.Api.Infrastructure.Auth;
using Dapper;
using FastEndpoints;
using Npgsql;

namespace Careers.Api.Features.Webhooks.Subscriptions.Redeliver;

/// <summary>
/// Sends a delivery again: pending, due now, with a fresh retry window (first_attempt_at cleared,
/// attempts from 0, so the backoff starts over). The same event, the same webhook-id: a receiver
/// that already has it drops it. The last attempt's answer stays shown until the next attempt.
/// </summary>
sealed class Endpoint(NpgsqlDataSource db, TimeProvider clock) : EndpointWithoutRequest
{
    // A delivery of another subscription is not found: the subscription in the path is part of its address.
    const string Sql = """
        UPDATE webhook_deliveries
        SET status = 'pending', next_attempt_at = @Now, first_attempt_at = NULL, attempts = 0, completed_at = NULL
        WHERE id = @DeliveryId AND subscription_id = @Id
        """;

    public override void Configure()
    {
        Post("/v1/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver");
        Permissions(ApiKeys.WebhooksWrite);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var id = Route<Guid>("id", isRequired: true);
        var deliveryId = Route<long>("deliveryId", isRequired: true);
        ThrowIfAnyErrors();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var changed = await conn.ExecuteAsync(new CommandDefinition(Sql, new { Id = id, DeliveryId = deliveryId, Now = clock.GetUtcNow() }, tx, cancellationToken: ct));
        var delivery = changed == 0 ? null : await DeliveryRows.ReadAsync(conn, id, deliveryId, ct, tx);
        await tx.CommitAsync(ct);
        await Send.ResultAsync(delivery is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "This webhook subscription has no delivery with this id (or no subscription has this id).")
            : TypedResults.Accepted($"/v1/admin/webhooks/{id}/deliveries?status=pending", delivery));
    }
}
