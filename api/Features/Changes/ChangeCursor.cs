using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Careers.Api.Features.Changes;

/// <summary>
/// Where a client stands in the change stream: after the row (Seq, Id, Language) in the stream's
/// order, having started from the snapshot at generation <paramref name="Snapshot"/> (removes up to
/// it are not sent: a client that started empty holds none of those versions).
/// </summary>
sealed record ChangePosition(long Seq, Guid Id, string Language, long Snapshot)
{
    /// <summary>Before the first row of a stream whose snapshot is <paramref name="snapshot"/>.</summary>
    public static ChangePosition Start(long snapshot) => new(0, Guid.Empty, "", snapshot);
}

/// <summary>
/// Opaque, tamper-evident change-stream cursors, HMAC-signed (with the key of the list cursors,
/// <see cref="Infrastructure.CursorKey"/>) together with the lang filter: an edited cursor, or one
/// carried over to another lang, is refused.
/// </summary>
static class ChangeCursor
{
    const byte FormatVersion = 1;
    const int PayloadLength = 1 + 8 + 16 + 2 + 8;
    const int MacLength = 16;

    public static string Encode(ChangePosition p, string? lang, byte[] key)
    {
        Span<byte> buffer = stackalloc byte[PayloadLength + MacLength];
        buffer.Clear();
        buffer[0] = FormatVersion;
        BinaryPrimitives.WriteInt64BigEndian(buffer[1..], p.Seq);
        p.Id.TryWriteBytes(buffer[9..25]);
        if (p.Language.Length == 2) Encoding.ASCII.GetBytes(p.Language, buffer[25..27]);
        BinaryPrimitives.WriteInt64BigEndian(buffer[27..], p.Snapshot);
        Sign(buffer[..PayloadLength], lang, key).AsSpan(0, MacLength).CopyTo(buffer[PayloadLength..]);
        return Base64Url.EncodeToString(buffer);
    }

    public static bool TryDecode(string cursor, string? lang, byte[] key, out ChangePosition position)
    {
        position = null!;
        Span<byte> buffer = stackalloc byte[PayloadLength + MacLength + 3];
        if (!Base64Url.IsValid(cursor) || !Base64Url.TryDecodeFromChars(cursor, buffer, out var written) || written != PayloadLength + MacLength)
            return false;
        var payload = buffer[..PayloadLength];
        if (!CryptographicOperations.FixedTimeEquals(Sign(payload, lang, key).AsSpan(0, MacLength), buffer[PayloadLength..(PayloadLength + MacLength)])
            || payload[0] != FormatVersion)
            return false;
        var language = payload[25] == 0 ? "" : Encoding.ASCII.GetString(payload[25..27]);
        position = new ChangePosition(BinaryPrimitives.ReadInt64BigEndian(payload[1..]), new Guid(payload[9..25]), language,
            BinaryPrimitives.ReadInt64BigEndian(payload[27..]));
        return true;
    }

    static byte[] Sign(ReadOnlySpan<byte> payload, string? lang, byte[] key)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        // Domain-separated from the list cursors, which the same key signs.
        hmac.AppendData("changes\u001f"u8);
        hmac.AppendData(payload);
        hmac.AppendData(Encoding.UTF8.GetBytes(lang ?? ""));
        return hmac.GetHashAndReset();
    }
}
