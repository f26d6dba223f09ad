using System.Net;
using System.Text.Json.Nodes;
using Careers.Contracts.Admin;
using Careers.Contracts.Common;
using Careers.Contracts.Postings;
using Careers.Tests.Admin;
using Microsoft.AspNetCore.Hosting;

namespace Careers.Tests.Feeds;

/// <summary>
/// Issue 10, feeds with full content: what both feeds hold, written through the admin API and straight
/// into the database, against the one visibility rule and the list.
/// </summary>
public sealed class FeedContentTests : AdminFixture
{
    Guid _remote, _onsite, _hybrid, _draft, _closed, _expired, _scheduled, _german, _full, _remoteNet;

    protected override void ConfigureApp(IWebHostBuilder builder) => SiteSettings.Apply(builder);

    protected override async Task ArrangeAdminAsync()
    {
        // Through the admin API: Markdown in, HTML out.
        var remote = await CreateAsync(new CreatePosting("Engineering", "remote", "full_time", ["DE", "FR"], [], null, "en",
            new TranslationInput("platform-engineer", "Platform Engineer", "Keep the platform **fast** and boring.",
                [new SectionInput("responsibilities", "What you *will* do", ["Run it with [care](https://example.com/care)."], ["Run **PostgreSQL**", "Own on-call"])])));
        await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{remote.Id}/translations/fr",
            body: new TranslationInput("ingenieur-plateforme", "Ingénieur plateforme", "Une plateforme *rapide*.", []));
        Assert.That((await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{remote.Id}/publish")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        _remote = remote.Id;

        _onsite = await Given.PostingAsync(countries: ["DE"], workplace: "onsite", employment: "part_time", slug: "onsite-berlin-munich");
        await Given.ExecuteAsync("UPDATE postings SET locations = (SELECT jsonb_agg(jsonb_build_object('city', c, 'country', countries[1])) FROM unnest('{Berlin,München,berlin}'::text[]) c) WHERE id = @id", new { id = _onsite });
        _hybrid = await Given.PostingAsync(countries: ["DE", "AT"], workplace: "hybrid", employment: "contract", slug: "hybrid-two-countries");
        await Given.ExecuteAsync("""UPDATE postings SET locations = '[{"city": "Berlin", "country": "DE"}, {"city": "Vienna", "country": "AT"}]' WHERE id = @id""", new { id = _hybrid });
        _draft = await Given.PostingAsync(status: "draft", slug: "a-draft");
        _closed = await Given.PostingAsync(status: "closed", slug: "a-closed");
        _expired = await Given.PostingAsync(closesAt: Today.AddMinutes(-1), slug: "an-expired");
        _scheduled = await Given.PostingAsync(publishedAt: Today.AddDays(1), slug: "a-scheduled");
        _german = await Given.PostingAsync(languages: ["de"], slug: "nur-deutsch");

        // Every job-ad field, through the admin API: three locations in two of three countries, a range
        // with a Polish override, apply by email in English and by a page of its own in German.
        var full = await CreateAsync(new CreatePosting("Engineering", "onsite", "full_time", ["DE", "PL", "AT"],
            [new LocationInput("München", "DE", "DE-BY", "80331", "Marienplatz 1"), new LocationInput("Warszawa", "PL", "PL-14", "00-001"), new LocationInput("Berlin", "DE")],
            null, "en", new TranslationInput("staff-engineer", "Staff Engineer", "Lead the platform.", [], PayNote: "plus annual bonus"),
            Seniority: "lead", Pay: new PayInput(70000, 90000, "EUR", "year", Overrides: [new PayOverrideInput("PL", 300000, 380000, "PLN", "year")]),
            Apply: new ApplyInput(null, "jobs@example.com"), RequisitionId: "ENG-2026-007"));
        var german = await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{full.Id}/translations/de",
            body: new TranslationInput("staff-engineer", "Staff Engineer (m/w/d)", "Führe die Plattform.", [], PayNote: "zuzüglich Jahresbonus",
                Apply: new ApplyInput("https://jobs.example.com/de/staff-engineer", null)));
        Assert.That(german.StatusCode, Is.EqualTo(HttpStatusCode.OK), await german.Content.ReadAsStringAsync());
        Assert.That((await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{full.Id}/publish")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        _full = full.Id;
        // Remote, with time zones and a net hourly range; no seniority, no requisition id.
        var remoteNet = await CreateAsync(new CreatePosting("Support", "remote", "part_time", ["DE", "FR"], [], null, "en",
            new TranslationInput("support-agent", "Support Agent", "Help our customers.", []),
            Pay: new PayInput(40, 55.5m, "EUR", "hour", Gross: false), UtcOffsetMin: -1, UtcOffsetMax: 3.5m,
            Apply: new ApplyInput("https://careers.example.com/apply/support-agent", null)));
        Assert.That((await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{remoteNet.Id}/publish")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        _remoteNet = remoteNet.Id;
    }

    static IEnumerable<(Guid Id, string Language)> Versions(JsonObject feed) =>
        feed.Items().Select(i => (Guid.Parse((string)i["id"]!), (string)i["language"]!));

    async Task<List<(Guid Id, string Language)>> ListedAsync(string lang)
    {
        var listed = new List<(Guid, string)>();
        string? cursor = null;
        do
        {
            var page = await (await Http.GetAsync($"/v1/postings?limit=100{lang}{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}"))
                .ReadAsAsync<Page<PostingSummary>>("PostingPage");
            listed.AddRange(page.Items.Select(i => (i.Id, i.Language)));
            cursor = page.NextCursor;
        } while (cursor is not null);
        return listed;
    }

    [TestCase("")]
    [TestCase("&lang=en")]
    [TestCase("&lang=de")]
    [TestCase("&lang=fr")]
    public async Task The_json_feed_holds_exactly_the_visible_versions_in_the_lists_order(string lang)
    {
        var feed = await Http.JsonFeedAsync(lang.Length == 0 ? "" : "?" + lang[1..]);

        Assert.That(Versions(feed).ToList(), Is.EqualTo(await ListedAsync(lang)));
        Assert.That(feed["language"]?.GetValue<string>(), Is.EqualTo(lang.Length == 0 ? null : lang[^2..]));
    }

    [Test]
    public async Task Drafts_closed_expired_scheduled_and_other_languages_are_in_neither_feed()
    {
        var json = await Http.JsonFeedAsync("?lang=en");
        var xml = await Http.IndeedFeedAsync("?lang=en");
        var all = await Http.JsonFeedAsync();

        var hidden = new[] { _draft, _closed, _expired, _scheduled };
        Assert.That(Versions(all).Select(v => v.Id), Has.None.AnyOf(hidden));
        Assert.That(Versions(json).Select(v => v.Id), Has.None.AnyOf([.. hidden, _german]));
        Assert.That(Versions(json).Select(v => v.Language), Is.All.EqualTo("en"));
        Assert.That(xml.Jobs().Select(j => Guid.Parse(j.Field("referencenumber")[..36])), Has.None.AnyOf([.. hidden, _german]));
        Assert.That(Versions(all), Does.Contain((_german, "de")).And.Contain((_remote, "fr")));
    }

    [Test]
    public async Task A_json_item_carries_the_full_version_with_its_text_as_sanitized_html()
    {
        var feed = await Http.JsonFeedAsync("?lang=en");

        var item = feed.Items().Single(i => (string)i["id"]! == _remote.ToString());
        Assert.That((string)item["url"]!, Is.EqualTo("https://careers.example.com/en/jobs/platform-engineer"));
        Assert.That((string)item["title"]!, Is.EqualTo("Platform Engineer"));
        Assert.That((string)item["workplaceType"]!, Is.EqualTo("remote"));
        Assert.That(item["countries"]!.AsArray().Select(c => ((string)c!["code"]!, (string)c["name"]!)),
            Is.EqualTo(new[] { ("DE", "Germany"), ("FR", "France") }));
        Assert.That((string)item["summary"]!, Is.EqualTo("<p>Keep the platform <strong>fast</strong> and boring.</p>"));
        var section = item["sections"]![0]!;
        Assert.That((string)section["kind"]!, Is.EqualTo("responsibilities"));
        Assert.That((string)section["heading"]!, Is.EqualTo("What you <em>will</em> do"));
        Assert.That((string)section["paragraphs"]![0]!, Is.EqualTo("<p>Run it with <a href=\"https://example.com/care\">care</a>.</p>"));
        Assert.That(section["items"]!.AsArray().Select(i => (string)i!), Is.EqualTo(new[] { "Run <strong>PostgreSQL</strong>", "Own on-call" }));
        Assert.That((string)item["descriptionHtml"]!, Does.StartWith("<p>Keep the platform <strong>fast</strong> and boring.</p>")
            .And.Contain("<h2>What you <em>will</em> do</h2>").And.Contain("<li>Run <strong>PostgreSQL</strong></li>"));
        // The same version as the detail serves it, as HTML.
        var detail = JsonNode.Parse(await Http.GetStringAsync("/v1/postings/platform-engineer?lang=en&format=html"))!;
        Assert.That((string)item["summary"]!, Is.EqualTo((string)detail["summary"]!));
        Assert.That(item["sections"]!.ToJsonString(), Is.EqualTo(detail["sections"]!.ToJsonString()));
        Assert.That((string)item["publishedAt"]!, Is.EqualTo((string)detail["publishedAt"]!));
        Assert.That((string)item["updatedAt"]!, Is.EqualTo((string)detail["updatedAt"]!));
    }

    [Test]
    public async Task Rows_written_without_their_rendering_are_rendered_on_the_fly_alike()
    {
        var stored = (await Http.JsonFeedAsync("?lang=en")).Items().Single(i => (string)i["id"]! == _remote.ToString());
        await Given.ExecuteAsync("UPDATE posting_translations SET description_html = NULL, rendered = NULL WHERE posting_id = @id", new { id = _remote });

        var fly = (await Http.JsonFeedAsync("?lang=en")).Items().Single(i => (string)i["id"]! == _remote.ToString());
        var job = (await Http.IndeedFeedAsync("?lang=en")).JobsOf(_remote).First();

        Assert.That(fly.ToJsonString(), Is.EqualTo(stored.ToJsonString()));
        Assert.That(job.Field("description"), Is.EqualTo((string)stored["descriptionHtml"]!));
    }

    [Test]
    public async Task Every_indeed_job_has_every_required_element_and_the_source_its_own()
    {
        var feed = await Http.IndeedFeedAsync();

        Assert.That(feed.Declaration?.Encoding, Is.EqualTo("utf-8"));
        Assert.That(feed.Root!.Name.LocalName, Is.EqualTo("source"));
        Assert.That(feed.Root.Element("publisher")?.Value, Is.EqualTo("Example GmbH"));
        Assert.That(feed.Root.Element("publisherurl")?.Value, Is.EqualTo("https://www.example.com"));
        Assert.That(DateTimeOffset.TryParse(feed.Root.Element("lastBuildDate")?.Value, out _), Is.True);
        Assert.That(feed.Jobs().Count(), Is.GreaterThan(5));
        foreach (var job in feed.Jobs())
        {
            foreach (var name in FeedReading.Required)
                Assert.That(job.Element(name), Is.Not.Null, $"<{name}> in {job.Field("referencenumber")}");
            // <state> is there, empty when the location names no region; everything else holds a value.
            foreach (var name in FeedReading.Required.Where(n => n != "state"))
                Assert.That(job.Field(name), Is.Not.Empty, $"<{name}> in {job.Field("referencenumber")}");
            Assert.That(DateTimeOffset.TryParse(job.Field("date"), out _), Is.True);
            Assert.That(job.Field("country"), Does.Match("^[A-Z]{2}$"));
            Assert.That(job.Field("url"), Does.StartWith("https://careers.example.com/"));
            Assert.That(job.Field("jobtype"), Is.AnyOf("fulltime", "parttime", "contract", "internship", "temporary"));
        }
        Assert.That(feed.Jobs().Select(j => j.Field("referencenumber")), Is.Unique);
    }

    [Test]
    public async Task Remote_postings_are_one_fully_remote_job_per_country()
    {
        var jobs = (await Http.IndeedFeedAsync()).JobsOf(_remote).ToList();

        Assert.That(jobs.Select(j => (j.Field("country"), j.Field("city"), j.Field("title"))), Is.EquivalentTo(new[]
        {
            ("DE", "Germany", "Platform Engineer"), ("FR", "France", "Platform Engineer"),
            ("DE", "Allemagne", "Ingénieur plateforme"), ("FR", "France", "Ingénieur plateforme"),
        }));
        Assert.That(jobs.Select(j => j.Field("remotetype")), Is.All.EqualTo("Fully remote"));
        Assert.That(jobs.Select(j => j.Field("referencenumber")), Is.EquivalentTo(new[]
        {
            $"{_remote}-en-DE", $"{_remote}-en-FR", $"{_remote}-fr-DE", $"{_remote}-fr-FR",
        }));
        Assert.That(jobs.Where(j => j.Field("title") == "Ingénieur plateforme").Select(j => j.Field("url")),
            Is.All.EqualTo("https://careers.example.com/fr/jobs/ingenieur-plateforme"));
    }

    [Test]
    public async Task Onsite_and_hybrid_postings_are_one_job_per_location_in_its_own_country()
    {
        var feed = await Http.IndeedFeedAsync();

        var onsite = feed.JobsOf(_onsite).ToList();
        // "berlin" is "Berlin" again: one job, one reference number.
        Assert.That(onsite.Select(j => (j.Field("city"), j.Field("country"))), Is.EquivalentTo(new[] { ("Berlin", "DE"), ("München", "DE") }));
        Assert.That(onsite.Select(j => j.Element("remotetype")), Is.All.Null);
        Assert.That(onsite.Select(j => j.Field("jobtype")), Is.All.EqualTo("parttime"));
        Assert.That(onsite.Select(j => j.Field("referencenumber")), Is.All.Match($"^{_onsite}-en-DE-[0-9a-f]{{12}}$"));
        // Each city in its own country, no longer listed at the countries for want of knowing which.
        var hybrid = feed.JobsOf(_hybrid).ToList();
        Assert.That(hybrid.Select(j => (j.Field("city"), j.Field("country"))), Is.EquivalentTo(new[] { ("Berlin", "DE"), ("Vienna", "AT") }));
        Assert.That(hybrid.Select(j => j.Field("referencenumber")), Is.EquivalentTo(new[] { $"{_hybrid}-en-DE-{CityKey("Berlin")}", $"{_hybrid}-en-AT-{CityKey("Vienna")}" }));
        Assert.That(hybrid.Select(j => j.Field("remotetype")), Is.All.EqualTo("Hybrid remote"));
        Assert.That(hybrid.Select(j => j.Field("jobtype")), Is.All.EqualTo("contract"));
    }

    // The first 12 hex digits of the SHA-256 of the trimmed, NFC, lower-cased city (docs/decisions/0004).
    static string CityKey(string city) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(city.Trim().Normalize(System.Text.NormalizationForm.FormC).ToLowerInvariant())))[..12];

    [Test]
    public async Task Indeed_jobs_carry_each_locations_address_and_the_range_paid_in_its_country()
    {
        var feed = await Http.IndeedFeedAsync("?lang=en");

        var jobs = feed.JobsOf(_full).ToDictionary(j => j.Field("city"));
        Assert.That(jobs.Keys, Is.EquivalentTo(new[] { "München", "Warszawa", "Berlin", "Austria" }));
        var munich = jobs["München"];
        Assert.That((munich.Field("country"), munich.Field("state"), munich.Field("postalcode"), munich.Field("streetaddress")),
            Is.EqualTo(("DE", "BY", "80331", "Marienplatz 1")));
        Assert.That(munich.Field("salary"), Is.EqualTo("EUR 70000 - 90000 per year"));
        var warsaw = jobs["Warszawa"];
        Assert.That((warsaw.Field("country"), warsaw.Field("state"), warsaw.Field("postalcode")), Is.EqualTo(("PL", "14", "00-001")));
        Assert.That(warsaw.Element("streetaddress"), Is.Null);
        Assert.That(warsaw.Field("salary"), Is.EqualTo("PLN 300000 - 380000 per year"), "the Polish override, at the Polish job");
        // A location without an address, and a country without a location: no region, no postal code.
        foreach (var bare in new[] { jobs["Berlin"], jobs["Austria"] })
        {
            Assert.That(bare.Field("state"), Is.Empty);
            Assert.That(bare.Element("postalcode"), Is.Null);
            Assert.That(bare.Element("streetaddress"), Is.Null);
        }
        Assert.That(jobs["Austria"].Field("salary"), Is.EqualTo("EUR 70000 - 90000 per year"));
        Assert.That(jobs["Austria"].Field("referencenumber"), Is.EqualTo($"{_full}-en-AT"));
        Assert.That(jobs.Values.Select(j => j.Field("requisitionid")), Is.All.EqualTo("ENG-2026-007"), "the employer's own reference");
        Assert.That(jobs.Values.Select(j => j.Field("email")), Is.All.EqualTo("jobs@example.com"));
        Assert.That(jobs.Values.Select(j => j.Field("url")), Is.All.EqualTo("https://careers.example.com/en/jobs/staff-engineer"));
    }

    [Test]
    public async Task A_version_applied_to_at_a_page_has_no_email_and_a_net_range_no_salary()
    {
        var feed = await Http.IndeedFeedAsync();

        // The German version applies at its own page: no email element, and url stays the posting's page.
        var german = feed.JobsOf(_full).Where(j => j.Field("title") == "Staff Engineer (m/w/d)").ToList();
        Assert.That(german, Has.Count.EqualTo(4));
        Assert.That(german.Select(j => j.Element("email")), Is.All.Null);
        Assert.That(german.Select(j => j.Field("url")), Is.All.EqualTo("https://careers.example.com/de/jobs/staff-engineer"));
        var remote = feed.JobsOf(_remoteNet).ToList();
        Assert.That(remote.Select(j => j.Field("country")), Is.EquivalentTo(new[] { "DE", "FR" }));
        Assert.That(remote.Select(j => j.Element("salary")), Is.All.Null, "Indeed's salary is gross pay");
        Assert.That(remote.Select(j => j.Element("email")), Is.All.Null);
        Assert.That(remote.Select(j => j.Field("requisitionid")), Is.All.EqualTo(_remoteNet.ToString()), "no requisitionId: the posting's id");
        Assert.That(remote.Select(j => j.Field("state")), Is.All.Empty);
    }

    [Test]
    public async Task A_fixed_amount_with_cents_is_one_number_with_a_period_before_the_cents()
    {
        var id = await Given.PostingAsync(countries: ["US"], workplace: "onsite", slug: "fixed-weekly");
        await Given.ExecuteAsync("""
            UPDATE postings SET locations = '[{"city": "Austin", "country": "US", "region": "US-TX"}]' WHERE id = @id;
            INSERT INTO posting_pay (posting_id, currency, min, max, period) VALUES (@id, 'USD', 1234.5, 1234.5, 'week');
            """, new { id });

        try
        {
            var job = (await Http.IndeedFeedAsync("?lang=en")).JobsOf(id).Single();

            Assert.That((job.Field("city"), job.Field("state"), job.Field("salary")), Is.EqualTo(("Austin", "TX", "USD 1234.50 per week")));
        }
        finally
        {
            await Given.ExecuteAsync("DELETE FROM postings WHERE id = @id", new { id });
        }
    }

    [Test]
    public async Task The_date_is_the_first_publication_however_often_a_posting_is_published_again()
    {
        var first = (await Http.JsonFeedAsync("?lang=en")).Items().Single(i => (string)i["id"]! == _onsite.ToString());
        var firstPublished = (string)first["firstPublishedAt"]!;
        Assert.That((string)first["publishedAt"]!, Is.EqualTo(firstPublished));

        // Published again an hour ago, as a re-publication does; the database keeps the first publication.
        await Given.ExecuteAsync("UPDATE postings SET published_at = @at, updated_at = now() WHERE id = @id", new { id = _onsite, at = Today.AddHours(-1) });
        var item = (await Http.JsonFeedAsync("?lang=en")).Items().Single(i => (string)i["id"]! == _onsite.ToString());
        var jobs = (await Http.IndeedFeedAsync("?lang=en")).JobsOf(_onsite).ToList();

        var culture = System.Globalization.CultureInfo.InvariantCulture;
        Assert.That((string)item["firstPublishedAt"]!, Is.EqualTo(firstPublished));
        Assert.That(DateTimeOffset.Parse((string)item["publishedAt"]!, culture), Is.EqualTo(Today.AddHours(-1)));
        Assert.That(jobs, Is.Not.Empty);
        Assert.That(jobs.Select(j => DateTimeOffset.Parse(j.Field("date"), culture)), Is.All.EqualTo(DateTimeOffset.Parse(firstPublished, culture)));
    }

    [Test]
    public async Task A_json_item_carries_the_job_ad_fields_exactly_as_the_detail_has_them()
    {
        var all = await Http.JsonFeedAsync();

        foreach (var (id, lang, slug) in new[] { (_full, "en", "staff-engineer"), (_full, "de", "staff-engineer"), (_remoteNet, "en", "support-agent"), (_german, "de", "nur-deutsch") })
        {
            var item = all.Items().Single(i => (string)i["id"]! == id.ToString() && (string)i["language"]! == lang);
            var detail = JsonNode.Parse(await Http.GetStringAsync($"/v1/postings/{slug}?lang={lang}"))!;
            foreach (var field in new[] { "seniority", "pay", "cities", "locations", "utcOffsetMin", "utcOffsetMax", "apply", "requisitionId", "publishedAt", "firstPublishedAt", "updatedAt" })
                Assert.That(item[field]?.ToJsonString() ?? "null", Is.EqualTo(detail[field]?.ToJsonString() ?? "null"), $"{field} of {slug} in {lang}");
        }
        var en = all.Items().Single(i => (string)i["id"]! == _full.ToString() && (string)i["language"]! == "en");
        var de = all.Items().Single(i => (string)i["id"]! == _full.ToString() && (string)i["language"]! == "de");
        Assert.That((string)en["seniority"]!, Is.EqualTo("lead"));
        Assert.That(en["pay"]!.ToJsonString(), Is.EqualTo("""{"min":70000,"max":90000,"currency":"EUR","period":"year","gross":true,"note":"plus annual bonus","overrides":[{"country":"PL","min":300000,"max":380000,"currency":"PLN","period":"year","gross":true}]}"""));
        Assert.That((string)de["pay"]!["note"]!, Is.EqualTo("zuzüglich Jahresbonus"));
        var munich = en["locations"]![0]!;
        Assert.That(((string)munich["city"]!, (string)munich["country"]!, (string)munich["region"]!, (string)munich["postalCode"]!, (string)munich["streetAddress"]!),
            Is.EqualTo(("München", "DE", "DE-BY", "80331", "Marienplatz 1")));
        Assert.That(en["cities"]!.AsArray().Select(c => (string)c!), Is.EqualTo(new[] { "München", "Warszawa", "Berlin" }));
        Assert.That(en["apply"]!.ToJsonString(), Is.EqualTo("""{"email":"jobs@example.com"}"""));
        Assert.That(de["apply"]!.ToJsonString(), Is.EqualTo("""{"url":"https://jobs.example.com/de/staff-engineer"}"""));
        Assert.That((string)en["requisitionId"]!, Is.EqualTo("ENG-2026-007"));
        var remote = all.Items().Single(i => (string)i["id"]! == _remoteNet.ToString());
        Assert.That((remote["utcOffsetMin"]!.GetValue<decimal>(), remote["utcOffsetMax"]!.GetValue<decimal>()), Is.EqualTo((-1m, 3.5m)));
        Assert.That(remote["seniority"], Is.Null);
        Assert.That(remote["requisitionId"], Is.Null);
        Assert.That(remote["pay"]!["gross"]!.GetValue<bool>(), Is.False);
        var german = all.Items().Single(i => (string)i["id"]! == _german.ToString());
        Assert.That(german["pay"], Is.Null);
        Assert.That(german["apply"], Is.Null);
        Assert.That(german["locations"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task Reference_numbers_stay_the_same_across_reads_and_other_edits()
    {
        static List<(string, string)> Refs(System.Xml.Linq.XDocument d) =>
            [.. d.Jobs().Select(j => (j.Field("referencenumber"), j.Field("title"))).OrderBy(r => r.Item1, StringComparer.Ordinal)];
        var before = Refs(await Http.IndeedFeedAsync());
        var again = Refs(await Http.IndeedFeedAsync());

        var edit = await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{_hybrid}/translations/en",
            body: new TranslationInput("hybrid-two-countries", "Data Engineer (edited)", "Another summary.", []));
        Assert.That(edit.StatusCode, Is.EqualTo(HttpStatusCode.OK), await edit.Content.ReadAsStringAsync());
        await Given.ExecuteAsync("UPDATE postings SET department = 'Platform', updated_at = now() WHERE id = @id", new { id = _onsite });
        var after = Refs(await Http.IndeedFeedAsync());

        Assert.That(again, Is.EqualTo(before));
        Assert.That(after.Select(r => r.Item1), Is.EqualTo(before.Select(r => r.Item1)));
        Assert.That(after, Does.Contain(($"{_hybrid}-en-AT-{CityKey("Vienna")}", "Data Engineer (edited)")));
    }
}
