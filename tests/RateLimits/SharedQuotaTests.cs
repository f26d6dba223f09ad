using System.Net;
using Careers.Tests.Caching;
using Microsoft.AspNetCore.Hosting;

namespace Careers.Tests.RateLimits;

/// <summary>
/// Quotas hold across instances: two apps over one Redis (the same key prefix) share each client's
/// bucket; with Redis gone each instance limits on its own at the quota divided by the instance
/// count, and no request fails because Redis did.
/// </summary>
public sealed class SharedQuotaTests : RateLimitFixture
{
    const string Countries = "/v1/countries?lang=en";

    readonly PrivateRedis _redis = new();

    [OneTimeTearDown]
    public void StopRedis() => _redis.Dispose();

    static void TwoInstances(IWebHostBuilder builder)
    {
        Configure(builder);
        builder.UseSetting("Careers:RateLimits:Instances", "2");
    }

    [Test]
    public async Task Two_instances_share_one_quota_per_client()
    {
        await using var b = new ApiFactory(ConnectionString, Clock, cachePrefix: App.CachePrefix, configure: Configure);
        using var bHttp = b.CreateClient();

        // A client whose requests a round-robin load balancer spreads over both instances.
        var statuses = new List<int>();
        for (var i = 0; i < 40; i++) statuses.Add((int)(await (i % 2 == 0 ? Http : bHttp).SendAsync(Get(Countries, "192.0.2.51"))).StatusCode);

        Assert.That(statuses, Is.All.EqualTo(200).Or.EqualTo(429));
        Assert.That(statuses.Count(s => s == 200), Is.InRange(AnonymousBurst, AnonymousBurst + 3), "one quota, not one per instance");
    }

    [Test]
    public async Task With_Redis_stopped_mid_run_each_instance_limits_on_its_own_and_nothing_fails()
    {
        await _redis.StartAsync();
        await using var app = new ApiFactory(ConnectionString, Clock, redis: _redis.ConnectionString, configure: TwoInstances);
        using var http = app.CreateClient();
        var before = await http.SendAsync(Get(Countries, "192.0.2.60"));

        _redis.Kill();
        var during = new List<HttpResponseMessage>();
        for (var i = 0; i < 30; i++) during.Add(await http.SendAsync(Get(Countries, "192.0.2.61")));

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Field(before, "RateLimit-Policy"), Is.EqualTo("\"anon\";q=10;w=10"));
        var statuses = during.Select(r => (int)r.StatusCode).ToList();
        Assert.That(statuses, Is.All.EqualTo(200).Or.EqualTo(429), "never a 5xx because Redis died");
        // Half the burst (two instances), and a request or two refilled meanwhile.
        Assert.That(statuses.Count(s => s == 200), Is.InRange(AnonymousBurst / 2, AnonymousBurst / 2 + 2));
        Assert.That(statuses.TakeWhile(s => s == 200).Count(), Is.EqualTo(statuses.Count(s => s == 200)), "served first, then refused");
        Assert.That(Field(during[0], "RateLimit-Policy"), Is.EqualTo("\"anon\";q=5;w=5"));
        Assert.That(during.Last().Headers.RetryAfter?.Delta, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task With_Redis_down_at_start_requests_are_served_and_limited_locally()
    {
        _redis.Kill();
        await using var app = new ApiFactory(ConnectionString, Clock, redis: _redis.ConnectionString, configure: TwoInstances);
        using var http = app.CreateClient();

        var (served, refused) = await UntilRefusedAsync(http, _ => Get(Countries, "192.0.2.70"), most: 30);

        Assert.That(served, Is.InRange(AnonymousBurst / 2, AnonymousBurst / 2 + 2));
        Assert.That(refused, Is.Not.Null);
        await refused!.ReadProblemAsync();
    }
}
