using System.Text.Json;
using Careers.Api.Infrastructure.Auth;
using Careers.Api.Localization;
using Careers.Contracts.Webhooks;
using Dapper;
using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using Npgsql;

namespace Careers.Api.Features.Webhooks.Subscriptions.Patch;

sealed class Request
{
    public Guid Id { get; init; }
    [FromBody] public WebhookSubscriptionPatch Body { get; init; } = null!;

    /// <summary>The languages asked for when the body gives a list (null otherwise); a non-string item reads as null and is refused.</summary>
    public IReadOnlyList<string?>? LanguageList => Body.Languages.ValueKind == JsonValueKind.Array
        ? [.. Body.Languages.EnumerateArray().Select(Text)]
        : null;

    // A JsonElement is not read by the app's string converter (TextInput): text that is not valid
    // UTF-16 (a lone surrogate) throws here, and reads as no language, a 400 naming the item.
    static string? Text(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.String) return null;
        try
        {
            return e.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}

sealed class Validator : Validator<Request>
{
    public Validator()
    {
        // The same rules as registration, for the fields given (the url's form: in the handler, as there).
        RuleFor(r => r.Body.Url)
            .NotEmpty().WithMessage("url is the absolute https URL events are posted to; leave it out to keep the current one.")
            .When(r => r.Body.Url is not null).OverridePropertyName("url");
        var allowed = string.Join(", ", WebhookEventTypes.All);
        RuleFor(r => r.Body.Events).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage($"events holds at least one of {allowed}; leave it out to keep the current ones.")
            .Must(SubscriptionRules.Distinct).WithMessage("events names each type once.")
            .When(r => r.Body.Events is not null).OverridePropertyName("events");
        RuleForEach(r => r.Body.Events).Must(e => e is not null && WebhookEventTypes.All.Contains(e))
            .WithMessage((_, e) => $"'{e}' is not an event type: use {allowed}.").OverridePropertyName("events");
        RuleFor(r => r.Body.Languages.ValueKind)
            .Must(k => k is JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Array)
            .WithMessage("languages is a list of languages, or null for every language.").OverridePropertyName("languages");
        RuleFor(r => r.LanguageList).Cascade(CascadeMode.Stop)
            .Must(l => l is not { Count: 0 }).WithMessage("languages holds at least one language; null means every language.")
            .Must(SubscriptionRules.Distinct).WithMessage("languages names each language once.")
            .OverridePropertyName("languages");
        RuleForEach(r => r.LanguageList).SupportedLanguage().OverridePropertyName("languages");
        RuleFor(r => r.Body.Description).Must(d => d!.Length <= SubscriptionRules.MaxDescription).When(r => r.Body.Description is not null)
            .WithMessage($"description is at most {SubscriptionRules.MaxDescription} characters.").OverridePropertyName("description");
    }
}

/// <summary>Changes what a subscription asks for: each field given replaces the stored one; status and secret stay.</summary>
sealed class Endpoint(NpgsqlDataSource db, WebhookTargets targets, TimeProvider clock) : Endpoint<Request>
{
    const string Exists = "SELECT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE id = @Id)";
    const string Sql = """
        UPDATE webhook_subscriptions
        SET url = COALESCE(@Url, url),
            events = COALESCE(@Events, events),
            languages = CASE WHEN @SetLanguages THEN @Languages ELSE languages END,
            description = CASE WHEN @SetDescription THEN @Description ELSE description END,
            updated_at = @Now
        WHERE id = @Id
        """;

    public override void Configure()
    {
        Patch("/v1/admin/webhooks/{id}");
        Permissions(ApiKeys.WebhooksWrite);
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var b = r.Body;
        if (b.Url is not null && targets.FormRefusal(b.Url) is { } form)
        {
            AddError(new ValidationFailure("url", form));
            ThrowIfAnyErrors();
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition(Exists, new { r.Id }, cancellationToken: ct)))
        {
            await Send.ResultAsync(WebhookSubscriptions.NotFound());
            return;
        }
        // A new url is checked where it resolves, outside the transaction: a slow resolver holds no row lock.
        if (b.Url is not null && await targets.RefuseAsync(b.Url, ct) is { } refused)
        {
            await Send.ResultAsync(refused);
            return;
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        var changed = await conn.ExecuteAsync(new CommandDefinition(Sql, new
        {
            r.Id, b.Url, Events = b.Events?.ToArray(),
            SetLanguages = b.Languages.ValueKind != JsonValueKind.Undefined, Languages = r.LanguageList?.ToArray(),
            SetDescription = b.Description is not null, Description = WebhookSubscriptions.Blank(b.Description),
            Now = clock.GetUtcNow(),
        }, tx, cancellationToken: ct));
        var subscription = changed == 0 ? null : await WebhookSubscriptions.ReadAsync(conn, r.Id, ct, tx);
        await tx.CommitAsync(ct);
        await Send.ResultAsync(subscription is null ? WebhookSubscriptions.NotFound() : TypedResults.Ok(subscription));
    }
}
