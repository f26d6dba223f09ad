using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Careers.Api.Infrastructure;

/// <summary>Where a page ended: the last item's timestamp, id and language (lists order by them, descending, then language ascending).</summary>
sealed record Position(DateTime At, Guid Id, string Language);

/// <summary>
/// Opaque, tamper-evident keyset cursors: the last item's position, HMAC-signed together with
/// the query's filters, so an edited cursor or one carried over to another query is refused.
/// </summary>
static class Cursor
{
    const byte FormatVersion = 1;
    const int PayloadLength = 1 + 8 + 16 + 2;
    const int MacLength = 16; // truncated HMAC-SHA256: 128 bits is ample against forgery

    public static string Encode(Position position, string filters, byte[] key)
    {
        Span<byte> buffer = stackalloc byte[PayloadLength + MacLength];
        buffer[0] = FormatVersion;
        BinaryPrimitives.WriteInt64BigEndian(buffer[1..], position.At.Ticks);
        position.Id.TryWriteBytes(buffer[9..25]);
        Encoding.ASCII.GetBytes(position.Language, buffer[25..27]);
        Sign(buffer[..PayloadLength], filters, key).AsSpan(0, MacLength).CopyTo(buffer[PayloadLength..]);
        return Base64Url.EncodeToString(buffer);
    }

    public static bool TryDecode(string cursor, string filters, byte[] key, out Position position)
    {
        position = null!;
        Span<byte> buffer = stackalloc byte[PayloadLength + MacLength + 3];
        // TryDecodeFromChars throws, rather than answering false, on characters outside base64url.
        if (!Base64Url.IsValid(cursor) || !Base64Url.TryDecodeFromChars(cursor, buffer, out var written) || written != PayloadLength + MacLength)
            return false;
        var payload = buffer[..PayloadLength];
        var mac = Sign(payload, filters, key).AsSpan(0, MacLength);
        if (!CryptographicOperations.FixedTimeEquals(mac, buffer[PayloadLength..(PayloadLength + MacLength)]) || payload[0] != FormatVersion)
            return false;
        var ticks = BinaryPrimitives.ReadInt64BigEndian(payload[1..]);
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) return false;
        position = new Position(new DateTime(ticks, DateTimeKind.Utc), new Guid(payload[9..25]), Encoding.ASCII.GetString(payload[25..27]));
        return true;
    }

    static byte[] Sign(ReadOnlySpan<byte> payload, string filters, byte[] key)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(payload);
        hmac.AppendData(Encoding.UTF8.GetBytes(filters));
        return hmac.GetHashAndReset();
    }
}
