using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using Careers.Api.Localization;
using Dapper;
using ListRequest = Careers.Api.Features.Postings.List.Request;

namespace Careers.Tests.Database;

/// <summary>
/// At 100,000 postings every public query starts from an index: no sequential scan over
/// postings or posting_translations. Plans come from EXPLAIN of the exact SQL the endpoints run.
/// </summary>
public sealed class IndexUsageTests : ApiFixture
{
    const int Postings = 100_000;

    protected override async Task ArrangeAsync()
    {
        var sql = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Database", "generate-postings.sql"));
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync(sql, new { N = Postings, Now = Today }, commandTimeout: 300);
        // The expiry job closes the 5% the generator wrote past their closesAt (in service it closes
        // each as it expires). Done before VACUUM: closing them later would leave the visibility map
        // stale and the planner, rightly, preferring sequential scans over index-only ones.
        await App.Services.GetRequiredService<Careers.Api.Features.Postings.Expiry.ExpiryJob>().RunDueAsync(wait: true);
        await conn.ExecuteAsync("VACUUM ANALYZE postings", commandTimeout: 300);
        await conn.ExecuteAsync("VACUUM ANALYZE posting_translations", commandTimeout: 300);
        await conn.ExecuteAsync("VACUUM ANALYZE posting_pay", commandTimeout: 300);
    }

    static IEnumerable<TestCaseData> Queries()
    {
        static object ListArgs(ListRequest r, bool after = false) => Careers.Api.Features.Postings.List.Endpoint.Args(r,
            after ? new Careers.Api.Infrastructure.Position(Today.AddDays(-30).UtcDateTime, Guid.Parse("00002710-0000-7000-8000-000000002710"), "en") : null,
            Today, take: 21);
        static TestCaseData List(string name, ListRequest r, bool after = false) =>
            new TestCaseData(Careers.Api.Features.Postings.List.Sql.For(r, after), ListArgs(r, after)).SetArgDisplayNames(name);

        yield return List("list all languages", new ListRequest());
        yield return List("list lang=en", new ListRequest { Lang = "en" });
        yield return List("list lang=it (rare)", new ListRequest { Lang = "it" });
        yield return List("list lang=fr&country=DE", new ListRequest { Lang = "fr", Country = "DE" });
        yield return List("list country=MA", new ListRequest { Country = "MA" });
        yield return List("list department=Finance", new ListRequest { Department = "Finance" });
        yield return List("list workplace+employment", new ListRequest { Lang = "de", Workplace = "onsite", Employment = "internship" });
        yield return List("list q", new ListRequest { Lang = "en", Q = "postgresql mentor" });
        yield return List("list deep cursor", new ListRequest { Lang = "en" }, after: true);
        // Issue 11: several values per filter, seniority, payMin + currency.
        yield return List("list country=DE,FR,MA", new ListRequest { Country = "DE,FR,MA" });
        yield return List("list lang=it&country=MA,EG,KE (rare)", new ListRequest { Lang = "it", Country = "MA,EG,KE" });
        yield return List("list workplace=remote,hybrid", new ListRequest { Workplace = "remote,hybrid" });
        yield return List("list lang=de&employment=internship,temporary", new ListRequest { Lang = "de", Employment = "internship,temporary" });
        yield return List("list seniority=senior,lead", new ListRequest { Seniority = "senior,lead" });
        yield return List("list lang=en&seniority=executive", new ListRequest { Lang = "en", Seniority = "executive" });
        yield return List("list lang=it&seniority=internship,principal (rare)", new ListRequest { Lang = "it", Seniority = "internship,principal" });
        yield return List("list payMin=60000&currency=EUR (broad)", new ListRequest { PayMin = "60000", Currency = "EUR" });
        yield return List("list payMin=200000&currency=EUR (selective)", new ListRequest { PayMin = "200000", Currency = "EUR" });
        yield return List("list lang=en&payMin=250000&currency=PLN (overrides)", new ListRequest { Lang = "en", PayMin = "250000", Currency = "PLN" });
        yield return List("list payMin=1&currency=ISK (none)", new ListRequest { PayMin = "1", Currency = "ISK" });
        yield return List("list lang=fr&payMin=100000&currency=CHF&seniority=senior,lead,principal", new ListRequest { Lang = "fr", PayMin = "100000", Currency = "CHF", Seniority = "senior,lead,principal" });
        yield return List("list all filters", new ListRequest
        {
            Lang = "en", Country = "DE,FR,ES,IT", Workplace = "remote,hybrid", Employment = "full_time,contract",
            Seniority = "senior,lead", PayMin = "60000", Currency = "EUR",
        });
        yield return List("list multi-value deep cursor", new ListRequest { Lang = "en", Country = "DE,FR", Seniority = "mid,senior" }, after: true);

        var id = Guid.Parse("00000100-0000-7000-8000-000000000100");
        yield return new TestCaseData(Careers.Api.Features.Postings.Get.Endpoint.SqlFor(byId: true, hasLang: true), new { Now = Today, Id = id, Slug = "", Lang = "en" }).SetArgDisplayNames("detail by id+lang");
        yield return new TestCaseData(Careers.Api.Features.Postings.Get.Endpoint.SqlFor(byId: true, hasLang: false), new { Now = Today, Id = id, Slug = "" }).SetArgDisplayNames("detail by id");
        yield return new TestCaseData(Careers.Api.Features.Postings.Get.Endpoint.SqlFor(byId: false, hasLang: true), new { Now = Today, Id = Guid.Empty, Slug = "posting-en-000000000100", Lang = "en" }).SetArgDisplayNames("detail by slug+lang");
        yield return new TestCaseData(Careers.Api.Features.Postings.Get.Endpoint.SqlFor(byId: false, hasLang: false), new { Now = Today, Id = Guid.Empty, Slug = "posting-en-000000000100" }).SetArgDisplayNames("detail by slug");

        yield return new TestCaseData(Careers.Api.Features.Countries.CountryFacetLoader.FacetSql, new { Now = Today, Lang = "en" }).SetArgDisplayNames("countries en");
        yield return new TestCaseData(Careers.Api.Features.Countries.CountryFacetLoader.FacetSql, new { Now = Today, Lang = "it" }).SetArgDisplayNames("countries it");
        yield return new TestCaseData(Careers.Api.Features.Languages.List.Endpoint.Sql, new { Now = Today }).SetArgDisplayNames("languages");
        yield return new TestCaseData(Careers.Api.Features.Departments.List.Endpoint.AllLanguages, new { Now = Today }).SetArgDisplayNames("departments");
        yield return new TestCaseData(Careers.Api.Features.Departments.List.Endpoint.OneLanguage, new { Now = Today, Lang = "fr" }).SetArgDisplayNames("departments fr");
        yield return new TestCaseData(Careers.Api.Features.Facets.Get.Endpoint.Sql, new { Now = Today, Lang = "en" }).SetArgDisplayNames("facets en");
        yield return new TestCaseData(Careers.Api.Features.Postings.ScheduledChanges.Sql, new { Now = Today }).SetArgDisplayNames("next scheduled change");

        yield return new TestCaseData(Careers.Api.Features.Postings.JobPosting.Endpoint.SqlFor(byId: true, hasLang: false), new { Now = Today, Id = id, Slug = "" }).SetArgDisplayNames("jobposting by id");
        yield return new TestCaseData(Careers.Api.Features.Postings.JobPosting.Endpoint.SqlFor(byId: false, hasLang: true), new { Now = Today, Id = Guid.Empty, Slug = "posting-en-000000000100", Lang = "en" }).SetArgDisplayNames("jobposting by slug+lang");
        // Pages of a few thousand near the start (a 50,000 page of the 57,000 English versions here reads the whole
        // language, and so does a page far in, by its offset: a scan and a sort is what the planner rightly picks for those).
        yield return new TestCaseData(Careers.Api.Features.Sitemaps.Language.Endpoint.Sql, new { Now = Today, Lang = "en", Take = 5_000, Skip = 0L }).SetArgDisplayNames("sitemap en page 1");
        yield return new TestCaseData(Careers.Api.Features.Sitemaps.Language.Endpoint.Sql, new { Now = Today, Lang = "en", Take = 5_000, Skip = 5_000L }).SetArgDisplayNames("sitemap en page 2");
        yield return new TestCaseData(Careers.Api.Features.Sitemaps.Language.Endpoint.Sql, new { Now = Today, Lang = "it", Take = 2, Skip = 4L }).SetArgDisplayNames("sitemap it page 3 of 2");
        object Page(string? lang) => new { Snapshot = (long?)null, Seq = 0L, Id = Guid.Empty, Language = "", Lang = lang, Take = 101 };
        yield return new TestCaseData(Careers.Api.Features.Changes.List.Endpoint.SqlFor(oneLanguage: false), Page(null)).SetArgDisplayNames("changes page");
        yield return new TestCaseData(Careers.Api.Features.Changes.List.Endpoint.SqlFor(oneLanguage: true), Page("fr")).SetArgDisplayNames("changes page lang=fr");
        yield return new TestCaseData(Careers.Api.Features.Postings.Expiry.ExpiryJob.NextDueSql, new { }).SetArgDisplayNames("expiry job: next due");
        yield return new TestCaseData(Careers.Api.Features.Postings.Get.Gone.SqlFor(byId: false, hasLang: true), new { Now = Today, Id = Guid.Empty, Slug = "posting-en-000000000100", Lang = "en" }).SetArgDisplayNames("detail 410 by slug+lang");
        yield return new TestCaseData(Careers.Api.Features.Postings.Get.Gone.SqlFor(byId: true, hasLang: false), new { Now = Today, Id = id, Slug = "" }).SetArgDisplayNames("detail 410 by id");
    }

    [TestCaseSource(nameof(Queries))]
    public async Task Public_query_never_scans_postings_or_translations_sequentially(string sql, object args)
    {
        await using var conn = await Db.OpenConnectionAsync();

        var plan = JsonNode.Parse(await conn.QuerySingleAsync<string>($"EXPLAIN (FORMAT JSON) {sql}", args))!;

        var scans = Nodes(plan[0]!["Plan"]!).Where(n => (string?)n["Node Type"] == "Seq Scan").Select(n => (string?)n["Relation Name"]).ToList();
        Assert.That(scans, Has.None.AnyOf("postings", "posting_translations"), () => plan.ToJsonString());
        Assert.That(Nodes(plan[0]!["Plan"]!).Any(n => ((string?)n["Node Type"])?.Contains("Index", StringComparison.Ordinal) == true), () => plan.ToJsonString());
    }

    static IEnumerable<JsonNode> Nodes(JsonNode node) =>
        new[] { node }.Concat(node["Plans"]?.AsArray().SelectMany(child => Nodes(child!)) ?? []);
}
