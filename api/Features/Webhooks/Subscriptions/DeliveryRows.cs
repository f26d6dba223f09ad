using System.Buffers.Binary;
using Careers.Contracts.Webhooks;
using Dapper;
using Npgsql;

namespace Careers.Api.Features.Webhooks.Subscriptions;

/// <summary>A subscription's deliveries as the admin routes show them: each with its event.</summary>
static class DeliveryRows
{
    public const string Select = """
        SELECT d.id, e.event_id, e.type, e.posting_id, e.language, d.status, d.attempts, d.created_at, d.next_attempt_at,
               d.last_attempt_at, d.response_status, d.response_body, d.error
        FROM webhook_deliveries d
        JOIN webhook_events e ON e.id = d.event_id
        """;

    const string One = Select + "\nWHERE d.id = @DeliveryId AND d.subscription_id = @Id";

    public static async Task<WebhookDelivery?> ReadAsync(NpgsqlConnection conn, Guid subscription, long delivery, CancellationToken ct, NpgsqlTransaction? tx = null) =>
        (await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(One, new { Id = subscription, DeliveryId = delivery }, tx, cancellationToken: ct)))?.ToContract();

    /// <summary>
    /// The project's cursors carry a uuid; deliveries are ordered by their bigint id, which rides in
    /// the uuid's last 8 bytes (the cursor's signature keeps it from being edited).
    /// </summary>
    public static Guid Pack(long id)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], id);
        return new Guid(bytes);
    }

    public static long Unpack(Guid packed)
    {
        Span<byte> bytes = stackalloc byte[16];
        packed.TryWriteBytes(bytes);
        return BinaryPrimitives.ReadInt64BigEndian(bytes[8..]);
    }

    public sealed record Row
    {
        public long Id { get; init; }
        public Guid EventId { get; init; }
        public string Type { get; init; } = "";
        public Guid PostingId { get; init; }
        public string Language { get; init; } = "";
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public DateTime NextAttemptAt { get; init; }
        public DateTime? LastAttemptAt { get; init; }
        public int? ResponseStatus { get; init; }
        public string? ResponseBody { get; init; }
        public string? Error { get; init; }
        public DateTime CreatedAt { get; init; }

        public WebhookDelivery ToContract() => new(Id, EventId, Type, PostingId, Language, Status, Attempts,
            WebhookSubscriptions.Utc(CreatedAt), WebhookSubscriptions.Utc(NextAttemptAt), WebhookSubscriptions.Utc(LastAttemptAt),
            ResponseStatus, ResponseBody, Error);
    }
}
