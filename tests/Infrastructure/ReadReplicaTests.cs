using System.Net.Http.Headers;
using Careers.Api.Infrastructure.Auth;
using Careers.Contracts.Admin;
using Careers.Contracts.Common;
using Careers.Contracts.Facets;
using Careers.Contracts.Postings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Careers.Tests.Infrastructure;

/// <summary>
/// ConnectionStrings__PostgresRead: public lists and details read the replica; admin routes and
/// the country facet's loads use the primary. A second database stands in for the replica, so
/// where each answer came from shows.
/// </summary>
public sealed class ReadReplicaTests
{
    string _primary = "", _replica = "";
    ApiFactory _app = null!;
    NpgsqlDataSource _replicaDb = null!;
    readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    Guid _onlyOnReplica;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _primary = await TestEnvironment.CreateDatabaseAsync();
        _replica = await TestEnvironment.CreateDatabaseAsync();
        _replicaDb = NpgsqlDataSource.Create(_replica);
        _onlyOnReplica = await new TestData(_replicaDb, _clock).PostingAsync(languages: ["en"], countries: ["NO"], slug: "only-on-replica");
        _app = new ApiFactory(_primary, _clock, configure: b => b.UseSetting("ConnectionStrings:PostgresRead", _replica));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _app.DisposeAsync();
        await _replicaDb.DisposeAsync();
        await TestEnvironment.DropDatabaseAsync(_primary);
        await TestEnvironment.DropDatabaseAsync(_replica);
    }

    [Test]
    public async Task Public_lists_and_details_read_the_replica()
    {
        using var http = _app.CreateClient();

        var list = await (await http.GetAsync("/v1/postings?lang=en")).ReadAsAsync<Page<PostingSummary>>("PostingPage");
        var detail = await http.GetAsync("/v1/postings/only-on-replica?lang=en");

        Assert.That(list.Items.Select(i => i.Id), Is.EqualTo(new[] { _onlyOnReplica }));
        Assert.That((int)detail.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Admin_routes_and_the_country_facet_use_the_primary()
    {
        using var http = _app.CreateClient();
        var stdout = new StringWriter();
        await _app.Services.GetRequiredService<ApiKeyCommands>().CreateAsync(["--name", "replica-admin", "--scope", ApiKeys.PostingsRead], stdout, TextWriter.Null);
        using var admin = _app.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", stdout.ToString().Trim());

        var adminList = await (await admin.GetAsync("/v1/admin/postings")).ReadAsAsync<Page<AdminPostingSummary>>("AdminPostingPage");
        var facet = await (await http.GetAsync("/v1/countries?lang=en")).ReadAsAsync<CountryFacet>("CountryFacet");

        Assert.That(adminList.Items, Is.Empty);
        Assert.That(facet.Items, Is.Empty);
    }
}
