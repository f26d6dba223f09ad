using System.Collections.Concurrent;

namespace Careers.Api.Infrastructure.Caching;

/// <summary>
/// A finished answer kept in memory: the identity bytes and their strong ETag. Each encoding is
/// compressed once, on first demand, then copied like the identity bytes: a hit serializes and
/// compresses nothing.
/// </summary>
abstract record CachedBody(byte[] Body, string ETag)
{
    // Made on the first compressed request: most answers are small or asked for uncompressed.
    ConcurrentDictionary<string, byte[]>? _encoded;

    public byte[] Encoded(string encoding, Func<byte[], byte[]> encode) =>
        LazyInitializer.EnsureInitialized(ref _encoded, () => new(StringComparer.Ordinal)).GetOrAdd(encoding, _ => encode(Body));
}
