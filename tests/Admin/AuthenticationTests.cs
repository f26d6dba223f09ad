using Dapper;
using System.Net;
using System.Net.Http.Headers;
using Careers.Api.Infrastructure.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Careers.Tests.Admin;

public sealed class AuthenticationTests : AdminFixture
{
    const string AnyId = "0193a000-0000-7000-8000-000000000001";

    /// <summary>Every admin route, with the scope it needs.</summary>
    static readonly (string Method, string Path, string Scope)[] Routes =
    [
        ("POST", "/v1/admin/postings", ApiKeys.PostingsWrite),
        ("POST", "/v1/admin/postings/import", ApiKeys.PostingsWrite),
        ("GET", "/v1/admin/postings", ApiKeys.PostingsRead),
        ("GET", $"/v1/admin/postings/{AnyId}", ApiKeys.PostingsRead),
        ("PUT", $"/v1/admin/postings/{AnyId}", ApiKeys.PostingsWrite),
        ("DELETE", $"/v1/admin/postings/{AnyId}", ApiKeys.PostingsWrite),
        ("PUT", $"/v1/admin/postings/{AnyId}/translations/en", ApiKeys.PostingsWrite),
        ("DELETE", $"/v1/admin/postings/{AnyId}/translations/en", ApiKeys.PostingsWrite),
        ("POST", $"/v1/admin/postings/{AnyId}/publish", ApiKeys.PostingsPublish),
        ("POST", $"/v1/admin/postings/{AnyId}/unpublish", ApiKeys.PostingsPublish),
        ("POST", $"/v1/admin/postings/{AnyId}/close", ApiKeys.PostingsPublish),
        ("POST", "/v1/admin/webhooks", ApiKeys.WebhooksWrite),
        ("GET", "/v1/admin/webhooks", ApiKeys.WebhooksWrite),
        ("GET", $"/v1/admin/webhooks/{AnyId}", ApiKeys.WebhooksWrite),
        ("PATCH", $"/v1/admin/webhooks/{AnyId}", ApiKeys.WebhooksWrite),
        ("DELETE", $"/v1/admin/webhooks/{AnyId}", ApiKeys.WebhooksWrite),
        ("POST", $"/v1/admin/webhooks/{AnyId}/pause", ApiKeys.WebhooksWrite),
        ("POST", $"/v1/admin/webhooks/{AnyId}/resume", ApiKeys.WebhooksWrite),
        ("GET", $"/v1/admin/webhooks/{AnyId}/deliveries", ApiKeys.WebhooksWrite),
        ("POST", $"/v1/admin/webhooks/{AnyId}/deliveries/1/redeliver", ApiKeys.WebhooksWrite),
        // Every GET answers HEAD too, behind the same key and scope.
        ("HEAD", "/v1/admin/postings", ApiKeys.PostingsRead),
        ("HEAD", $"/v1/admin/postings/{AnyId}", ApiKeys.PostingsRead),
        ("HEAD", "/v1/admin/webhooks", ApiKeys.WebhooksWrite),
        ("HEAD", $"/v1/admin/webhooks/{AnyId}", ApiKeys.WebhooksWrite),
        ("HEAD", $"/v1/admin/webhooks/{AnyId}/deliveries", ApiKeys.WebhooksWrite),
    ];

    /// <summary>The problem body, or for a HEAD (which has none) its media type.</summary>
    static async Task AssertProblemAsync(HttpRequestMessage request, HttpResponseMessage rsp)
    {
        if (request.Method == HttpMethod.Head)
            Assert.That(rsp.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        else
            await rsp.ReadProblemAsync();
    }

    static IEnumerable<TestCaseData> AdminRoutes() =>
        Routes.Select(r => new TestCaseData(r.Method, r.Path, r.Scope).SetArgDisplayNames($"{r.Method} {r.Path.Replace(AnyId, "{id}", StringComparison.Ordinal)}"));

    static IEnumerable<TestCaseData> BadCredentials() =>
    [
        new TestCaseData(null).SetArgDisplayNames("no Authorization header"),
        new TestCaseData("Bearer").SetArgDisplayNames("Bearer without key"),
        new TestCaseData("Basic YWRtaW46YWRtaW4=").SetArgDisplayNames("Basic credentials"),
        new TestCaseData("Bearer not-a-key").SetArgDisplayNames("malformed key"),
        new TestCaseData("Bearer ck_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").SetArgDisplayNames("unknown key"),
    ];

    [Test]
    public async Task Every_admin_route_without_a_key_is_401_problem_json([ValueSource(nameof(AdminRoutes))] TestCaseData route, [ValueSource(nameof(BadCredentials))] TestCaseData credentials)
    {
        var request = new HttpRequestMessage(new HttpMethod((string)route.Arguments[0]!), (string)route.Arguments[1]!);
        if (credentials.Arguments[0] is string header) request.Headers.TryAddWithoutValidation("Authorization", header);

        var rsp = await Http.SendAsync(request);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(rsp.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
        await AssertProblemAsync(request, rsp);
    }

    [TestCaseSource(nameof(AdminRoutes))]
    public async Task A_key_without_the_routes_scope_is_403_problem_json(string method, string path, string scope)
    {
        var others = ApiKeys.AllScopes.Where(s => s != scope).ToArray();
        using var client = await ClientWithKeyAsync($"without-{scope}-{method}-{path.GetHashCode(StringComparison.Ordinal)}", others);

        var request = new HttpRequestMessage(new HttpMethod(method), path);
        var rsp = await client.SendAsync(request);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        await AssertProblemAsync(request, rsp);
    }

    [Test]
    public void The_route_list_above_covers_every_admin_route_in_the_app()
    {
        var inApp = App.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("v1/admin", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .ToHashSet();
        var tested = Routes.Select(r => $"{r.Method} {r.Path.Replace(AnyId, "{id}", StringComparison.Ordinal).Replace("/translations/en", "/translations/{lang}", StringComparison.Ordinal).Replace("/deliveries/1/", "/deliveries/{deliveryId}/", StringComparison.Ordinal)}").ToHashSet();

        Assert.That(tested, Is.EquivalentTo(inApp));
    }

    [Test]
    public async Task A_key_with_the_scope_gets_through()
    {
        using var reader = await ClientWithKeyAsync("reader", ApiKeys.PostingsRead);

        var rsp = await reader.GetAsync("/v1/admin/postings");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_revoked_key_is_401()
    {
        var key = await CreateKeyAsync("soon-revoked", ApiKeys.PostingsRead);
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var before = await client.GetAsync("/v1/admin/postings");

        var exit = await App.Services.GetRequiredService<ApiKeyCommands>().RevokeAsync(["--name", "soon-revoked"], TextWriter.Null, TextWriter.Null);
        var after = await client.GetAsync("/v1/admin/postings");

        Assert.That(exit, Is.Zero);
        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_key_whose_secret_is_altered_is_401()
    {
        var key = await CreateKeyAsync("tampered", ApiKeys.PostingsRead);
        var altered = key[..^1] + (key[^1] == 'A' ? 'B' : 'A');
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", altered);

        var rsp = await client.GetAsync("/v1/admin/postings");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Keys_are_stored_only_as_hashes_and_record_their_last_use()
    {
        var key = await CreateKeyAsync("hashed", ApiKeys.PostingsRead);
        using var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        await client.GetAsync("/v1/admin/postings");

        await using var conn = await Db.OpenConnectionAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT key_hash, last_used_at FROM api_keys WHERE name = 'hashed'", conn);
        await using var row = await cmd.ExecuteReaderAsync();
        await row.ReadAsync();

        Assert.That((byte[])row[0], Is.EqualTo(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))));
        Assert.That(row[1], Is.Not.EqualTo(DBNull.Value));
        Assert.That(key, Does.Match("^ck_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$"));
    }

    // Issue 12: a public route takes a partner's key (scope public:read; tests/RateLimits), so a key
    // there is looked up by the limiter; an admin key there is a 403, junk a 401. The admin
    // authentication still never runs on them: it is what records a key's last use.
    [TestCase("/v1/postings?lang=en", HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized)]
    [TestCase("/v1/countries?lang=en", HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized)]
    [TestCase("/health/ready", HttpStatusCode.OK, HttpStatusCode.OK)]
    public async Task A_public_request_carrying_a_key_is_not_authenticated_as_an_admin_request(string url, HttpStatusCode withAdminKey, HttpStatusCode withJunk)
    {
        var key = await CreateKeyAsync($"public-{Guid.NewGuid():N}", ApiKeys.PostingsRead);
        using var withKey = App.CreateClient();
        withKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var junkClient = App.CreateClient();
        junkClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-key");

        var valid = await withKey.GetAsync(url);
        var junk = await junkClient.GetAsync(url);

        Assert.That(valid.StatusCode, Is.EqualTo(withAdminKey));
        Assert.That(junk.StatusCode, Is.EqualTo(withJunk));
        await using var conn = await Db.OpenConnectionAsync();
        var lastUsed = await conn.ExecuteScalarAsync<DateTime?>("SELECT last_used_at FROM api_keys WHERE key_hash = @hash",
            new { hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)) });
        Assert.That(lastUsed, Is.Null);
    }
}
