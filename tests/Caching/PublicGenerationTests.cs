using System.Diagnostics;
using Careers.Tests.Admin;
using Dapper;
using Microsoft.AspNetCore.Hosting;

namespace Careers.Tests.Caching;

/// <summary>
/// "Something public changed" is a counter in PostgreSQL, bumped as part of the writer's commit,
/// that every instance reads at least once a second: a change that is committed but never
/// announced — the writer died between commit and announcement, or Redis is down — is seen
/// everywhere within about a second, not when an entry happens to expire.
/// </summary>
public sealed class PublicGenerationTests : AdminFixture
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(1000);

    async Task<long> GenerationAsync()
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>("SELECT value FROM public_generation");
    }

    /// <summary>An instance reading the generation at the production interval, with the given Redis (none: in-process only).</summary>
    ApiFactory Instance(string? redis = null) => new(ConnectionString, Clock, redis: redis, cachePrefix: App.CachePrefix, configure: b => b
        .UseSetting("Careers:Cache:GenerationPollMilliseconds", ((int)Poll.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Test]
    public async Task Every_transaction_that_writes_postings_bumps_the_generation_once_as_it_commits()
    {
        await Given.PostingAsync(countries: ["EE"]);
        var before = await GenerationAsync();

        await InTransactionAsync(commit: false, "UPDATE postings SET department = department");
        var afterRollback = await GenerationAsync();
        await InTransactionAsync(commit: true, "UPDATE postings SET department = department", "UPDATE posting_translations SET title = title");
        var afterCommit = await GenerationAsync();
        await InTransactionAsync(commit: true, "UPDATE postings SET department = department WHERE false");
        var afterNoRow = await GenerationAsync();

        Assert.That(afterRollback, Is.EqualTo(before), "a rolled-back write changes nothing");
        Assert.That(afterCommit, Is.EqualTo(before + 1), "two statements on two tables, one transaction: one bump");
        Assert.That(afterNoRow, Is.EqualTo(afterCommit), "a statement that wrote no row changes nothing");
    }

    async Task InTransactionAsync(bool commit, params string[] statements)
    {
        await using var conn = await Db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        foreach (var sql in statements) await conn.ExecuteAsync(sql, transaction: tx);
        if (commit) await tx.CommitAsync();
        else await tx.RollbackAsync();
    }

    [TestCase(true, TestName = "A committed change nobody announced reaches every instance within about a second")]
    [TestCase(false, TestName = "Without Redis a committed change reaches every instance within about a second")]
    public async Task A_change_nobody_announced_is_seen_within_the_poll_interval(bool withRedis)
    {
        var redis = withRedis ? TestEnvironment.RedisConnectionString : "";
        await using var a = Instance(redis);
        await using var b = Instance(redis);
        using var httpA = a.CreateClient();
        using var httpB = b.CreateClient();
        var country = withRedis ? "LI" : "MC";
        var beforeA = await httpA.CountriesAsync("en");
        var beforeB = await httpB.CountriesAsync("en");

        // Committed straight to the database: the writer "died" before announcing anything.
        await Given.PostingAsync(countries: [country]);
        var watch = Stopwatch.StartNew();
        var afterA = await httpA.PollCountriesAsync("en", c => c.ContainsKey(country), Poll * 3);
        var afterB = await httpB.PollCountriesAsync("en", c => c.ContainsKey(country), Poll * 3);
        var took = watch.Elapsed;

        Assert.That(beforeA, Does.Not.ContainKey(country));
        Assert.That(beforeB, Does.Not.ContainKey(country));
        Assert.That(afterA, Does.ContainKey(country));
        Assert.That(afterB, Does.ContainKey(country));
        Assert.That(took, Is.LessThan(Poll * 2), "about one poll interval");
    }

    [Test]
    public async Task A_write_through_the_API_is_seen_on_the_next_read_of_the_same_instance_without_waiting_for_the_poll()
    {
        await using var app = Instance(redis: "");
        using var http = app.CreateClient();
        using var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = Admin.DefaultRequestHeaders.Authorization;
        var before = await http.CountriesAsync("en");

        var created = await admin.PostAsync("/v1/admin/postings", System.Net.Http.Json.JsonContent.Create(NewPosting("generation-own-write", countries: ["SM"])));
        var id = (await created.ReadAsAsync<Careers.Contracts.Admin.AdminPosting>("AdminPosting")).Id;
        await admin.PostAsync($"/v1/admin/postings/{id}/publish", null);
        var after = await http.CountriesAsync("en");

        Assert.That(before, Does.Not.ContainKey("SM"));
        Assert.That(after, Does.ContainKey("SM"));
    }
}
