using System.Text.Json;
using System.Text.Json.Serialization;

namespace Careers.Contracts.Webhooks;

/// <summary>What a partner asks for: POST /v1/admin/webhooks registers it.</summary>
/// <param name="Url">Where events are posted: an absolute https URL (at most 2000 characters) whose host resolves only to public addresses.</param>
/// <param name="Events">The event types wanted, at least one, each once: posting.published, posting.updated, posting.removed.</param>
/// <param name="Languages">Only events of these language versions (each once); null or absent: every language.</param>
/// <param name="Description">Optional note for people (who receives it, why), at most 500 characters.</param>
public sealed record WebhookSubscriptionInput(
    string? Url,
    IReadOnlyList<string?>? Events,
    IReadOnlyList<string?>? Languages = null,
    string? Description = null);

/// <summary>PATCH /v1/admin/webhooks/{id}: each field absent is left as it is.</summary>
/// <param name="Url">The new target, checked as at registration.</param>
/// <param name="Events">The new event types.</param>
/// <param name="Languages">The new languages; null: every language again; absent: unchanged. A JsonElement so that absent and null differ.</param>
/// <param name="Description">The new note; "" removes it.</param>
public sealed record WebhookSubscriptionPatch(
    string? Url = null,
    IReadOnlyList<string?>? Events = null,
    JsonElement Languages = default,
    string? Description = null);

/// <summary>A subscription as the admin API shows it. The signing secret is shown only in the answer to registration.</summary>
/// <param name="Id">The subscription's id.</param>
/// <param name="Url">Where events are posted.</param>
/// <param name="Events">The event types it receives.</param>
/// <param name="Languages">The languages it receives events of; null: every language.</param>
/// <param name="Description">The note; null when none.</param>
/// <param name="Status">active, or paused (it receives no new events).</param>
/// <param name="PausedReason">Why it is paused: "paused by KEY" or the failures that paused it; null when active.</param>
/// <param name="PausedAt">When it was paused; null when active.</param>
/// <param name="FailingSince">The first failed attempt since the last success; null otherwise.</param>
/// <param name="CreatedBy">The name of the API key that registered it.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="PendingDeliveries">Its deliveries waiting for their first or next attempt.</param>
/// <param name="Secret">Only in the answer to registration: the signing secret (whsec_…). Keep it; it is not shown again.</param>
public sealed record WebhookSubscription(
    Guid Id,
    string Url,
    IReadOnlyList<string> Events,
    IReadOnlyList<string>? Languages,
    string? Description,
    string Status,
    string? PausedReason,
    DateTimeOffset? PausedAt,
    DateTimeOffset? FailingSince,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long PendingDeliveries,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Secret = null);

/// <summary>All subscriptions, newest first. Not paged: a deployment has a handful.</summary>
public sealed record WebhookSubscriptionList(IReadOnlyList<WebhookSubscription> Items);

/// <summary>One event sent (or to be sent) to one subscription.</summary>
/// <param name="Id">The delivery's id (redeliver it by this).</param>
/// <param name="EventId">The event's id: the webhook-id header, the same on every retry and redelivery.</param>
/// <param name="Type">posting.published, posting.updated or posting.removed.</param>
/// <param name="PostingId">The posting the event is about.</param>
/// <param name="Language">The language version the event is about.</param>
/// <param name="Status">pending, delivered or failed.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="CreatedAt">When the event was written for this subscription.</param>
/// <param name="NextAttemptAt">When it is (or was last) due.</param>
/// <param name="LastAttemptAt">When it was last tried; null before the first attempt.</param>
/// <param name="ResponseStatus">The last attempt's HTTP status; null when there was no answer (or no attempt yet).</param>
/// <param name="ResponseBody">The first KiB (at most) of the last attempt's answer.</param>
/// <param name="Error">The last attempt's failure in words; null when none.</param>
public sealed record WebhookDelivery(
    long Id,
    Guid EventId,
    string Type,
    Guid PostingId,
    string Language,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    int? ResponseStatus,
    string? ResponseBody,
    string? Error);
