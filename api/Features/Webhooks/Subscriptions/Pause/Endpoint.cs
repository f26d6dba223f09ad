using Careers.Api.Infrastructure.Auth;
using FastEndpoints;
using Npgsql;

namespace Careers.Api.Features.Webhooks.Subscriptions.Pause;

/// <summary>
/// Stops new events for the subscription (the outbox trigger skips paused ones). Pausing a paused
/// subscription changes nothing: its first reason (a person's, or the failures') is kept.
/// </summary>
sealed class Endpoint(NpgsqlDataSource db, TimeProvider clock) : EndpointWithoutRequest
{
    const string Sql = """
        UPDATE webhook_subscriptions
        SET status = 'paused', paused_reason = @Reason, paused_at = @Now, updated_at = @Now
        WHERE id = @Id AND status = 'active'
        """;

    public override void Configure()
    {
        Post("/v1/admin/webhooks/{id}/pause");
        Permissions(ApiKeys.WebhooksWrite);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var id = Route<Guid>("id", isRequired: true);
        ThrowIfAnyErrors();
        await Send.ResultAsync(await WebhookSubscriptions.ChangeAsync(db, id, Sql,
            new { Id = id, Reason = $"paused by {User.Identity!.Name}", Now = clock.GetUtcNow() }, ct));
    }
}
