using Careers.Api.Infrastructure.Auth;
using FastEndpoints;
using Npgsql;

namespace Careers.Api.Features.Webhooks.Subscriptions.Resume;

/// <summary>
/// Makes the subscription active again: new events reach it from now on, and its failure clock
/// starts over (failing_since cleared), so a target that was fixed gets its full 3 days again.
/// Events of changes made while it was paused are never written: the change stream (GET /v1/changes) has them.
/// </summary>
sealed class Endpoint(NpgsqlDataSource db, TimeProvider clock) : EndpointWithoutRequest
{
    const string Sql = """
        UPDATE webhook_subscriptions
        SET status = 'active', paused_reason = NULL, paused_at = NULL, failing_since = NULL, updated_at = @Now
        WHERE id = @Id
        """;

    public override void Configure()
    {
        Post("/v1/admin/webhooks/{id}/resume");
        Permissions(ApiKeys.WebhooksWrite);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var id = Route<Guid>("id", isRequired: true);
        ThrowIfAnyErrors();
        await Send.ResultAsync(await WebhookSubscriptions.ChangeAsync(db, id, Sql,
            new { Id = id, Now = clock.GetUtcNow() }, ct));
    }
}
