using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Careers.Api.Infrastructure.Auth;

/// <summary>
/// API keys (admin tools, and partners on the public routes): <c>ck_{id}_{secret}</c>, where the id (48 bits) names the stored row and the
/// secret carries 256 random bits. Only SHA-256 of the whole key is stored: the key has full
/// entropy, so a slow password hash would add latency and no safety.
/// </summary>
static class ApiKeys
{
    public const string Scheme = "ApiKey";

    public const string PostingsRead = "postings:read";
    public const string PostingsWrite = "postings:write";
    public const string PostingsPublish = "postings:publish";
    public const string WebhooksWrite = "webhooks:write";
    /// <summary>A partner's key: its own, higher quota on the public routes; nothing on the admin routes.</summary>
    public const string PublicRead = "public:read";

    public static readonly IReadOnlyList<string> AllScopes = [PostingsRead, PostingsWrite, PostingsPublish, WebhooksWrite, PublicRead];

    public static (string Id, string Key, byte[] Hash) Generate()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var key = $"ck_{id}_{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";
        return (id, key, Hash(key));
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The id part of a well-formed key, or null.</summary>
    public static string? IdOf(string key)
    {
        // "ck_" + 12 hex + "_" + 43 base64url characters (the secret may itself contain '_').
        if (key.Length != 59 || !key.StartsWith("ck_", StringComparison.Ordinal) || key[15] != '_') return null;
        var id = key[3..15];
        return id.All(Uri.IsHexDigit) ? id : null;
    }
}
