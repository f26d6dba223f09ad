using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Careers.Client;
using Careers.Contracts.Postings;
using Careers.Tests.Contract;
using Careers.Api.Infrastructure.Auth;

namespace Careers.Tests.Client;

/// <summary>Every public route through <see cref="CareersClient"/>, against the real app: what a .NET integrator sees.</summary>
public sealed class CareersClientTests : ClientFixture
{
    readonly List<Guid> _seeded = [];
    Guid _bilingual;

    protected override async Task ArrangeClientAsync()
    {
        // 23 postings, every third also in French, one minute apart (distinct publishedAt), and one
        // that expired a minute ago: public once, so its detail is a 410.
        for (var i = 0; i < 23; i++)
            _seeded.Add(await Given.PostingAsync(
                languages: i % 3 == 0 ? ["en", "fr"] : ["en"], countries: i % 2 == 0 ? ["DE"] : ["FR", "DE"],
                department: i % 4 == 0 ? "Data" : "Engineering", seniority: i % 2 == 0 ? "senior" : "mid"));
        _bilingual = _seeded[0];
        await Given.PostingAsync(languages: ["en"], slug: "expired-role", publishedAt: Today.AddDays(-30), closesAt: Today.AddMinutes(-1));
    }

    [Test]
    public void Every_public_route_of_the_contract_has_a_client_method_and_every_client_method_a_route()
    {
        var contract = OpenApiContract.Operations.Where(o => !o.Contains(" /v1/admin", StringComparison.Ordinal)).ToList();

        var client = typeof(CareersClient).GetMethods()
            .SelectMany(m => m.GetCustomAttributes(typeof(CareersRouteAttribute), false).Cast<CareersRouteAttribute>())
            .Select(r => $"{r.Method} {r.Path}").ToList();

        Assert.That(client, Is.EquivalentTo(contract), "a new public route in openapi.yaml needs a method in clients/dotnet/CareersClient.cs marked [CareersRoute]");
    }

    [Test]
    public void Every_parameter_of_a_public_route_can_be_sent_through_the_client()
    {
        var methods = typeof(CareersClient).GetMethods()
            .Select(m => (Method: m, Route: (CareersRouteAttribute?)Attribute.GetCustomAttribute(m, typeof(CareersRouteAttribute))))
            .Where(m => m.Route is not null)
            .ToDictionary(m => $"{m.Route!.Method} {m.Route.Path}", m => m.Method);

        foreach (var op in OpenApiContract.OperationDetails.Where(o => !o.Path.StartsWith("/v1/admin", StringComparison.Ordinal)))
        {
            // A route without a method is the test above's failure.
            if (!methods.TryGetValue(op.ToString(), out var method)) continue;
            var parameters = method.GetParameters();
            var client = parameters.Select(p => p.Name!)
                .Concat(parameters.Any(p => p.ParameterType == typeof(PostingQuery)) ? typeof(PostingQuery).GetProperties().Select(p => p.Name) : [])
                .Select(Normalized).ToHashSet();

            // If-Modified-Since is left out on purpose: every answer that has Last-Modified has an ETag, the finer validator.
            var missing = op.Parameters.Select(p => p.Name).Where(n => n != "If-Modified-Since").Where(n => !client.Contains(Normalized(n)));

            Assert.That(missing, Is.Empty, $"{op}: parameters of openapi.yaml the client cannot send");
        }

        static string Normalized(string name) => name.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant() switch
        {
            "countries" => "country",
            var n => n,
        };
    }

    [Test]
    public void The_feed_posting_record_has_exactly_the_properties_of_the_contracts_FeedPosting()
    {
        var schema = OpenApiContract.Resolve(OpenApiDocument()["components"]!["schemas"]!["FeedPosting"]!);
        var expected = schema["properties"]!.AsObject().Select(p => p.Key).Order();

        var actual = typeof(FeedPosting).GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order();

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public async Task Postings_list_and_detail_are_the_contract_types()
    {
        var page = await Client.ListPostingsAsync(new PostingQuery(Lang: "fr", Limit: 100));
        var detail = await Client.GetPostingAsync(_bilingual.ToString(), "fr", TextFormat.Html);
        var bySlug = await Client.GetPostingAsync(detail.Value!.Slug, "fr");

        Assert.That(page.Value!.Items.Select(i => i.Id), Is.EquivalentTo(_seeded.Where((_, i) => i % 3 == 0)));
        Assert.That(page.Value.NextCursor, Is.Null);
        Assert.That(page.ETag, Does.StartWith("\""));
        Assert.That(detail.Value.Language, Is.EqualTo("fr"));
        Assert.That(detail.Value.Translations.Select(t => t.Language), Is.EquivalentTo(new[] { "en", "fr" }));
        Assert.That(detail.Value.Url, Does.StartWith("https://careers.example.com/fr/jobs/"));
        Assert.That(detail.Value.Sections[0].Items[0], Is.EqualTo("Design APIs"));
        Assert.That(bySlug.Value!.Id, Is.EqualTo(_bilingual));
    }

    [Test]
    public async Task Filters_reach_the_api_as_it_spells_them()
    {
        var all = await Client.ListPostingsAsync(new PostingQuery(Lang: "en", Limit: 100));

        var filtered = await Client.ListPostingsAsync(new PostingQuery(
            Lang: "en", Countries: ["fr"], Department: "Engineering", Workplace: [WorkplaceType.Remote, WorkplaceType.Hybrid],
            Employment: [EmploymentType.FullTime], Seniority: [Seniority.Mid], Q: "backend", Limit: 100));

        var expected = all.Value!.Items.Where(p => p.Countries.Contains("FR") && p.Department == "Engineering" && p.Seniority == Seniority.Mid);
        Assert.That(filtered.Value!.Items, Is.Not.Empty);
        Assert.That(filtered.Value.Items.Select(p => p.Id), Is.EqualTo(expected.Select(p => p.Id)));
    }

    [Test]
    public async Task The_facets_languages_departments_and_countries_count_what_the_list_lists()
    {
        var en = (await Client.ListPostingsAsync(new PostingQuery(Lang: "en", Limit: 100))).Value!.Items;
        var fr = (await Client.ListPostingsAsync(new PostingQuery(Lang: "fr", Limit: 100))).Value!.Items;

        var countries = await Client.ListCountriesAsync("fr");
        var facets = await Client.GetFacetsAsync("en");
        var languages = await Client.ListLanguagesAsync();
        var departments = await Client.ListDepartmentsAsync("en");

        Assert.That(countries.Value!.Items.Select(c => (c.Code, c.Count)),
            Is.EquivalentTo(fr.SelectMany(p => p.Countries).GroupBy(c => c).Select(g => (g.Key, g.Count()))));
        Assert.That(countries.Value.Items.Single(c => c.Code == "DE").Name, Is.EqualTo("Allemagne"));
        Assert.That(facets.Value!.Total, Is.EqualTo(en.Count));
        Assert.That(facets.Value.Seniorities.Sum(s => s.Count), Is.EqualTo(en.Count));
        Assert.That(languages.Value!.Items.Select(l => (l.Code, l.Count)), Is.EqualTo(new[] { ("en", en.Count), ("fr", fr.Count) }));
        Assert.That(departments.Value!.Items.Select(d => (d.Name, d.Count)),
            Is.EquivalentTo(en.GroupBy(p => p.Department).Select(g => (g.Key, g.Count()))));
    }

    [Test]
    public async Task The_change_stream_starts_with_the_public_set_and_is_caught_up_with_a_304()
    {
        var versions = (await Client.ListPostingsAsync(new PostingQuery(Limit: 100))).Value!.Items;

        var pages = new List<Careers.Contracts.Changes.ChangePage>();
        await foreach (var page in Client.ReadChangesAsync(limit: 7)) pages.Add(page);
        var head = await Client.ListChangesAsync(pages[^1].NextCursor);
        var again = await Client.ListChangesAsync(pages[^1].NextCursor, ifNoneMatch: head.ETag);

        Assert.That(pages.SelectMany(p => p.Items).Where(c => c.Type == Careers.Contracts.Changes.ChangeType.Upsert).Select(c => (c.Id, c.Language)), Is.EquivalentTo(versions.Select(v => (v.Id, v.Language))));
        Assert.That(pages.SelectMany(p => p.Items).Where(c => c.Type == Careers.Contracts.Changes.ChangeType.Upsert).Select(c => c.Posting?.Title), Has.None.Null);
        Assert.That(pages, Has.Count.EqualTo(versions.Count / 7 + 1));
        Assert.That(head.Value!.Items, Is.Empty);
        Assert.That(again.NotModified, Is.True);
        Assert.That(again.Value, Is.Null);
        Assert.That(again.ETag, Is.EqualTo(head.ETag));
    }

    [Test]
    public async Task The_search_engine_routes_answer_json_ld_and_sitemaps()
    {
        var jsonLd = await Client.GetJobPostingJsonLdAsync(_bilingual.ToString(), "en");
        var index = await Client.GetSitemapIndexAsync();
        var sitemap = await Client.GetSitemapAsync("fr");
        var secondPage = Client.GetSitemapAsync("fr", page: 2);

        using var doc = JsonDocument.Parse(jsonLd.Value!);
        Assert.That(doc.RootElement.GetProperty("@type").GetString(), Is.EqualTo("JobPosting"));
        Assert.That(doc.RootElement.GetProperty("inLanguage").GetString(), Is.EqualTo("en"));
        Assert.That(XDocument.Parse(index.Value!).Root!.Elements().Select(e => e.Elements().First().Value),
            Is.EquivalentTo(new[] { $"{SiteSettings.ApiBaseUrl}/v1/sitemaps/en.xml", $"{SiteSettings.ApiBaseUrl}/v1/sitemaps/fr.xml" }));
        Assert.That(XDocument.Parse(sitemap.Value!).Root!.Elements().Count(), Is.EqualTo(8));
        Assert.That(async () => await secondPage, Throws.InstanceOf<CareersApiException>().With.Property("StatusCode").EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task The_feeds_hold_every_visible_version()
    {
        var list = (await Client.ListPostingsAsync(new PostingQuery(Lang: "en", Limit: 100))).Value!.Items;

        var json = await Client.GetPostingsFeedAsync("en");
        var notModified = await Client.GetPostingsFeedAsync("en", json.ETag);
        var indeed = await Client.GetIndeedFeedAsync("en");
        XDocument xml;
        await using (var stream = indeed.Value!) xml = await XDocument.LoadAsync(stream, LoadOptions.None, CancellationToken.None);

        Assert.That(json.Value!.Language, Is.EqualTo("en"));
        Assert.That(json.Value.Items.Select(p => (p.Id, p.Title)), Is.EqualTo(list.Select(p => (p.Id, p.Title))));
        Assert.That(json.Value.Items[0].DescriptionHtml, Does.Contain("<li>Design APIs</li>"));
        Assert.That(notModified.NotModified, Is.True);
        Assert.That(xml.Root!.Name.LocalName, Is.EqualTo("source"));
        Assert.That(xml.Root.Elements("job").Select(j => j.Element("requisitionid")!.Value).Distinct(), Is.EquivalentTo(list.Select(p => p.Id.ToString())));
    }

    [Test]
    public async Task The_contract_and_the_health_probes_answer()
    {
        var contract = await Client.GetOpenApiDocumentAsync();
        var live = await Client.GetLivenessAsync();
        var ready = await Client.GetReadinessAsync();

        Assert.That(contract.Value, Does.StartWith("openapi: '3.1.0'"));
        Assert.That(live.Status, Is.EqualTo("Healthy"));
        Assert.That(ready.Status, Is.EqualTo("Healthy"));
        Assert.That(ready.Checks.Keys, Is.SupersetOf(new[] { "postgres", "redis" }));
    }

    [Test]
    public async Task Paging_yields_every_posting_once_in_the_apis_order_across_pages()
    {
        var (client, recorder) = Recorded();
        var onePage = (await Client.ListPostingsAsync(new PostingQuery(Limit: 100))).Value!.Items;

        var paged = new List<PostingSummary>();
        await foreach (var p in client.ListAllPostingsAsync(new PostingQuery(Limit: 4))) paged.Add(p);

        Assert.That(onePage, Has.Count.EqualTo(23 + 8));
        Assert.That(onePage.Select(p => p.Id).Distinct(), Is.SupersetOf(_seeded));
        Assert.That(paged.Select(p => (p.Id, p.Language)), Is.EqualTo(onePage.Select(p => (p.Id, p.Language))));
        Assert.That(recorder.Requests, Is.EqualTo((onePage.Count + 3) / 4));
    }

    [Test]
    public async Task Paging_keeps_the_filters_on_every_page()
    {
        var onePage = (await Client.ListPostingsAsync(new PostingQuery(Lang: "en", Countries: ["FR"], Limit: 100))).Value!.Items;

        var paged = new List<PostingSummary>();
        await foreach (var p in Client.ListAllPostingsAsync(new PostingQuery(Lang: "en", Countries: ["FR"], Limit: 2))) paged.Add(p);

        Assert.That(paged, Has.Count.EqualTo(11));
        Assert.That(paged.Select(p => p.Id), Is.EqualTo(onePage.Select(p => p.Id)));
    }

    [Test]
    public async Task Cancelling_stops_paging_between_items_and_fetches_no_further_page()
    {
        var (client, recorder) = Recorded();
        using var cts = new CancellationTokenSource();
        var seen = 0;

        Assert.That(async () =>
        {
            await foreach (var _ in client.ListAllPostingsAsync(new PostingQuery(Limit: 3), cts.Token))
                if (++seen == 5) await cts.CancelAsync();
        }, Throws.InstanceOf<OperationCanceledException>());

        Assert.That(seen, Is.EqualTo(5));
        Assert.That(recorder.Requests, Is.EqualTo(2));
    }

    [Test]
    public async Task A_token_cancelled_before_the_first_page_sends_nothing()
    {
        var (client, recorder) = Recorded();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        Assert.That(async () => { await foreach (var _ in client.ListAllPostingsAsync(ct: cts.Token)) { } }, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(recorder.Requests, Is.Zero);
    }

    [Test]
    public async Task A_conditional_get_with_the_etag_held_is_not_modified_and_carries_no_body()
    {
        var first = await Client.GetPostingAsync(_bilingual.ToString(), "en");
        var list = await Client.ListPostingsAsync(new PostingQuery(Limit: 5));

        var detail = await Client.GetPostingAsync(_bilingual.ToString(), "en", ifNoneMatch: first.ETag);
        var page = await Client.ListPostingsAsync(new PostingQuery(Limit: 5), ifNoneMatch: list.ETag);
        var otherLanguage = await Client.GetPostingAsync(_bilingual.ToString(), "fr", ifNoneMatch: first.ETag);

        Assert.That(detail.NotModified, Is.True);
        Assert.That(detail.Value, Is.Null);
        Assert.That(detail.ETag, Is.EqualTo(first.ETag));
        Assert.That(page.NotModified, Is.True);
        Assert.That(otherLanguage.NotModified, Is.False, "another answer, another tag");
        Assert.That(otherLanguage.Value!.Language, Is.EqualTo("fr"));
    }

    [Test]
    public async Task A_bad_parameter_is_an_exception_naming_the_field()
    {
        var limit = await CaughtAsync(() => Client.ListPostingsAsync(new PostingQuery(Limit: 1000)));
        var lang = await CaughtAsync(() => Client.ListCountriesAsync("english"));
        var cursor = await CaughtAsync(() => Client.ListPostingsAsync(cursor: "not-a-cursor"));
        var country = await CaughtAsync(() => Client.ListPostingsAsync(new PostingQuery(Countries: ["DE", "XX"])));

        foreach (var (e, field) in new[] { (limit, "limit"), (lang, "lang"), (cursor, "cursor"), (country, "country") })
        {
            Assert.That(e.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), field);
            Assert.That(e.Problem.Status, Is.EqualTo(400), field);
            Assert.That(e.Problem.Errors!.Keys, Does.Contain(field), field);
            Assert.That(e.Problem.Errors[field], Is.Not.Empty, field);
            Assert.That(e.Message, Does.StartWith("400 "), field);
        }
        Assert.That(limit.Problem.Title, Is.EqualTo("The request has invalid parameters."));
        Assert.That(limit.Problem.TraceId, Is.Not.Empty);
    }

    [Test]
    public async Task An_unknown_posting_is_a_404_and_an_expired_one_a_410_with_its_reason()
    {
        var unknown = await CaughtAsync(() => Client.GetPostingAsync("no-such-role"));
        var gone = await CaughtAsync(() => Client.GetPostingAsync("expired-role"));
        var goneJsonLd = await CaughtAsync(() => Client.GetJobPostingJsonLdAsync("expired-role"));

        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(unknown.Problem.Status, Is.EqualTo(404));
        Assert.That(unknown.Problem.Detail, Is.Not.Empty);
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.Gone));
        Assert.That(gone.Problem.Extensions!["reason"].GetString(), Is.EqualTo("expired"));
        Assert.That(gone.Problem.Extensions["closedAt"].GetDateTimeOffset(), Is.EqualTo(Today.AddMinutes(-1)));
        Assert.That(goneJsonLd.StatusCode, Is.EqualTo(HttpStatusCode.Gone));
    }

    [Test]
    public async Task A_partner_key_goes_as_a_bearer_token_and_counts_against_the_partner_quota()
    {
        var key = await CreateKeyAsync("client-partner", ApiKeys.PublicRead);
        var (client, recorder, services) = Registered(key);
        await using var _ = services;

        var languages = await client.ListLanguagesAsync();

        Assert.That(languages.Value!.Items, Is.Not.Empty);
        Assert.That(recorder.LastAuthorization?.ToString(), Is.EqualTo($"Bearer {key}"));
        Assert.That(string.Join(",", recorder.LastHeaders!.GetValues("RateLimit-Policy")), Does.StartWith("\"partner\""));
    }

    [Test]
    public async Task Registered_without_a_key_the_client_is_anonymous()
    {
        var (client, recorder, services) = Registered(partnerKey: null);
        await using var _ = services;

        var facets = await client.GetFacetsAsync("fr");

        Assert.That(facets.Value!.Total, Is.EqualTo(8));
        Assert.That(recorder.LastAuthorization, Is.Null);
        Assert.That(string.Join(",", recorder.LastHeaders!.GetValues("RateLimit-Policy")), Does.StartWith("\"anon\""));
    }

    [Test]
    public async Task An_unknown_partner_key_is_a_401_and_one_without_public_read_a_403()
    {
        var (unknownKeyClient, _, unknownServices) = Registered("ck_" + new string('x', 43));
        await using var _1 = unknownServices;
        var adminKey = await CreateKeyAsync("client-admin-only", ApiKeys.PostingsRead);
        var (adminKeyClient, _, adminServices) = Registered(adminKey);
        await using var _2 = adminServices;

        var unauthorized = await CaughtAsync(() => unknownKeyClient.ListLanguagesAsync());
        var forbidden = await CaughtAsync(() => adminKeyClient.ListLanguagesAsync());

        Assert.That(unauthorized.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(unauthorized.Problem.Status, Is.EqualTo(401));
        Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(forbidden.Problem.Status, Is.EqualTo(403));
    }

    [Test]
    public void Registering_without_a_base_address_fails_when_the_client_is_resolved()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Microsoft.Extensions.DependencyInjection.CareersClientServiceCollectionExtensions.AddCareersClient(services, _ => { });
        using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);

        Assert.That(() => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<CareersClient>(provider),
            Throws.InstanceOf<Microsoft.Extensions.Options.OptionsValidationException>().With.Message.Contains("BaseAddress"));
    }

    internal static async Task<CareersApiException> CaughtAsync<T>(Func<Task<T>> call)
    {
        try
        {
            await call();
        }
        catch (CareersApiException e)
        {
            return e;
        }
        Assert.Fail("expected a CareersApiException");
        throw new InvalidOperationException();
    }

    static System.Text.Json.Nodes.JsonNode OpenApiDocument()
    {
        var yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi.yaml"));
        var graph = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize(new StringReader(yaml));
        return System.Text.Json.Nodes.JsonNode.Parse(new YamlDotNet.Serialization.SerializerBuilder().JsonCompatible().Build().Serialize(graph))!;
    }
}
