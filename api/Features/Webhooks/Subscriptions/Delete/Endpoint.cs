using Careers.Api.Infrastructure.Auth;
using Dapper;
using FastEndpoints;
using Npgsql;

namespace Careers.Api.Features.Webhooks.Subscriptions.Delete;

/// <summary>Deletes the subscription and its deliveries (the foreign key cascades); nothing more is sent to it.</summary>
sealed class Endpoint(NpgsqlDataSource db) : EndpointWithoutRequest
{
    const string Sql = "DELETE FROM webhook_subscriptions WHERE id = @Id";

    public override void Configure()
    {
        Delete("/v1/admin/webhooks/{id}");
        Permissions(ApiKeys.WebhooksWrite);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var id = Route<Guid>("id", isRequired: true);
        ThrowIfAnyErrors();
        await using var conn = await db.OpenConnectionAsync(ct);
        var deleted = await conn.ExecuteAsync(new CommandDefinition(Sql, new { Id = id }, cancellationToken: ct));
        await Send.ResultAsync(deleted == 0 ? WebhookSubscriptions.NotFound() : TypedResults.NoContent());
    }
}
