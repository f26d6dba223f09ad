using System.Net;
using System.Net.Http.Json;
using Careers.Tests.Admin;
using Dapper;
using Microsoft.AspNetCore.Hosting;

namespace Careers.Tests.Webhooks.Admin;

/// <summary>A deployment without Careers:Webhooks:SecretKey: nothing can be registered, and the answer says which setting is missing.</summary>
public sealed class SecretKeyMissingTests : AdminFixture
{
    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        builder.UseSetting("Careers:Webhooks:SecretKey", "");
        builder.UseSetting("Careers:Webhooks:AllowInsecure", "true");
        builder.UseSetting("Careers:Webhooks:AllowedTargets", "127.0.0.1");
    }

    [Test]
    public async Task Registration_is_a_503_naming_the_setting_and_writes_nothing()
    {
        var rsp = await Admin.PostAsJsonAsync("/v1/admin/webhooks", new { url = "http://127.0.0.1:9/careers", events = new[] { "posting.published" } });
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await rsp.Content.ReadAsStringAsync());
        var problem = await rsp.ReadProblemAsync();
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("Careers__Webhooks__SecretKey"));
        Assert.That(problem["setting"]!.GetValue<string>(), Is.EqualTo("Careers__Webhooks__SecretKey"));

        await using var conn = await Db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM webhook_subscriptions"), Is.Zero);
        Assert.That((await Admin.GetAsync("/v1/admin/webhooks")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "reading needs no key");
    }
}
