using Careers.Api.Infrastructure.Auth;
using Careers.Contracts.Webhooks;
using Dapper;
using FastEndpoints;
using Npgsql;

namespace Careers.Api.Features.Webhooks.Subscriptions.List;

/// <summary>
/// Every subscription, newest first, with its pending count and why it is paused; never a secret.
/// Not paged: a deployment has a handful of partners, not thousands.
/// </summary>
sealed class Endpoint(NpgsqlDataSource db) : EndpointWithoutRequest<WebhookSubscriptionList>
{
    const string Sql = WebhookSubscriptions.Select + "\nORDER BY s.created_at DESC, s.id DESC";

    public override void Configure()
    {
        Get("/v1/admin/webhooks");
        Permissions(ApiKeys.WebhooksWrite);
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<WebhookSubscriptions.Row>(new CommandDefinition(Sql, cancellationToken: ct));
        await Send.OkAsync(new WebhookSubscriptionList([.. rows.Select(x => x.ToContract())]), ct);
    }
}
