using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Careers.Api.Infrastructure.Auth;

/// <summary>
/// <c>Authorization: Bearer ck_…</c> on admin routes. A missing, malformed, unknown or revoked
/// key is a 401; a key without the route's scope is a 403 (FastEndpoints' Permissions check).
/// </summary>
sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    NpgsqlDataSource db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    // Compared against when no row matches, so an unknown id costs the same work as a known one.
    static readonly byte[] NoSuchKey = SHA256.HashData("no such key"u8);

    const string Lookup = """
        SELECT name, key_hash, scopes FROM api_keys WHERE id = @Id AND revoked_at IS NULL
        """;
    // Last use is recorded at most once a minute per key: a hot admin script should not turn
    // every read into a write.
    const string Touch = """
        UPDATE api_keys SET last_used_at = @Now
        WHERE id = @Id AND (last_used_at IS NULL OR last_used_at < @Now - interval '1 minute')
        """;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("Authorization must be 'Bearer <API key>'.");

        var key = header["Bearer ".Length..].Trim();
        var id = ApiKeys.IdOf(key);
        await using var conn = await db.OpenConnectionAsync(Context.RequestAborted);
        var row = id is null ? null : await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Lookup, new { Id = id }, cancellationToken: Context.RequestAborted));

        var matches = CryptographicOperations.FixedTimeEquals(ApiKeys.Hash(key), row?.KeyHash ?? NoSuchKey);
        if (row is null || !matches) return AuthenticateResult.Fail("Unknown or revoked API key.");

        await conn.ExecuteAsync(new CommandDefinition(Touch, new { Id = id, Now = clock.GetUtcNow() }, cancellationToken: Context.RequestAborted));
        var claims = row.Scopes.Select(s => new Claim("permissions", s)).Append(new Claim(ClaimTypes.Name, row.Name));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeys.Scheme));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiKeys.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return base.HandleChallengeAsync(properties);
    }

    sealed record Row
    {
        public string Name { get; init; } = "";
        public byte[] KeyHash { get; init; } = [];
        public string[] Scopes { get; init; } = [];
    }
}

static class AuthSetup
{
    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services)
    {
        // No default scheme, not even the one a single registered scheme becomes by default: only
        // endpoints that name this scheme (the admin routes) authenticate, through their
        // authorization policy. A public request carrying Authorization costs no key lookup.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", true);
        services.AddAuthentication(o => o.DefaultChallengeScheme = o.DefaultForbidScheme = ApiKeys.Scheme)
                .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeys.Scheme, null);
        services.AddAuthorization();
        services.AddSingleton<ApiKeyCommands>();
        return services;
    }
}
