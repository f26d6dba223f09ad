using Careers.Api.Infrastructure.Auth;
using Careers.Contracts.Webhooks;
using Dapper;
using FastEndpoints;
using FluentValidation.Results;
using Npgsql;

namespace Careers.Api.Features.Webhooks.Subscriptions.Register;

sealed class Validator : Validator<WebhookSubscriptionInput>
{
    public Validator() => Include(new SubscriptionRules());
}

/// <summary>Registers a subscription; its signing secret is in this answer and in no other.</summary>
sealed class Endpoint(NpgsqlDataSource db, WebhookTargets targets, WebhookSecrets secrets, TimeProvider clock) : Endpoint<WebhookSubscriptionInput>
{
    const string Sql = """
        INSERT INTO webhook_subscriptions (id, url, events, languages, description, secret, created_by, created_at, updated_at)
        VALUES (@Id, @Url, @Events, @Languages, @Description, @Secret, @CreatedBy, @Now, @Now)
        """;

    public override void Configure()
    {
        Post("/v1/admin/webhooks");
        Permissions(ApiKeys.WebhooksWrite);
    }

    public override async Task HandleAsync(WebhookSubscriptionInput r, CancellationToken ct)
    {
        if (!secrets.Configured)
        {
            await Send.ResultAsync(WebhookSubscriptions.SecretKeyMissing());
            return;
        }
        if (targets.FormRefusal(r.Url!) is { } form)
        {
            AddError(new ValidationFailure("url", form));
            ThrowIfAnyErrors();
        }
        if (await targets.RefuseAsync(r.Url!, ct) is { } refused)
        {
            await Send.ResultAsync(refused);
            return;
        }

        var id = Guid.CreateVersion7(clock.GetUtcNow());
        var secret = WebhookSecrets.NewSecret();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Sql, new
        {
            Id = id, r.Url, Events = r.Events!.ToArray(), Languages = r.Languages?.ToArray(), Description = WebhookSubscriptions.Blank(r.Description),
            Secret = secrets.Seal(id, secret), CreatedBy = User.Identity!.Name!, Now = clock.GetUtcNow(),
        }, tx, cancellationToken: ct));
        var created = (await WebhookSubscriptions.ReadAsync(conn, id, ct, tx))!;
        await tx.CommitAsync(ct);
        await Send.ResultAsync(TypedResults.Created($"/v1/admin/webhooks/{id}", created with { Secret = secret }));
    }
}
