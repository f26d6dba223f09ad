using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Careers.Tests.Contract;
using Microsoft.AspNetCore.Hosting;

namespace Careers.Tests.Seo;

/// <summary>
/// GET /v1/postings/{idOrSlug}/jobposting: a schema.org JobPosting as Google's job-posting
/// structured-data guidelines ask for it, per workplace type, safe to embed in a script element.
/// </summary>
public sealed class JobPostingJsonLdTests : ApiFixture
{
    const string Hostile = "</script><script>alert(1)</script> <!-- x --> \u2028 \u2029 </SCRIPT >";
    Guid _remote, _hybrid, _onsiteCities, _onsiteNoCities, _hybridSeveralCountries, _closing, _multi, _hostile;
    readonly Dictionary<string, Guid> _byEmployment = [];
    readonly Dictionary<string, Guid> _hidden = [];

    protected override void ConfigureApp(IWebHostBuilder builder) => SiteSettings.Apply(builder);

    protected override async Task ArrangeAsync()
    {
        _remote = await Given.PostingAsync(languages: ["en"], slug: "remote-role", workplace: "remote", countries: ["DE", "FR", "PL"],
            publishedAt: new DateTimeOffset(2026, 11, 20, 9, 5, 28, TimeSpan.Zero));
        _hybrid = await Given.PostingAsync(languages: ["en"], slug: "hybrid-role", workplace: "hybrid", countries: ["DE"]);
        await Cities(_hybrid, "Berlin", "München");
        _onsiteCities = await Given.PostingAsync(languages: ["en"], slug: "onsite-cities", workplace: "onsite", countries: ["FR"]);
        await Cities(_onsiteCities, "Paris", "Lyon");
        _onsiteNoCities = await Given.PostingAsync(languages: ["en"], slug: "onsite-no-cities", workplace: "onsite", countries: ["DE", "AT"]);
        _hybridSeveralCountries = await Given.PostingAsync(languages: ["en"], slug: "hybrid-two-countries", workplace: "hybrid", countries: ["NL", "BE"]);
        await Locations(_hybridSeveralCountries, """[{"city": "Amsterdam", "country": "NL"}, {"city": "Brussels", "country": "BE"}]""");
        var addressed = await Given.PostingAsync(languages: ["en"], slug: "onsite-addressed", workplace: "onsite", countries: ["DE", "US", "AT"]);
        await Locations(addressed, """
            [{"city": "München", "country": "DE", "region": "DE-BY", "postalCode": "80331", "streetAddress": "Marienplatz 1"},
             {"city": "Austin", "country": "US", "region": "US-TX"}]
            """);
        var remoteZones = await Given.PostingAsync(languages: ["en"], slug: "remote-zones", workplace: "remote", countries: ["PT"]);
        await Given.ExecuteAsync("UPDATE postings SET utc_offset_min = -1, utc_offset_max = 2, locations = '[{\"city\": \"Lisbon\", \"country\": \"PT\"}]' WHERE id = @id", new { id = remoteZones });

        // Pay: a range, a fixed hourly amount, a one-country posting with an override, several countries
        // paying differently, a net range; how to apply; the employer's reference.
        await Pay(await Given.PostingAsync(languages: ["en"], slug: "pay-range", countries: ["DE", "FR"]), ("", "EUR", 70000m, 90000m, "year", true));
        await Pay(await Given.PostingAsync(languages: ["en"], slug: "pay-fixed-hourly", countries: ["US"]), ("", "USD", 25.5m, 25.5m, "hour", true));
        await Pay(await Given.PostingAsync(languages: ["en"], slug: "pay-one-country-override", countries: ["PL"]),
            ("", "EUR", 60000m, 80000m, "year", true), ("PL", "PLN", 12000m, 16000m, "month", true));
        await Pay(await Given.PostingAsync(languages: ["en"], slug: "pay-countries-differ", countries: ["DE", "PL"]),
            ("", "EUR", 60000m, 80000m, "year", true), ("PL", "PLN", 12000m, 16000m, "month", true));
        await Pay(await Given.PostingAsync(languages: ["en"], slug: "pay-all-overridden-alike", countries: ["CH", "LI"]),
            ("", "EUR", 60000m, 80000m, "year", true), ("CH", "CHF", 100000m, 120000m, "year", true), ("LI", "CHF", 100000m, 120000m, "year", true));
        await Pay(await Given.PostingAsync(languages: ["en"], slug: "pay-net", countries: ["DE"]), ("", "EUR", 3000m, 3500m, "month", false));
        foreach (var (slug, url, email) in new (string Slug, string? Url, string? Email)[]
        {
            ("apply-same-site", "https://careers.example.com/apply/42", null),
            ("apply-same-site-other-case", "HTTPS://Careers.Example.com:443/apply/42", null),
            ("apply-other-site", "https://jobs.example.com/apply/42", null),
            ("apply-same-host-http", "http://careers.example.com/apply/42", null),
            ("apply-by-email", null, "jobs@example.com"),
        })
            await Given.ExecuteAsync("UPDATE postings SET apply_url = @url, apply_email = @email WHERE id = @id",
                new { id = await Given.PostingAsync(languages: ["en"], slug: slug), url, email });
        // A language version's own apply replaces the posting's.
        var overridden = await Given.PostingAsync(languages: ["en"], slug: "apply-overridden");
        await Given.ExecuteAsync("UPDATE postings SET apply_email = 'jobs@example.com' WHERE id = @id; UPDATE posting_translations SET apply_url = 'https://careers.example.com/en/apply' WHERE posting_id = @id", new { id = overridden });
        await Given.ExecuteAsync("UPDATE postings SET requisition_id = 'ENG-2026-042' WHERE id = @id",
            new { id = await Given.PostingAsync(languages: ["en"], slug: "with-requisition") });
        _closing = await Given.PostingAsync(languages: ["en"], slug: "closing-role", closesAt: Today.AddDays(10).AddSeconds(30));
        // Written in German first: the original version is German.
        _multi = await Given.PostingAsync(languages: ["de", "en"], slug: "multi-role", title: "Plattform");
        foreach (var employment in new[] { "full_time", "part_time", "contract", "internship", "temporary" })
            _byEmployment[employment] = await Given.PostingAsync(languages: ["en"], slug: $"employment-{employment.Replace('_', '-')}", employment: employment);

        _hostile = await Given.PostingAsync(languages: ["en"], slug: "hostile-role", title: "Engineer " + Hostile, summary: "Summary " + Hostile);
        await Given.ExecuteAsync("UPDATE posting_translations SET title = @title, sections = @sections::jsonb WHERE posting_id = @id",
            new
            {
                id = _hostile, title = "Engineer " + Hostile,
                sections = JsonSerializer.Serialize(new[] { new { kind = "custom", heading = "Heading " + Hostile, paragraphs = new[] { "Paragraph " + Hostile }, items = new[] { "Item " + Hostile } } }),
            });

        _hidden["draft"] = await Given.PostingAsync(languages: ["en"], slug: "draft-role", status: "draft");
        _hidden["closed"] = await Given.PostingAsync(languages: ["en"], slug: "closed-role", status: "closed", publishedAt: Today.AddDays(-5));
        _hidden["expired"] = await Given.PostingAsync(languages: ["en"], slug: "expired-role", publishedAt: Today.AddDays(-30), closesAt: Today.AddMinutes(-1));
        _hidden["scheduled"] = await Given.PostingAsync(languages: ["en"], slug: "scheduled-role", publishedAt: Today.AddMinutes(1));
    }

    Task Locations(Guid id, string json) =>
        Given.ExecuteAsync("UPDATE postings SET locations = @json::jsonb WHERE id = @id", new { id, json });

    async Task Pay(Guid id, params (string Country, string Currency, decimal Min, decimal Max, string Period, bool Gross)[] ranges)
    {
        foreach (var r in ranges)
            await Given.ExecuteAsync("INSERT INTO posting_pay (posting_id, country, currency, min, max, period, gross) VALUES (@id, @Country, @Currency, @Min, @Max, @Period, @Gross)",
                new { id, r.Country, r.Currency, r.Min, r.Max, r.Period, r.Gross });
    }

    Task Cities(Guid id, params string[] cities) =>
        Given.ExecuteAsync("UPDATE postings SET locations = (SELECT jsonb_agg(jsonb_build_object('city', c, 'country', countries[1])) FROM unnest(@cities::text[]) c) WHERE id = @id", new { id, cities });

    async Task<JsonObject> GetAsync(string idOrSlug, string? lang = null)
    {
        var rsp = await Http.GetAsync($"/v1/postings/{idOrSlug}/jobposting" + (lang is null ? "" : $"?lang={lang}"));
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rsp.Content.ReadAsStringAsync());
        Assert.That(rsp.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/ld+json"));
        var body = await rsp.Content.ReadAsStringAsync();
        OpenApiContract.AssertConforms(body, "JobPostingJsonLd");
        return JsonNode.Parse(body)!.AsObject();
    }

    [Test]
    public async Task The_required_properties_are_there()
    {
        var ld = await GetAsync("remote-role");

        Assert.That(ld["@context"]!.GetValue<string>(), Is.EqualTo("https://schema.org"));
        Assert.That(ld["@type"]!.GetValue<string>(), Is.EqualTo("JobPosting"));
        Assert.That(ld["title"]!.GetValue<string>(), Is.EqualTo("Backend Engineer (en)"));
        Assert.That(ld["datePosted"]!.GetValue<string>(), Is.EqualTo("2026-11-20T09:05:28+00:00"));
        var organization = ld["hiringOrganization"]!.AsObject();
        Assert.That(organization["@type"]!.GetValue<string>(), Is.EqualTo("Organization"));
        Assert.That(organization["name"]!.GetValue<string>(), Is.EqualTo("Example GmbH"));
        Assert.That(organization["sameAs"]!.GetValue<string>(), Is.EqualTo("https://www.example.com"));
        Assert.That(organization["logo"]!.GetValue<string>(), Is.EqualTo("https://www.example.com/logo.png"));
    }

    [Test]
    public async Task The_description_is_the_whole_version_as_html()
    {
        var ld = await GetAsync("remote-role");

        var description = ld["description"]!.GetValue<string>();
        Assert.That(description, Does.StartWith("<p>Build the systems behind our careers pages.</p>"));
        Assert.That(description, Does.Contain("<h2>Responsibilities</h2>"));
        Assert.That(description, Does.Contain("<li>Design APIs</li>").And.Contain("<li>Run PostgreSQL</li>"));
    }

    [Test]
    public async Task The_description_is_the_html_rendered_at_the_write_when_there_is_one()
    {
        await using var app = await SiteSettingsApp.StartAsync();
        var id = await app.Given.PostingAsync(languages: ["en"], slug: "stored-html");
        await app.Given.ExecuteAsync("UPDATE posting_translations SET description_html = '<p>As rendered at the write</p>' WHERE posting_id = @id", new { id });

        var body = await app.Http.GetStringAsync("/v1/postings/stored-html/jobposting");

        Assert.That(JsonNode.Parse(body)!["description"]!.GetValue<string>(), Is.EqualTo("<p>As rendered at the write</p>"));
    }

    [Test]
    public async Task The_recommended_properties_are_there()
    {
        var ld = await GetAsync(_remote.ToString());

        Assert.That(ld["employmentType"]!.GetValue<string>(), Is.EqualTo("FULL_TIME"));
        var identifier = ld["identifier"]!.AsObject();
        Assert.That(identifier["@type"]!.GetValue<string>(), Is.EqualTo("PropertyValue"));
        Assert.That(identifier["name"]!.GetValue<string>(), Is.EqualTo("Example GmbH"));
        Assert.That(identifier["value"]!.GetValue<string>(), Is.EqualTo(_remote.ToString()));
        Assert.That(ld["directApply"]!.GetValue<bool>(), Is.False, "no apply stated");
        Assert.That(ld["inLanguage"]!.GetValue<string>(), Is.EqualTo("en"));
        Assert.That(ld["url"]!.GetValue<string>(), Is.EqualTo("https://careers.example.com/en/jobs/remote-role"));
        Assert.That(ld.ContainsKey("baseSalary"), Is.False, "this posting states no pay");
    }

    [Test]
    public async Task ValidThrough_is_closesAt_and_absent_when_open_ended()
    {
        var closing = await GetAsync("closing-role");
        var open = await GetAsync("remote-role");

        Assert.That(closing["validThrough"]!.GetValue<string>(), Is.EqualTo(Today.AddDays(10).AddSeconds(30).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'")));
        Assert.That(open.ContainsKey("validThrough"), Is.False);
    }

    [TestCase("full_time", "FULL_TIME")]
    [TestCase("part_time", "PART_TIME")]
    [TestCase("contract", "CONTRACTOR")]
    [TestCase("internship", "INTERN")]
    [TestCase("temporary", "TEMPORARY")]
    public async Task EmploymentType_is_Googles_value_for_ours(string ours, string google)
    {
        var ld = await GetAsync(_byEmployment[ours].ToString());

        Assert.That(ld["employmentType"]!.GetValue<string>(), Is.EqualTo(google));
    }

    [Test]
    public async Task Remote_is_telecommute_with_a_country_per_country_and_no_job_location()
    {
        var ld = await GetAsync("remote-role");

        Assert.That(ld["jobLocationType"]!.GetValue<string>(), Is.EqualTo("TELECOMMUTE"));
        var countries = ld["applicantLocationRequirements"]!.AsArray();
        Assert.That(countries.Select(c => c!["@type"]!.GetValue<string>()), Is.All.EqualTo("Country"));
        Assert.That(countries.Select(c => c!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Germany", "France", "Poland" }));
        Assert.That(ld.ContainsKey("jobLocation"), Is.False);
    }

    [Test]
    public async Task Hybrid_has_a_place_per_city_and_is_not_telecommute()
    {
        var ld = await GetAsync("hybrid-role");

        Assert.That(Places(ld), Is.EqualTo(new[] { ("Berlin", "DE"), ("München", "DE") }));
        Assert.That(ld.ContainsKey("jobLocationType"), Is.False, "Google keeps TELECOMMUTE for 100% remote jobs");
        Assert.That(ld.ContainsKey("applicantLocationRequirements"), Is.False);
    }

    [Test]
    public async Task Onsite_with_cities_has_a_place_per_city_with_its_country()
    {
        var ld = await GetAsync("onsite-cities");

        Assert.That(Places(ld), Is.EqualTo(new[] { ("Paris", "FR"), ("Lyon", "FR") }));
        Assert.That(ld.ContainsKey("jobLocationType"), Is.False);
    }

    [Test]
    public async Task Onsite_without_cities_has_a_place_per_country()
    {
        var ld = await GetAsync("onsite-no-cities");

        Assert.That(Places(ld), Is.EqualTo(new[] { ((string?)null, "DE"), (null, "AT") }));
    }

    [Test]
    public async Task Each_location_is_a_place_in_its_own_country()
    {
        var ld = await GetAsync("hybrid-two-countries");

        Assert.That(Places(ld), Is.EqualTo(new[] { ("Amsterdam", "NL"), ("Brussels", "BE") }));
    }

    [Test]
    public async Task A_place_has_the_locations_whole_address_and_a_country_without_a_location_a_place_of_its_own()
    {
        var ld = await GetAsync("onsite-addressed");

        var addresses = ld["jobLocation"]!.AsArray().Select(p => p!["address"]!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })).ToList();
        Assert.That(addresses, Is.EqualTo(new[]
        {
            """{"@type":"PostalAddress","streetAddress":"Marienplatz 1","addressLocality":"München","addressRegion":"BY","postalCode":"80331","addressCountry":"DE"}""",
            """{"@type":"PostalAddress","addressLocality":"Austin","addressRegion":"TX","addressCountry":"US"}""",
            """{"@type":"PostalAddress","addressCountry":"AT"}""",
        }));
    }

    [Test]
    public async Task A_remote_postings_time_zones_have_no_place_in_the_markup_nor_its_office_a_job_location()
    {
        var ld = await GetAsync("remote-zones");

        Assert.That(ld["jobLocationType"]!.GetValue<string>(), Is.EqualTo("TELECOMMUTE"));
        Assert.That(ld["applicantLocationRequirements"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Portugal" }));
        Assert.That(ld.ContainsKey("jobLocation"), Is.False);
        Assert.That(ld.ToJsonString(), Does.Not.Contain("utc").IgnoreCase.And.Not.Contain("Lisbon"));
    }

    [TestCase("pay-range", "EUR", 70000, 90000, "YEAR")]
    [TestCase("pay-one-country-override", "PLN", 12000, 16000, "MONTH")]
    [TestCase("pay-countries-differ", "EUR", 60000, 80000, "YEAR")]
    [TestCase("pay-all-overridden-alike", "CHF", 100000, 120000, "YEAR")]
    public async Task BaseSalary_is_the_range_paid_in_every_country_or_else_the_postings_own(string slug, string currency, decimal min, decimal max, string unit)
    {
        var ld = await GetAsync(slug);

        var salary = ld["baseSalary"]!;
        Assert.That(salary["@type"]!.GetValue<string>(), Is.EqualTo("MonetaryAmount"));
        Assert.That(salary["currency"]!.GetValue<string>(), Is.EqualTo(currency));
        var value = salary["value"]!;
        Assert.That(value["@type"]!.GetValue<string>(), Is.EqualTo("QuantitativeValue"));
        Assert.That((value["minValue"]!.GetValue<decimal>(), value["maxValue"]!.GetValue<decimal>(), value["unitText"]!.GetValue<string>()),
            Is.EqualTo((min, max, unit)));
        Assert.That(value.AsObject().ContainsKey("value"), Is.False);
    }

    [Test]
    public async Task A_fixed_amount_is_one_value()
    {
        var ld = await GetAsync("pay-fixed-hourly");

        Assert.That(ld["baseSalary"]!["value"]!.ToJsonString(), Is.EqualTo("""{"@type":"QuantitativeValue","value":25.5,"unitText":"HOUR"}"""));
    }

    [Test]
    public async Task A_net_range_is_no_base_salary()
    {
        var ld = await GetAsync("pay-net");

        Assert.That(ld.ContainsKey("baseSalary"), Is.False, "base salary is gross pay");
    }

    [TestCase("apply-same-site", true)]
    [TestCase("apply-same-site-other-case", true)]
    [TestCase("apply-overridden", true)]
    [TestCase("apply-other-site", false)]
    [TestCase("apply-same-host-http", false)]
    [TestCase("apply-by-email", false)]
    public async Task DirectApply_is_true_only_for_an_apply_page_on_the_careers_site_itself(string slug, bool direct)
    {
        var ld = await GetAsync(slug);

        Assert.That(ld["directApply"]!.GetValue<bool>(), Is.EqualTo(direct));
    }

    [Test]
    public async Task The_identifier_is_the_employers_requisition_id_when_it_has_one()
    {
        var ld = await GetAsync("with-requisition");

        Assert.That(ld["identifier"]!.ToJsonString(), Is.EqualTo("""{"@type":"PropertyValue","name":"Example GmbH","value":"ENG-2026-042"}"""));
    }

    [Test]
    public async Task DatePosted_is_the_first_publication_however_often_the_posting_is_published_again()
    {
        var id = await Given.PostingAsync(languages: ["en"], slug: "published-again", publishedAt: Today.AddDays(-10));
        await Given.ExecuteAsync("UPDATE postings SET published_at = @at, updated_at = now() WHERE id = @id", new { id, at = Today.AddHours(-2) });

        var ld = await GetAsync("published-again");

        Assert.That(ld["datePosted"]!.GetValue<string>(), Is.EqualTo(Today.AddDays(-10).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'")));
    }

    static IEnumerable<(string? City, string Country)> Places(JsonObject ld) =>
        ld["jobLocation"]!.AsArray().Select(p =>
        {
            Assert.That(p!["@type"]!.GetValue<string>(), Is.EqualTo("Place"));
            var address = p["address"]!;
            Assert.That(address["@type"]!.GetValue<string>(), Is.EqualTo("PostalAddress"));
            return (address["addressLocality"]?.GetValue<string>(), address["addressCountry"]!.GetValue<string>());
        }).ToList();

    [Test]
    public async Task Without_lang_it_is_the_original_version_and_with_lang_that_version()
    {
        var original = await GetAsync(_multi.ToString());
        var english = await GetAsync(_multi.ToString(), "en");

        Assert.That((original["inLanguage"]!.GetValue<string>(), original["title"]!.GetValue<string>()), Is.EqualTo(("de", "Plattform (de)")));
        Assert.That(original["url"]!.GetValue<string>(), Is.EqualTo("https://careers.example.com/de/jobs/multi-role"));
        Assert.That((english["inLanguage"]!.GetValue<string>(), english["url"]!.GetValue<string>()),
            Is.EqualTo(("en", "https://careers.example.com/en/jobs/multi-role")));
    }

    [Test]
    public async Task Nothing_in_the_body_can_end_or_open_anything_inside_a_script_element()
    {
        var rsp = await Http.GetAsync("/v1/postings/hostile-role/jobposting");
        var body = await rsp.Content.ReadAsStringAsync();

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Does.Not.Contain("</script").IgnoreCase);
        Assert.That(body, Does.Not.Contain("<!--"));
        Assert.That(body, Does.Not.Contain("<").And.Not.Contain(">").And.Not.Contain("&"));
        Assert.That(body, Does.Not.Contain("\u2028").And.Not.Contain("\u2029"));
        // And what it says is what was written: the escapes read back as the characters.
        var ld = JsonNode.Parse(body)!;
        Assert.That(ld["title"]!.GetValue<string>(), Is.EqualTo("Engineer " + Hostile));
        var description = ld["description"]!.GetValue<string>();
        Assert.That(description, Does.Not.Contain("<script").IgnoreCase, "the text is text in the HTML, not markup");
        Assert.That(description, Does.Contain("Summary").And.Contain("Heading").And.Contain("Paragraph").And.Contain("Item"));
    }

    [Test]
    public async Task It_is_cached_like_the_detail_and_revalidates_with_a_304()
    {
        var first = await Http.GetAsync("/v1/postings/remote-role/jobposting");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/v1/postings/remote-role/jobposting");
        again.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.ToString());

        var second = await Http.SendAsync(again);

        Assert.That(first.Headers.CacheControl!.ToString(), Does.StartWith("public, max-age=60"));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(second.Headers.ETag, Is.EqualTo(first.Headers.ETag));
    }

    [TestCase("draft")]
    [TestCase("closed")]
    [TestCase("scheduled")]
    public async Task A_posting_that_was_never_public_is_a_404(string which)
    {
        var byId = await Http.GetAsync($"/v1/postings/{_hidden[which]}/jobposting");
        var bySlug = await Http.GetAsync($"/v1/postings/{which}-role/jobposting?lang=en");

        await AssertNotFoundAsync(byId);
        await AssertNotFoundAsync(bySlug);
    }

    [Test]
    public async Task A_posting_that_was_public_and_left_is_a_410_with_when_and_why_so_search_engines_drop_it()
    {
        var expired = await Http.GetAsync($"/v1/postings/{_hidden["expired"]}/jobposting");
        Assert.That(expired.StatusCode, Is.EqualTo(HttpStatusCode.Gone));
        var problem = await expired.ReadProblemAsync();
        Assert.That(problem["reason"]!.GetValue<string>(), Is.EqualTo("expired"));
        Assert.That(DateTimeOffset.Parse(problem["closedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(Today.AddMinutes(-1)));

        var closing = await Given.PostingAsync(languages: ["en", "de"], slug: "closed-later", publishedAt: Today.AddDays(-2));
        Assert.That((await Http.GetAsync("/v1/postings/closed-later/jobposting?lang=de")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Given.ExecuteAsync("UPDATE postings SET status = 'closed' WHERE id = @id; SELECT log_public_changes(ARRAY[@id], @now)", new { id = closing, now = Today });
        await App.Services.GetRequiredService<Careers.Api.Infrastructure.Changes.PublicChanges>().RefreshAsync(CancellationToken.None);

        foreach (var address in new[] { $"{closing}/jobposting", "closed-later/jobposting?lang=de", "closed-later/jobposting" })
        {
            var rsp = await Http.GetAsync($"/v1/postings/{address}");
            Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Gone), address);
            Assert.That(rsp.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That((await rsp.ReadProblemAsync())["reason"]!.GetValue<string>(), Is.EqualTo("closed"), address);
        }
    }

    [TestCase("no-such-role", null)]
    [TestCase("7d1c2a9e-5f3b-4c6d-8e0f-1a2b3c4d5e6f", null)]
    [TestCase("remote-role", "fr")]
    public async Task An_unknown_address_or_a_language_without_a_version_is_a_404(string idOrSlug, string? lang)
    {
        var rsp = await Http.GetAsync($"/v1/postings/{idOrSlug}/jobposting" + (lang is null ? "" : $"?lang={lang}"));

        await AssertNotFoundAsync(rsp);
    }

    [Test]
    public async Task An_unknown_language_is_a_400_naming_lang()
    {
        var rsp = await Http.GetAsync("/v1/postings/remote-role/jobposting?lang=english");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await rsp.ReadProblemAsync();
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "lang" }));
    }

    static async Task AssertNotFoundAsync(HttpResponseMessage rsp)
    {
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var problem = await rsp.ReadProblemAsync();
        Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo(404));
    }
}

/// <summary>A deployment without the website's template or the employer's name: a 400 naming the setting, not a crash.</summary>
public sealed class JobPostingJsonLdSettingsTests
{
    [TestCase("Careers:Site:PostingUrl", "Careers__Site__PostingUrl")]
    [TestCase("Careers:Site:OrganizationName", "Careers__Site__OrganizationName")]
    public async Task A_missing_setting_is_a_400_naming_it(string key, string setting)
    {
        await using var app = await SiteSettingsApp.StartAsync(without: key);
        await app.Given.PostingAsync(languages: ["en"], slug: "a-role");

        var rsp = await app.Http.GetAsync("/v1/postings/a-role/jobposting");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await rsp.ReadProblemAsync();
        Assert.That(problem["setting"]!.GetValue<string>(), Is.EqualTo(setting));
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(setting));
    }

    [Test]
    public async Task Without_sameAs_and_logo_the_organization_has_its_name()
    {
        await using var app = await SiteSettingsApp.StartAsync(without: ["Careers:Site:OrganizationUrl", "Careers:Site:LogoUrl"]);
        await app.Given.PostingAsync(languages: ["en"], slug: "a-role");

        var body = await app.Http.GetStringAsync("/v1/postings/a-role/jobposting");

        OpenApiContract.AssertConforms(body, "JobPostingJsonLd");
        Assert.That(JsonNode.Parse(body)!["hiringOrganization"]!.ToJsonString(), Is.EqualTo("""{"@type":"Organization","name":"Example GmbH"}"""));
    }
}

/// <summary>An app over a database of its own with settings changed, for the tests of settings.</summary>
public sealed class SiteSettingsApp : IAsyncDisposable
{
    public required ApiFactory App { get; init; }
    public required HttpClient Http { get; init; }
    public required TestData Given { get; init; }
    public required ManualClock Clock { get; init; }
    required public Npgsql.NpgsqlDataSource Db { get; init; }
    required public string ConnectionString { get; init; }

    public static async Task<SiteSettingsApp> StartAsync(params string[] without)
    {
        var connectionString = await TestEnvironment.CreateDatabaseAsync();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var db = Npgsql.NpgsqlDataSource.Create(connectionString);
        var app = new ApiFactory(connectionString, clock, configure: b => SiteSettings.Apply(b, without));
        return new SiteSettingsApp { App = app, Http = app.CreateClient(), Given = new TestData(db, clock), Clock = clock, Db = db, ConnectionString = connectionString };
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await Db.DisposeAsync();
        await TestEnvironment.DropDatabaseAsync(ConnectionString);
    }
}
