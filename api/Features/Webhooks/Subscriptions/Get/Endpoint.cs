using Careers.Api.Infrastructure.Auth;
using FastEndpoints;
using Npgsql;

namespace Careers.Api.Features.Webhooks.Subscriptions.Get;

sealed class Request
{
    public Guid Id { get; init; }
}

/// <summary>One subscription, with its delivery counts; never its secret.</summary>
sealed class Endpoint(NpgsqlDataSource db) : Endpoint<Request>
{
    public override void Configure()
    {
        Get("/v1/admin/webhooks/{id}");
        Permissions(ApiKeys.WebhooksWrite);
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var subscription = await WebhookSubscriptions.ReadAsync(conn, r.Id, ct);
        await Send.ResultAsync(subscription is null ? WebhookSubscriptions.NotFound() : TypedResults.Ok(subscription));
    }
}
