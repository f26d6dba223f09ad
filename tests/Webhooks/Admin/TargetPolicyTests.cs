using System.Net;
using System.Net.Http.Json;
using Careers.Tests.Admin;
using Dapper;

namespace Careers.Tests.Webhooks.Admin;

/// <summary>
/// A deployment with the default target policy (no AllowInsecure, no AllowedTargets): only https to
/// public addresses may be registered. The refusal names url, and no row is written.
/// </summary>
public sealed class TargetPolicyTests : AdminFixture
{
    static readonly string[] Events = ["posting.published"];

    [TestCase("http://hooks.example.com/careers", 400, TestName = "http without AllowInsecure")]
    [TestCase("https://127.0.0.1/careers", 422, TestName = "loopback 127.0.0.1")]
    [TestCase("https://10.0.0.1/careers", 422, TestName = "private 10.0.0.1")]
    [TestCase("https://169.254.169.254/latest/meta-data", 422, TestName = "cloud metadata 169.254.169.254")]
    [TestCase("https://[::1]/careers", 422, TestName = "IPv6 loopback [::1]")]
    [TestCase("https://localhost/careers", 422, TestName = "localhost")]
    public async Task A_target_that_is_not_public_https_is_refused_naming_url(string url, int status)
    {
        var rsp = await Admin.PostAsJsonAsync("/v1/admin/webhooks", new { url, events = Events });
        Assert.That((int)rsp.StatusCode, Is.EqualTo(status), await rsp.Content.ReadAsStringAsync());
        var problem = await rsp.ReadProblemAsync();
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Does.Contain("url"));

        await using var conn = await Db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM webhook_subscriptions"), Is.Zero);
    }
}
