using Careers.Contracts.Common;
using Careers.Contracts.Postings;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Careers.Tests.Infrastructure;

/// <summary>
/// Public reads have a pool of their own, capped by Careers__Database__ReadPoolSize: however many
/// requests arrive at once, PostgreSQL sees at most that many public-read connections, and every
/// request is still answered.
/// </summary>
public sealed class ReadPoolTests
{
    string _db = "";
    ApiFactory _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _db = await TestEnvironment.CreateDatabaseAsync();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        await using var data = NpgsqlDataSource.Create(_db);
        await new TestData(data, clock).PostingAsync(languages: ["en"], countries: ["DE"]);
        _app = new ApiFactory(_db, clock, configure: b => b
            .UseSetting("Careers:Database:ReadPoolSize", "2")
            .UseSetting("Careers:Cache:Enabled", "false"));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _app.DisposeAsync();
        await TestEnvironment.DropDatabaseAsync(_db);
    }

    [Test]
    public async Task Concurrent_public_reads_share_at_most_the_configured_connections()
    {
        using var http = _app.CreateClient();

        var pages = await Task.WhenAll(Enumerable.Range(1, 24).Select(async i =>
            await (await http.GetAsync($"/v1/postings?lang=en&limit={i}")).ReadAsAsync<Page<PostingSummary>>("PostingPage")));

        Assert.That(pages.Select(p => p.Items.Count), Is.All.EqualTo(1));
        Assert.That(await PostingsLock.PublicReadConnectionsAsync(_db), Is.InRange(1, 2));
    }

    [Test]
    public async Task A_request_that_gets_no_connection_in_time_is_told_to_retry()
    {
        await using var app = new ApiFactory(_db + ";Timeout=1", new ManualClock(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)),
            configure: b => b.UseSetting("Careers:Database:ReadPoolSize", "1").UseSetting("Careers:Cache:Enabled", "false"));
        using var http = app.CreateClient();
        await using var postings = await PostingsLock.TakeAsync(_db);

        var holding = http.GetAsync("/v1/postings?lang=en&limit=3");  // takes the one connection, then waits on the lock
        await postings.UntilAReaderWaitsAsync();
        var refused = await http.GetAsync("/v1/postings?lang=en&limit=4");
        await postings.ReleaseAsync();
        var held = await holding;

        Assert.That((int)refused.StatusCode, Is.EqualTo(503));
        Assert.That((int?)(await refused.ReadProblemAsync())["status"], Is.EqualTo(503));
        Assert.That(refused.Headers.RetryAfter?.ToString(), Is.EqualTo("1"));
        Assert.That(refused.Headers.CacheControl?.NoStore, Is.True);
        Assert.That((int)held.StatusCode, Is.EqualTo(200));
    }
}
