using System.Net;
using Careers.Client;
using Microsoft.AspNetCore.Hosting;

namespace Careers.Tests.Client;

/// <summary>Over the quota, as the client sees it: a 429 exception with Retry-After.</summary>
public sealed class ClientRateLimitTests : ApiFixture
{
    const int Burst = 5;

    // The tests' defaults are far above what a fixture sends; this app gets a small anonymous quota,
    // refilled at one request a second (as tests/RateLimits does).
    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        builder.UseSetting("Careers:RateLimits:Anonymous:RequestsPerSecond", "1");
        builder.UseSetting("Careers:RateLimits:Anonymous:Burst", $"{Burst}");
    }

    [Test]
    public async Task Past_the_quota_the_client_throws_a_429_with_retry_after()
    {
        var client = new CareersClient(Http);
        CareersApiException? refused = null;
        var served = 0;

        for (; served < Burst + 20 && refused is null; served++)
        {
            try { await client.ListLanguagesAsync(); }
            catch (CareersApiException e) { refused = e; }
        }

        Assert.That(refused, Is.Not.Null, "no 429");
        Assert.That(served - 1, Is.InRange(Burst, Burst + 2), "the burst, and what refilled meanwhile");
        Assert.That(refused!.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(refused.Problem.Status, Is.EqualTo(429));
        Assert.That(refused.RetryAfter, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(Burst)));
    }
}
