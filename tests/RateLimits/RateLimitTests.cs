using System.Net;
using System.Net.Http.Json;
using Careers.Api.Infrastructure.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Careers.Tests.RateLimits;

/// <summary>Quotas per address, per partner key and per admin key, as a client sees them.</summary>
public sealed class RateLimitTests : RateLimitFixture
{
    const string Countries = "/v1/countries?lang=en";
    const string PolicyAnon = "\"anon\";q=10;w=10";

    protected override async Task ArrangeAdminAsync() => await Given.PostingAsync(languages: ["en"], countries: ["DE"]);

    [Test]
    public async Task An_address_past_its_burst_gets_a_429_problem_with_Retry_After()
    {
        var (served, refused) = await UntilRefusedAsync(Http, _ => Get(Countries, "192.0.2.1"));

        Assert.That(served, Is.InRange(AnonymousBurst, AnonymousBurst + 3), "the burst, and a request or two refilled meanwhile");
        Assert.That(refused, Is.Not.Null);
        var problem = await refused!.ReadProblemAsync();
        Assert.That((int?)problem["status"], Is.EqualTo(429));
        Assert.That((string?)problem["detail"], Does.Contain("'anon' quota"));
        Assert.That(refused!.Headers.RetryAfter?.Delta, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).And.LessThanOrEqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(Field(refused, "RateLimit-Policy"), Is.EqualTo(PolicyAnon));
        Assert.That(Field(refused, "RateLimit"), Does.Match("^\"anon\";r=0;t=(9|10)$"));
    }

    [Test]
    public async Task Each_address_has_its_own_quota_and_the_remaining_count_goes_down()
    {
        var first = await Http.SendAsync(Get(Countries, "192.0.2.2"));
        var second = await Http.SendAsync(Get(Countries, "192.0.2.2"));
        await UntilRefusedAsync(Http, _ => Get(Countries, "192.0.2.2"));

        var other = await Http.SendAsync(Get(Countries, "192.0.2.3"));

        Assert.That(Field(first, "RateLimit"), Does.Match("^\"anon\";r=9;t=1$"));
        Assert.That(Field(second, "RateLimit"), Does.Match("^\"anon\";r=8;t=2$"));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Every_answer_public_or_admin_carries_RateLimit_Policy_and_RateLimit()
    {
        const string peer = "192.0.2.4";
        var ok = await Http.SendAsync(Get(Countries, peer));
        var notModified = await Http.SendAsync(Get(Countries, peer, etag: ok.Headers.ETag!.Tag));
        var badRequest = await Http.SendAsync(Get("/v1/countries?lang=xx", peer));
        var notFound = await Http.SendAsync(Get("/v1/postings/no-such-posting?lang=en", peer));
        var unknownRoute = await Http.SendAsync(Get("/v1/nothing-here", peer));
        var adminWithoutKey = await Http.SendAsync(Get("/v1/admin/postings", peer));
        var contract = await Http.SendAsync(Get("/openapi.yaml", peer));
        var admin = await Admin.SendAsync(Get("/v1/admin/postings", peer, key: null));

        var answers = new[] { ok, notModified, badRequest, notFound, unknownRoute, adminWithoutKey, contract };
        Assert.That(answers.Select(a => (int)a.StatusCode), Is.EqualTo(new[] { 200, 304, 400, 404, 404, 401, 200 }));
        Assert.That(answers.Select(a => Field(a, "RateLimit-Policy")), Is.All.EqualTo(PolicyAnon));
        Assert.That(answers.Select(a => Field(a, "RateLimit")), Is.All.Match("^\"anon\";r=[0-9]+;t=[0-9]+$"));
        Assert.That((int)admin.StatusCode, Is.EqualTo(200));
        Assert.That(Field(admin, "RateLimit-Policy"), Is.EqualTo("\"admin\";q=20;w=20"));
        Assert.That(Field(admin, "RateLimit"), Does.Match("^\"admin\";r=[0-9]+;t=[0-9]+$"));
    }

    [Test]
    public async Task Health_probes_are_never_limited()
    {
        await UntilRefusedAsync(Http, _ => Get(Countries, "192.0.2.5"));

        var probes = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Http.SendAsync(Get("/health/live", "192.0.2.5"))));

        Assert.That(probes.Select(p => p.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(probes.Select(p => Field(p, "RateLimit")), Is.All.Empty);
    }

    [Test]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_quota()
    {
        // Thirty clients behind the proxy, three requests each: ninety requests, none over a client's quota.
        var served = 0;
        for (var i = 0; i < 90; i++)
        {
            var rsp = await Http.SendAsync(Get(Countries, "10.0.0.1", forwardedFor: $"203.0.113.{i % 30}"));
            if (rsp.StatusCode == HttpStatusCode.OK) served++;
        }

        Assert.That(served, Is.EqualTo(90));
    }

    [Test]
    public async Task A_chain_of_trusted_proxies_is_followed_to_the_first_untrusted_address()
    {
        // The client wrote a forged address first; the trusted proxy appended the one it saw.
        var (served, _) = await UntilRefusedAsync(Http, i => Get(Countries, "10.0.0.1", forwardedFor: $"198.51.100.{i}, 203.0.113.200"));

        Assert.That(served, Is.InRange(AnonymousBurst, AnonymousBurst + 3));
    }

    [Test]
    public async Task X_Forwarded_For_from_an_untrusted_peer_is_ignored()
    {
        var (served, refused) = await UntilRefusedAsync(Http, i => Get(Countries, "10.0.0.2", forwardedFor: $"198.51.100.{i}"));

        Assert.That(served, Is.InRange(AnonymousBurst, AnonymousBurst + 3), "every forged address counted as the peer's");
        Assert.That(refused, Is.Not.Null);
    }

    [Test]
    public async Task IPv6_clients_share_a_quota_per_64()
    {
        var (served, _) = await UntilRefusedAsync(Http, i => Get(Countries, $"2001:db8:1:2::{i + 1:x}"));
        var otherNetwork = await Http.SendAsync(Get(Countries, "2001:db8:1:3::1"));

        Assert.That(served, Is.InRange(AnonymousBurst, AnonymousBurst + 3));
        Assert.That(otherNetwork.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Polling_with_If_None_Match_gets_many_more_answers_than_polling_without()
    {
        var etag = (await Http.SendAsync(Get(Countries, "192.0.2.6"))).Headers.ETag!.Tag;

        var (polite, _) = await UntilRefusedAsync(Http, _ => Get(Countries, "192.0.2.7", etag: etag), most: 400);
        var (rude, _) = await UntilRefusedAsync(Http, _ => Get(Countries, "192.0.2.8"), most: 400);

        // A 304 costs a tenth of a full answer: ten times the answers from the same quota.
        Assert.That(rude, Is.InRange(AnonymousBurst, AnonymousBurst + 3));
        Assert.That(polite, Is.InRange(9 * AnonymousBurst, 14 * AnonymousBurst));
    }

    [Test]
    public async Task A_conditional_request_that_gets_a_full_answer_pays_a_full_answer()
    {
        // A stale tag: every answer is a 200, each costs a whole request (a tenth first, the rest after).
        var (served, _) = await UntilRefusedAsync(Http, _ => Get(Countries, "192.0.2.9", etag: "\"stale\""), most: 100);

        Assert.That(served, Is.InRange(AnonymousBurst, AnonymousBurst + 3));
    }

    [Test]
    public async Task A_partner_key_has_its_own_higher_quota_whatever_its_address()
    {
        var key = await CreateKeyAsync("partner-quota", ApiKeys.PublicRead);
        await UntilRefusedAsync(Http, _ => Get(Countries, "192.0.2.10"));

        var (served, refused) = await UntilRefusedAsync(Http, _ => Get(Countries, "192.0.2.10", key: key));

        Assert.That(served, Is.InRange(PartnerBurst, PartnerBurst + 3));
        Assert.That(Field(refused!, "RateLimit-Policy"), Is.EqualTo("\"partner\";q=30;w=30"));
        Assert.That((string?)(await refused!.ReadProblemAsync())["detail"], Does.Contain("'partner' quota of this API key"));
    }

    [TestCase("ck_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", TestName = "An_unknown_key_on_a_public_route_is_401")]
    [TestCase("not-a-key", TestName = "A_malformed_key_on_a_public_route_is_401")]
    public async Task A_bad_key_on_a_public_route_is_401_never_served_as_anonymous(string key)
    {
        var rsp = await Http.SendAsync(Get(Countries, "192.0.2.11", key: key));

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(rsp.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer error=\"invalid_token\""));
        Assert.That((string?)(await rsp.ReadProblemAsync())["detail"], Does.Contain("Unknown or revoked API key"));
        Assert.That(Field(rsp, "RateLimit-Policy"), Is.EqualTo(PolicyAnon));
    }

    [Test]
    public async Task Another_scheme_than_Bearer_on_a_public_route_is_401()
    {
        var request = Get(Countries, "192.0.2.12");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");

        var rsp = await Http.SendAsync(request);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((string?)(await rsp.ReadProblemAsync())["detail"], Does.Contain("Bearer"));
    }

    [Test]
    public async Task Guessing_keys_is_charged_to_the_address()
    {
        var (served, refused) = await UntilRefusedAsync(Http, i => Get(Countries, "192.0.2.13", key: $"ck_{i:x12}_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));

        Assert.That(served, Is.InRange(AnonymousBurst, AnonymousBurst + 3), "each 401 costs a request");
        Assert.That(refused, Is.Not.Null);
    }

    [Test]
    public async Task A_revoked_partner_key_stops_within_the_key_cache_time()
    {
        var key = await CreateKeyAsync("partner-revoked", ApiKeys.PublicRead);
        var before = await Http.SendAsync(Get(Countries, "192.0.2.14", key: key));
        var exit = await App.Services.GetRequiredService<ApiKeyCommands>().RevokeAsync(["--name", "partner-revoked"], TextWriter.Null, TextWriter.Null);

        await Task.Delay(TimeSpan.FromSeconds(1.2)); // Careers:RateLimits:KeyCacheSeconds is 1 here
        var after = await Http.SendAsync(Get(Countries, "192.0.2.14", key: key));

        Assert.That(exit, Is.Zero);
        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_key_without_public_read_on_a_public_route_is_403_naming_the_scope()
    {
        var key = await CreateKeyAsync("admin-on-public", ApiKeys.PostingsRead, ApiKeys.PostingsWrite);

        var rsp = await Http.SendAsync(Get(Countries, "192.0.2.15", key: key));

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((string?)(await rsp.ReadProblemAsync())["detail"], Does.Contain("public:read"));
    }

    [Test]
    public async Task A_public_key_cannot_read_or_write_on_admin_routes()
    {
        var key = await CreateKeyAsync("stolen-public", ApiKeys.PublicRead);
        using var stolen = App.CreateClient();
        stolen.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        var before = await CountPostingsAsync();

        var list = await stolen.GetAsync("/v1/admin/postings");
        var create = await stolen.PostAsJsonAsync("/v1/admin/postings", NewPosting("stolen-key-write"));

        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        await create.ReadProblemAsync();
        Assert.That(await CountPostingsAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task An_admin_key_has_its_own_limit_apart_from_its_address_and_other_keys()
    {
        var key = await CreateKeyAsync("admin-limit", ApiKeys.PostingsRead);
        var other = await CreateKeyAsync("admin-limit-other", ApiKeys.PostingsRead);

        var (served, refused) = await UntilRefusedAsync(Http, _ => Get("/v1/admin/postings?limit=1", "192.0.2.16", key: key));
        var otherKey = await Http.SendAsync(Get("/v1/admin/postings?limit=1", "192.0.2.16", key: other));
        var sameAddressPublic = await Http.SendAsync(Get(Countries, "192.0.2.16"));

        Assert.That(served, Is.InRange(AdminBurst, AdminBurst + 3));
        Assert.That(Field(refused!, "RateLimit-Policy"), Is.EqualTo("\"admin\";q=20;w=20"));
        Assert.That(refused!.Headers.CacheControl?.NoStore, Is.True.Or.Null);
        Assert.That(otherKey.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(sameAddressPublic.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    async Task<long> CountPostingsAsync()
    {
        await using var conn = await Db.OpenConnectionAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT count(*) FROM postings", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
