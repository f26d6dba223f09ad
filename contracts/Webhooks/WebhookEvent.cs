using System.Text.Json.Serialization;
using Careers.Contracts.Changes;

namespace Careers.Contracts.Webhooks;

/// <summary>
/// The body of every webhook (the Standard Webhooks payload form): what happened to one language
/// version of a posting. A thin event: fetch the version itself (GET /v1/postings/{postingId}?lang=)
/// when it matters; after a pause, the change stream (GET /v1/changes) has everything. The
/// webhook-id header is the event's id, the same on every retry: drop what you have already seen.
/// </summary>
/// <param name="Type">posting.published, posting.updated or posting.removed.</param>
/// <param name="Timestamp">When the change was written.</param>
/// <param name="Data">The change.</param>
public sealed record WebhookEvent(string Type, DateTimeOffset Timestamp, WebhookEventData Data);

/// <param name="PostingId">The posting's id.</param>
/// <param name="Language">The version's language (ISO 639-1).</param>
/// <param name="Slug">The version's slug (its last public one, for a remove).</param>
/// <param name="At">When the change took effect: the write, the closing time of an expiry, the publication time of a scheduled publication.</param>
/// <param name="Seq">The change's position in the public history: of two events of one version, the higher seq is the newer (a redelivered old event can be dropped).</param>
/// <param name="Reason">For posting.removed: why the version left.</param>
public sealed record WebhookEventData(
    Guid PostingId,
    string Language,
    string Slug,
    DateTimeOffset At,
    long Seq,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RemoveReason? Reason);
