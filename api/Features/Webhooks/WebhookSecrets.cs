using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Careers.Api.Features.Webhooks;

/// <summary>
/// Signing secrets: <c>whsec_</c> + base64 of 24 random bytes (the Standard Webhooks form), shown
/// once at registration. A signature needs the secret itself, so unlike API keys it cannot be kept
/// as a hash: it is kept encrypted with AES-256-GCM under <see cref="WebhookOptions.SecretKey"/>,
/// bound to its subscription's id (a sealed secret copied to another row does not open).
/// </summary>
sealed class WebhookSecrets(IOptions<WebhookOptions> options)
{
    const int NonceBytes = 12, TagBytes = 16;
    readonly byte[]? _key = options.Value.SecretKey is { } k && IsValidKey(k) ? Convert.FromBase64String(k) : null;

    /// <summary>Whether secrets can be sealed and opened (the key is configured).</summary>
    public bool Configured => _key is not null;

    public static bool IsValidKey(string key)
    {
        Span<byte> bytes = stackalloc byte[33];
        return Convert.TryFromBase64String(key.Trim(), bytes, out var n) && n == 32;
    }

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    public byte[] Seal(Guid subscription, string secret)
    {
        var key = _key ?? throw new InvalidOperationException("Careers:Webhooks:SecretKey is not set.");
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceBytes + TagBytes + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), subscription.ToByteArray());
        return sealedBytes;
    }

    /// <summary>The secret sealed for <paramref name="subscription"/>; throws CryptographicException when the key is another one.</summary>
    public string Open(Guid subscription, byte[] sealedBytes)
    {
        var key = _key ?? throw new InvalidOperationException("Careers:Webhooks:SecretKey is not set.");
        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plain, subscription.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }
}
