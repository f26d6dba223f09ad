using System.Net;
using System.Net.Http.Headers;
using Careers.Api.Infrastructure.Changes;
using Careers.Contracts.Common;
using Careers.Contracts.Facets;
using Careers.Contracts.Postings;
using Microsoft.Extensions.DependencyInjection;

namespace Careers.Tests.Facets;

/// <summary>
/// GET /v1/facets over random data (fixed seed) with every way of being invisible: each bucket's
/// count is what the list answers with that one filter, in every language, and a model of the
/// visibility rule gives the same numbers.
/// </summary>
public sealed class FacetsAgainstFiltersTests : ApiFixture
{
    const int Seed = 20261125;
    static readonly string[] Languages = ["en", "fr", "de", "es"];
    static readonly string[] Countries = ["DE", "FR", "ES", "IT", "NL", "AT", "BE", "PL"];
    static readonly string[] Departments = ["Engineering", "Design", "Data", "Sales", "Ärzte", "Zoo"];
    static readonly string[] Workplaces = ["remote", "hybrid", "onsite"];
    static readonly string[] Employments = ["full_time", "part_time", "contract", "internship", "temporary"];
    static readonly string?[] Seniorities = ["internship", "entry", "mid", "senior", "lead", "principal", "executive", null, null];

    readonly List<Generated> _postings = [];

    protected override async Task ArrangeAsync()
    {
        var random = new Random(Seed);
        for (var i = 0; i < 60; i++)
        {
            var languages = Pick(random, Languages, random.Next(1, 4));
            var countries = Pick(random, Countries, random.Next(1, 4));
            var status = random.Next(10) switch { 0 => "draft", 1 => "closed", _ => "published" };
            DateTimeOffset? publishedAt = status == "draft" ? null : Today.AddHours(-random.Next(-72, 24 * 60));
            DateTimeOffset? closesAt = publishedAt is { } p && random.Next(2) == 0 ? p.AddHours(random.Next(1, 24 * 60)) : null;
            var g = new Generated(languages, countries, status, publishedAt, closesAt,
                Departments[random.Next(Departments.Length)], Workplaces[random.Next(Workplaces.Length)],
                Employments[random.Next(Employments.Length)], Seniorities[random.Next(Seniorities.Length)]);

            var id = await Given.PostingAsync(languages, countries, status, publishedAt, closesAt, g.Department, g.Workplace, g.Employment);
            await Given.JobAdAsync(id, g.Seniority);
            _postings.Add(g);
        }
        // Every kind of invisible posting is there, and enough visible ones.
        Assert.That(_postings, Has.Some.Matches<Generated>(p => p!.Status == "draft"));
        Assert.That(_postings, Has.Some.Matches<Generated>(p => p!.Status == "closed"));
        Assert.That(_postings, Has.Some.Matches<Generated>(p => p!.Status == "published" && p.PublishedAt > Today));
        Assert.That(_postings, Has.Some.Matches<Generated>(p => p!.Status == "published" && p.ClosesAt <= Today));
        Assert.That(_postings.Count(p => p.IsVisible(Today)), Is.GreaterThan(20));
        Assert.That(_postings, Has.Some.Matches<Generated>(p => p!.IsVisible(Today) && p.Seniority is null));
    }

    async Task<FacetCounts> FacetsAsync(string lang)
    {
        var rsp = await Http.GetAsync($"/v1/facets?lang={lang}");
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rsp.Content.ReadAsStringAsync());
        return await rsp.ReadAsAsync<FacetCounts>("FacetCounts");
    }

    async Task<int> CountAsync(string query)
    {
        var (count, cursor) = (0, (string?)null);
        do
        {
            var url = $"/v1/postings?{query}&limit=100" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await Http.GetAsync(url)).ReadAsAsync<Page<PostingSummary>>("PostingPage");
            count += page.Items.Count;
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return count;
    }

    [Test]
    public async Task Each_bucket_counts_what_the_list_answers_with_that_one_filter()
    {
        foreach (var lang in Languages)
        {
            var facets = await FacetsAsync(lang);

            Assert.That(facets.Language, Is.EqualTo(lang));
            Assert.That(facets.Total, Is.EqualTo(await CountAsync($"lang={lang}")), $"{lang} total");
            foreach (var c in facets.Countries)
                Assert.That(c.Count, Is.EqualTo(await CountAsync($"lang={lang}&country={c.Code}")), $"{lang} country {c.Code}");
            foreach (var d in facets.Departments)
                Assert.That(d.Count, Is.EqualTo(await CountAsync($"lang={lang}&department={Uri.EscapeDataString(d.Name)}")), $"{lang} department {d.Name}");
            foreach (var w in facets.WorkplaceTypes)
                Assert.That(w.Count, Is.EqualTo(await CountAsync($"lang={lang}&workplace={w.Value}")), $"{lang} workplace {w.Value}");
            foreach (var e in facets.EmploymentTypes)
                Assert.That(e.Count, Is.EqualTo(await CountAsync($"lang={lang}&employment={e.Value}")), $"{lang} employment {e.Value}");
            foreach (var s in facets.Seniorities)
                Assert.That(s.Count, Is.EqualTo(await CountAsync($"lang={lang}&seniority={s.Value}")), $"{lang} seniority {s.Value}");
        }
    }

    [Test]
    public async Task Counts_match_a_model_of_the_visibility_rule_per_language()
    {
        foreach (var lang in Languages)
        {
            var visible = _postings.Where(p => p.IsVisible(Today) && p.Languages.Contains(lang)).ToList();

            var facets = await FacetsAsync(lang);

            Assert.That(facets.Total, Is.EqualTo(visible.Count), lang);
            Assert.That(facets.Countries.ToDictionary(c => c.Code, c => c.Count), Is.EquivalentTo(visible.SelectMany(p => p.Countries).CountBy(c => c)), lang);
            Assert.That(facets.Departments.ToDictionary(d => d.Name, d => d.Count), Is.EquivalentTo(visible.CountBy(p => p.Department)), lang);
            Assert.That(facets.WorkplaceTypes.ToDictionary(w => w.Value, w => w.Count), Is.EquivalentTo(visible.CountBy(p => p.Workplace)), lang);
            Assert.That(facets.EmploymentTypes.ToDictionary(e => e.Value, e => e.Count), Is.EquivalentTo(visible.CountBy(p => p.Employment)), lang);
            Assert.That(facets.Seniorities.ToDictionary(s => s.Value, s => s.Count),
                Is.EquivalentTo(visible.Where(p => p.Seniority is not null).CountBy(p => p.Seniority!)), lang);
        }
    }

    [Test]
    public async Task A_posting_without_seniority_is_in_the_total_and_in_no_seniority()
    {
        var lang = Languages.First(l => _postings.Any(p => p.IsVisible(Today) && p.Languages.Contains(l) && p.Seniority is null));
        var none = _postings.Count(p => p.IsVisible(Today) && p.Languages.Contains(lang) && p.Seniority is null);

        var facets = await FacetsAsync(lang);

        Assert.That(none, Is.GreaterThan(0));
        Assert.That(facets.Total - facets.Seniorities.Sum(s => s.Count), Is.EqualTo(none));
        Assert.That(facets.WorkplaceTypes.Sum(w => w.Count), Is.EqualTo(facets.Total));
        Assert.That(facets.EmploymentTypes.Sum(e => e.Count), Is.EqualTo(facets.Total));
        Assert.That(facets.Departments.Sum(d => d.Count), Is.EqualTo(facets.Total));
    }

    [Test]
    public async Task Lists_come_in_a_sidebar_s_order_without_empty_buckets()
    {
        foreach (var lang in Languages)
        {
            var departments = await (await Http.GetAsync($"/v1/departments?lang={lang}")).ReadAsAsync<DepartmentFacet>("DepartmentFacet");

            var facets = await FacetsAsync(lang);

            Assert.That(facets.Departments, Is.EqualTo(departments.Items), $"{lang}: as /v1/departments sorts them, by the language's collation");
            Assert.That(facets.WorkplaceTypes.Select(w => w.Value), Is.EqualTo(InOrder<WorkplaceType>(facets.WorkplaceTypes)), lang);
            Assert.That(facets.EmploymentTypes.Select(e => e.Value), Is.EqualTo(InOrder<EmploymentType>(facets.EmploymentTypes)), lang);
            Assert.That(facets.Seniorities.Select(s => s.Value), Is.EqualTo(InOrder<Seniority>(facets.Seniorities)), lang);
            Assert.That(new[] { facets.Countries.Select(c => c.Count), facets.Departments.Select(d => d.Count), facets.WorkplaceTypes.Select(w => w.Count),
                facets.EmploymentTypes.Select(e => e.Count), facets.Seniorities.Select(s => s.Count) }.SelectMany(x => x), Has.All.GreaterThan(0), lang);
        }
    }

    // The enum's declared order (remote, hybrid, onsite; internship … executive) of the values present.
    static IEnumerable<string> InOrder<T>(IReadOnlyList<ValueCount> counts) where T : struct, Enum =>
        Careers.Api.Features.Postings.DbEnum.Names<T>().Where(n => counts.Any(c => c.Value == n));

    static string[] Pick(Random random, string[] from, int count) =>
        [.. from.OrderBy(_ => random.Next()).Take(count)];

    sealed record Generated(string[] Languages, string[] Countries, string Status, DateTimeOffset? PublishedAt, DateTimeOffset? ClosesAt,
        string Department, string Workplace, string Employment, string? Seniority)
    {
        public bool IsVisible(DateTimeOffset now) =>
            Status == "published" && PublishedAt <= now && (ClosesAt is null || ClosesAt > now);
    }
}

/// <summary>Postings visible, scheduled, expiring and never visible, for the /v1/facets fixtures below.</summary>
public abstract class FacetsFixture : ApiFixture
{

    protected override async Task ArrangeAsync()
    {
        var both = await Given.PostingAsync(languages: ["en", "fr"], countries: ["FR", "BE"], workplace: "hybrid", employment: "contract");
        await Given.JobAdAsync(both, "lead");
        await Given.PostingAsync(languages: ["fr"], countries: ["FR"], department: "Data", workplace: "onsite");
        var english = await Given.PostingAsync(languages: ["en"], countries: ["DE"], department: "Data");
        await Given.JobAdAsync(english, "senior");
        var scheduled = await Given.PostingAsync(languages: ["en"], countries: ["NL"], publishedAt: Today.AddHours(2), employment: "internship");
        await Given.JobAdAsync(scheduled, "internship");
        var expiring = await Given.PostingAsync(languages: ["en"], countries: ["AT"], publishedAt: Today.AddDays(-3), closesAt: Today.AddHours(1), workplace: "onsite");
        await Given.JobAdAsync(expiring, "executive");
        await Given.PostingAsync(languages: ["en"], countries: ["IT"], publishedAt: Today.AddDays(-9), closesAt: Today.AddHours(-1), department: "Sales");
        await Given.PostingAsync(languages: ["en"], countries: ["ES"], status: "draft", department: "Sales");
        await Given.PostingAsync(languages: ["en"], countries: ["PT"], status: "closed", department: "Sales");
        // The expiry job closes the expired posting soon after the app starts, a write that ends every
        // kept answer: let it happen now, not between a test's two requests. Then the app reads the
        // generation these rows, written behind its back, made.
        await App.Services.GetRequiredService<Careers.Api.Features.Postings.Expiry.ExpiryJob>().RunDueAsync(wait: true);
        await RefreshAsync();
    }

    protected Task RefreshAsync() => App.Services.GetRequiredService<PublicChanges>().RefreshAsync(CancellationToken.None);

    protected static string Header(HttpResponseMessage rsp, string name) =>
        rsp.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";

    protected async Task<FacetCounts> FacetsAsync(string lang, HttpClient? http = null)
    {
        var rsp = await (http ?? Http).GetAsync($"/v1/facets?lang={lang}");
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await rsp.ReadAsAsync<FacetCounts>("FacetCounts");
    }
}

/// <summary>
/// GET /v1/facets as time passes, alone in its fixture: moving the clock past a closesAt lets the
/// expiry job close that posting for real, which the other fixtures' answers must not see.
/// </summary>
public sealed class FacetsOverTimeTests : FacetsFixture
{
    [Test]
    public async Task A_scheduled_posting_counts_once_its_time_comes_and_an_expiring_one_stops_counting_without_a_write()
    {
        var before = await FacetsAsync("en");

        Clock.Now = Today.AddHours(2); // the scheduled posting goes live, the expiring one closes at +1 h
        FacetCounts after;
        try
        {
            after = await FacetsAsync("en");
        }
        finally
        {
            Clock.Now = Today;
        }

        Assert.That(before.Seniorities.Select(s => s.Value), Does.Contain("executive").And.Not.Contain("internship"));
        Assert.That(after.Total, Is.EqualTo(before.Total));
        Assert.That(after.Seniorities.Select(s => s.Value), Does.Contain("internship").And.Not.Contain("executive"));
        Assert.That(after.Countries.Select(c => c.Code), Does.Contain("NL").And.Not.Contain("AT"));
        Assert.That(after.EmploymentTypes.Select(e => e.Value), Does.Contain("internship"));
    }
}

/// <summary>GET /v1/facets kept and revalidated, shared between instances through Redis, and odd input.</summary>
public sealed class FacetsCachingTests : FacetsFixture
{
    [Test]
    public async Task The_answer_is_kept_and_revalidated_with_its_ETag()
    {
        var first = await Http.GetAsync("/v1/facets?lang=en");
        var second = await Http.GetAsync("/v1/facets?lang=en");
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/facets?lang=en");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var notModified = await Http.SendAsync(request);

        Assert.That(first.Headers.ETag, Is.Not.Null);
        Assert.That(first.Headers.ETag!.IsWeak, Is.False);
        Assert.That(first.Headers.CacheControl?.ToString(), Does.Contain("public").And.Contain("max-age=15"));
        Assert.That(Header(second, "Cache-Status"), Does.Contain("hit"));
        Assert.That(second.Headers.ETag, Is.EqualTo(first.Headers.ETag));
        Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(await notModified.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(notModified.Headers.ETag, Is.EqualTo(first.Headers.ETag));
    }

    [Test]
    public async Task Another_instance_gets_the_answer_from_Redis()
    {
        var loaded = await Http.GetAsync("/v1/facets?lang=fr");
        await using var other = new ApiFactory(ConnectionString, Clock, cachePrefix: App.CachePrefix);
        using var otherHttp = other.CreateClient();

        var fromRedis = await otherHttp.GetAsync("/v1/facets?lang=fr");

        Assert.That(Header(fromRedis, "Cache-Status"), Does.Contain("hit"), "kept in Redis by the first instance");
        Assert.That(await fromRedis.Content.ReadAsByteArrayAsync(), Is.EqualTo(await loaded.Content.ReadAsByteArrayAsync()));
        Assert.That(fromRedis.Headers.ETag, Is.EqualTo(loaded.Headers.ETag));
    }

    [TestCase("/v1/facets?lang=en&lang=fr", "one of cs, da, de")]
    [TestCase("/v1/facets?lang=en%00", "NUL")]
    [TestCase("/v1/facets?country=DE", "lang is required")]
    public async Task Without_one_supported_lang_it_is_a_400_naming_lang_that_is_never_kept(string url, string says)
    {
        var rsp = await Http.GetAsync(url);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(rsp.Headers.CacheControl?.NoCache, Is.True);
        Assert.That(rsp.Headers.ETag, Is.Null);
        var errors = (await rsp.ReadProblemAsync())["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.EqualTo(new[] { "lang" }));
        Assert.That(errors["lang"]!.AsArray().Select(m => m!.GetValue<string>()), Has.Some.Contains(says));
    }

    [Test]
    public async Task Unknown_parameters_are_ignored()
    {
        var plain = await Http.GetAsync("/v1/facets?lang=fr");
        var withOther = await Http.GetAsync("/v1/facets?lang=fr&country=DE&seniority=moon");

        Assert.That(withOther.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await withOther.Content.ReadAsStringAsync(), Is.EqualTo(await plain.Content.ReadAsStringAsync()));
    }
}
