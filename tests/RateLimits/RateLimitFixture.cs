using System.Net.Http.Headers;
using Careers.Tests.Admin;
using Microsoft.AspNetCore.Hosting;

namespace Careers.Tests.RateLimits;

/// <summary>
/// An app with small quotas, a trusted proxy at 10.0.0.1 and the test's peer address: each test uses
/// addresses and keys of its own, so its buckets are its own. The quotas refill at one request a
/// second in real time (the limiter's clock is the Redis bucket's), so counts allow a second or two of refill.
/// </summary>
public abstract class RateLimitFixture : AdminFixture
{
    protected const int AnonymousBurst = 10, PartnerBurst = 30, AdminBurst = 20;

    protected override void ConfigureApp(IWebHostBuilder builder) => Configure(builder);

    protected static void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Careers:RateLimits:Anonymous:RequestsPerSecond", "1");
        builder.UseSetting("Careers:RateLimits:Anonymous:Burst", $"{AnonymousBurst}");
        builder.UseSetting("Careers:RateLimits:Partner:RequestsPerSecond", "1");
        builder.UseSetting("Careers:RateLimits:Partner:Burst", $"{PartnerBurst}");
        builder.UseSetting("Careers:RateLimits:Admin:RequestsPerSecond", "1");
        builder.UseSetting("Careers:RateLimits:Admin:Burst", $"{AdminBurst}");
        builder.UseSetting("Careers:RateLimits:KeyCacheSeconds", "1");
        builder.UseSetting("Careers:Network:TrustedProxies", "10.0.0.1/32, 2001:db8:ffff::/48");
        TestPeerAddress.AddTo(builder);
    }

    /// <summary>A request from <paramref name="peer"/>, with a key, validators or X-Forwarded-For as given.</summary>
    protected static HttpRequestMessage Get(string url, string peer, string? key = null, string? etag = null, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(TestPeerAddress.Header, peer);
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }

    /// <summary>Sends requests one after another until the first 429 (or <paramref name="most"/>): the answers before it, and the 429.</summary>
    protected static async Task<(int Served, HttpResponseMessage? Refused)> UntilRefusedAsync(HttpClient http, Func<int, HttpRequestMessage> request, int most = 200)
    {
        for (var i = 0; i < most; i++)
        {
            var rsp = await http.SendAsync(request(i));
            if ((int)rsp.StatusCode == 429) return (i, rsp);
            Assert.That((int)rsp.StatusCode, Is.LessThan(500), await rsp.Content.ReadAsStringAsync());
        }
        return (most, null);
    }

    protected static string Field(HttpResponseMessage rsp, string name) =>
        rsp.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";
}
