using Careers.Api.Infrastructure;
using Dapper;
using DbUp;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Careers.Tests.Database;

/// <summary>
/// Migration 0009 on a database made by the migrations before it, holding rows written the old way:
/// cities become locations in the posting's first country, first_published_at comes from the audit
/// trail or the publication, and the copies of seniority exist.
/// </summary>
public sealed class JobAdMigrationTests
{
    static readonly Guid TwoCountries = Guid.Parse("00000000-0000-7000-8000-000000000001");
    static readonly Guid NoCountry = Guid.Parse("00000000-0000-7000-8000-000000000002");
    static readonly Guid Republished = Guid.Parse("00000000-0000-7000-8000-000000000003");
    static readonly Guid NeverPublished = Guid.Parse("00000000-0000-7000-8000-000000000004");

    string _cs = "";

    [OneTimeSetUp]
    public async Task BuildOldDatabaseThenMigrate()
    {
        _cs = await EmptyDatabase.CreateAsync();
        // Every migration before 0009, as a database deployed with the previous release has them.
        var result = DeployChanges.To.PostgresqlDatabase(_cs)
            .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly,
                name => name.Contains(".Database.Migrations.", StringComparison.Ordinal) && string.CompareOrdinal(ScriptNumber(name), "0009") < 0)
            .WithTransactionPerScript().LogToNowhere().Build().PerformUpgrade();
        Assert.That(result.Successful, Is.True, result.Error?.ToString());

        await using (var conn = new NpgsqlConnection(_cs))
        {
            await conn.OpenAsync();
            await conn.ExecuteAsync("""
                INSERT INTO postings (id, department, employment_type, workplace_type, countries, cities, status, published_at) VALUES
                  (@TwoCountries, 'Data', 'full_time', 'hybrid', '{DE,AT}', '{Berlin,Wien}', 'published', '2026-10-01T00:00:00Z'),
                  (@NoCountry, 'Data', 'full_time', 'onsite', '{}', '{Lisboa}', 'draft', NULL),
                  (@Republished, 'Data', 'full_time', 'remote', '{FR}', '{}', 'published', '2026-11-01T00:00:00Z'),
                  (@NeverPublished, 'Data', 'full_time', 'remote', '{FR}', '{}', 'draft', NULL);
                INSERT INTO posting_translations (posting_id, language, slug, title) VALUES
                  (@TwoCountries, 'en', 'data-engineer', 'Data Engineer');
                INSERT INTO audit_log (at, actor, action, posting_id, version_before, version_after) VALUES
                  ('2026-09-01T00:00:00Z', 'ops', 'published', @Republished, 1, 2),
                  ('2026-10-15T00:00:00Z', 'ops', 'unpublished', @Republished, 2, 3),
                  ('2026-11-01T00:00:00Z', 'ops', 'published', @Republished, 3, 4);
                """, new { TwoCountries, NoCountry, Republished, NeverPublished });
        }

        await using var db = NpgsqlDataSource.Create(_cs);
        await new Migrator(db, new MigrationSettings(_cs), NullLogger<Migrator>.Instance).MigrateAsync();
    }

    [OneTimeTearDown]
    public Task Drop() => EmptyDatabase.DropAsync(_cs);

    static string ScriptNumber(string resource) =>
        resource[(resource.IndexOf(".Database.Migrations.", StringComparison.Ordinal) + ".Database.Migrations.".Length)..][..4];

    async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var conn = new NpgsqlConnection(_cs);
        return (await conn.ExecuteScalarAsync<T>(sql, args))!;
    }

    [Test]
    public async Task Cities_become_locations_in_the_postings_first_country_in_their_order()
    {
        var locations = await ScalarAsync<string>("SELECT locations::text FROM postings WHERE id = @TwoCountries", new { TwoCountries });
        Assert.That(locations, Is.EqualTo("""[{"city": "Berlin", "country": "DE"}, {"city": "Wien", "country": "DE"}]"""));
    }

    [Test]
    public async Task A_city_of_a_posting_without_countries_keeps_its_name_without_a_country()
    {
        var locations = await ScalarAsync<string>("SELECT locations::text FROM postings WHERE id = @NoCountry", new { NoCountry });
        Assert.That(locations, Is.EqualTo("""[{"city": "Lisboa"}]"""));
    }

    [Test]
    public async Task The_cities_column_is_gone()
    {
        Assert.That(await ScalarAsync<long>(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'postings' AND column_name = 'cities'"), Is.Zero);
    }

    [Test]
    public async Task firstPublishedAt_is_the_earliest_publication_the_database_knows()
    {
        Assert.That(await ScalarAsync<DateTime>("SELECT first_published_at FROM postings WHERE id = @Republished", new { Republished }),
            Is.EqualTo(new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.That(await ScalarAsync<DateTime>("SELECT first_published_at FROM postings WHERE id = @TwoCountries", new { TwoCountries }),
            Is.EqualTo(new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.That(await ScalarAsync<DateTime?>("SELECT first_published_at FROM postings WHERE id = @NeverPublished", new { NeverPublished }), Is.Null);
    }

    [Test]
    public async Task After_the_migration_the_database_keeps_firstPublishedAt_whoever_writes()
    {
        await using var conn = new NpgsqlConnection(_cs);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await conn.ExecuteAsync("UPDATE postings SET status = 'published', published_at = '2026-11-20T00:00:00Z' WHERE id = @NeverPublished", new { NeverPublished }, tx);
        await conn.ExecuteAsync("UPDATE postings SET first_published_at = '2020-01-01T00:00:00Z', published_at = '2026-11-21T00:00:00Z' WHERE id = @TwoCountries", new { TwoCountries }, tx);

        Assert.That(await conn.ExecuteScalarAsync<DateTime>("SELECT first_published_at FROM postings WHERE id = @NeverPublished", new { NeverPublished }, tx),
            Is.EqualTo(new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc)));
        Assert.That(await conn.ExecuteScalarAsync<DateTime>("SELECT first_published_at FROM postings WHERE id = @TwoCountries", new { TwoCountries }, tx),
            Is.EqualTo(new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc)));
        await tx.RollbackAsync();
    }

    [Test]
    public async Task Language_versions_carry_the_seniority_their_posting_gets()
    {
        await using var conn = new NpgsqlConnection(_cs);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await conn.ExecuteAsync("UPDATE postings SET seniority = 'senior' WHERE id = @TwoCountries", new { TwoCountries }, tx);
        Assert.That(await conn.ExecuteScalarAsync<string>("SELECT seniority FROM posting_translations WHERE posting_id = @TwoCountries", new { TwoCountries }, tx),
            Is.EqualTo("senior"));
        await tx.RollbackAsync();
    }
}
