using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Careers.Api.Infrastructure.Auth;
using Careers.Contracts.Admin;
using Careers.Contracts.Postings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Careers.Tests.Admin;

/// <summary>
/// Issue 11's job-ad fields through the admin API and back out of the public one: pay with overrides and
/// per-language notes, seniority, locations, remote time zones, apply, requisitionId, true dates, the pay
/// rule at publication (configured here for EU and US) and a posting moved from another system.
/// </summary>
public sealed class JobAdFieldsTests : AdminFixture
{
    protected override void ConfigureApp(IWebHostBuilder builder) =>
        builder.UseSetting("Careers:Publishing:PayRequiredIn", "EU, us");

    const string Valid = """
        {"department":"Engineering","workplaceType":"remote","employmentType":"full_time","countries":["DE","PL"],
         "locations":[{"city":"Berlin","country":"DE","region":"DE-BE","postalCode":"10115","streetAddress":"Invalidenstraße 1"}],
         "seniority":"senior",
         "pay":{"min":70000,"max":90000,"currency":"EUR","period":"year",
                "overrides":[{"country":"PL","min":300000,"max":380000,"currency":"PLN","period":"year","gross":false}]},
         "utcOffsetMin":-1,"utcOffsetMax":3,
         "apply":{"email":"jobs@example.com"},
         "requisitionId":"REQ",
         "language":"en","translation":{"slug":"SLUG","title":"Platform Engineer","summary":"Run it.","payNote":"plus annual bonus",
           "sections":[{"kind":"requirements","heading":"Requirements","paragraphs":[],"items":["Go"]}]}}
        """;

    static JsonObject Body(string? slug = null)
    {
        var unique = $"{Guid.NewGuid():N}"[..12];
        return JsonNode.Parse(Valid.Replace("SLUG", slug ?? $"job-{unique}").Replace("\"REQ\"", $"\"REQ-{unique}\""))!.AsObject();
    }

    static string With(string path, JsonNode? value)
    {
        var doc = Body();
        JsonNode node = doc;
        var parts = path.Split('.');
        foreach (var part in parts[..^1]) node = Step(node, part);
        var last = parts[^1];
        if (last.EndsWith(']')) node[last[..last.IndexOf('[')]]![Index(last)] = value;
        else if (value is null) node.AsObject().Remove(last);
        else node[last] = value;
        return doc.ToJsonString();

        static JsonNode Step(JsonNode n, string part) => part.EndsWith(']') ? n[part[..part.IndexOf('[')]]![Index(part)]! : n[part]!;
        static int Index(string part) => int.Parse(part[(part.IndexOf('[') + 1)..^1]);
    }

    static IEnumerable<TestCaseData> BadBodies()
    {
        TestCaseData Case(string path, JsonNode? value, string key, string says) =>
            new TestCaseData(With(path, value), key, says).SetArgDisplayNames($"{path}={value?.ToJsonString() ?? "missing"}");
        JsonNode Json(string json) => JsonNode.Parse(json)!;

        yield return Case("pay.min", 0, "pay.min", "positive");
        yield return Case("pay.min", -5, "pay.min", "positive");
        yield return Case("pay.min", null, "pay.min", "required");
        yield return Case("pay.min", 95000, "pay.max", "at least min");
        yield return Case("pay.min", 95000, "pay.min", "at most max");
        yield return Case("pay.min", 70000.001, "pay.min", "2 decimal");
        yield return Case("pay.max", 900000, "pay.max", "10 times min");
        yield return Case("pay.max", 900000, "pay.min", "10 times min");
        yield return Case("pay.currency", "XYZ", "pay.currency", "ISO 4217");
        yield return Case("pay.currency", "XAU", "pay.currency", "ISO 4217");
        yield return Case("pay.currency", "eur", "pay.currency", "ISO 4217");
        yield return Case("pay.period", "fortnight", "pay.period", "hour, day, week, month, year");
        yield return Case("pay", Json("""{"min":900000000,"max":900000000,"currency":"EUR","period":"hour"}"""), "pay.min", "10^12");
        yield return Case("pay.overrides[0].country", "FR", "pay.overrides[0].country", "posting's countries");
        yield return Case("pay.overrides[0].country", "FR", "countries", "FR missing");
        yield return Case("pay.overrides[0].currency", "ZZZ", "pay.overrides[0].currency", "ISO 4217");
        yield return Case("pay.overrides[0].max", 1, "pay.overrides[0].max", "at least min");
        yield return Case("pay.overrides", Json("""[{"country":"PL","min":1,"max":2,"currency":"PLN","period":"month"},{"country":"pl","min":1,"max":2,"currency":"PLN","period":"month"}]"""), "pay.overrides", "twice");
        yield return Case("seniority", "guru", "seniority", "internship, entry, mid, senior, lead, principal, executive");
        yield return Case("locations[0].country", "FR", "locations[0].country", "posting's countries");
        yield return Case("locations[0].country", "FR", "countries", "FR missing");
        yield return Case("locations[0].city", "", "locations[0].city", "1 to 100");
        yield return Case("locations[0].region", "DE-XX", "locations[0].region", "ISO 3166-2");
        yield return Case("locations[0].region", "FR-IDF", "locations[0].region", "subdivision of DE");
        yield return Case("locations[0].postalCode", "<b>1</b>", "locations[0].postalCode", "letters, digits");
        yield return Case("locations", new JsonArray([.. Enumerable.Range(0, 21).Select(i => (JsonNode?)Json($$"""{"city":"C{{i}}","country":"DE"}"""))]), "locations", "at most 20");
        yield return Case("cities", Json("""["Berlin"]"""), "cities", "replaced by locations");
        yield return Case("utcOffsetMin", 5.1, "utcOffsetMin", "quarter hours");
        yield return Case("utcOffsetMin", 15, "utcOffsetMin", "-12 to 14");
        yield return Case("utcOffsetMin", 4, "utcOffsetMin", "min at most max");
        yield return Case("utcOffsetMin", 4, "utcOffsetMax", "min at most max");
        yield return Case("utcOffsetMax", null, "utcOffsetMin", "come together");
        yield return Case("workplaceType", "onsite", "utcOffsetMin", "remote postings only");
        yield return Case("workplaceType", "onsite", "workplaceType", "remote postings only");
        yield return Case("apply", Json("""{"url":"https://jobs.example.com/1","email":"jobs@example.com"}"""), "apply", "exactly one");
        yield return Case("apply", Json("{}"), "apply", "exactly one");
        yield return Case("apply", Json("""{"url":"javascript:alert(1)"}"""), "apply.url", "http or https");
        yield return Case("apply", Json("""{"url":"ftp://example.com/x"}"""), "apply.url", "http or https");
        yield return Case("apply", Json("""{"url":"https://user:secret@example.com/x"}"""), "apply.url", "without credentials");
        yield return Case("apply", Json("""{"url":"/relative/page"}"""), "apply.url", "absolute");
        yield return Case("apply", Json("""{"email":"Jobs <jobs@example.com>"}"""), "apply.email", "plain email");
        yield return Case("apply", Json("""{"email":"not-an-email"}"""), "apply.email", "plain email");
        yield return Case("apply", Json("""{"email":"jobs@localhost"}"""), "apply.email", "plain email");
        yield return Case("requisitionId", "", "requisitionId", "1 to 100");
        yield return Case("requisitionId", new string('r', 101), "requisitionId", "1 to 100");
        yield return Case("requisitionId", "<script>", "requisitionId", "1 to 100");
        yield return Case("requisitionId", "Réf-1", "requisitionId", "ASCII");
        yield return Case("translation.payNote", new string('n', 301), "translation.payNote", "1 to 300");
        yield return Case("translation.apply", Json("""{"url":"https://a.example.com","email":"a@example.com"}"""), "translation.apply", "exactly one");
        yield return Case("status", "closed", "status", "draft");
        yield return Case("publishedAt", "2026-01-01T00:00:00Z", "publishedAt", "status published only");
        yield return Case("status", "published", "publishedAt", "required with status published");
        yield return Case("unknownField", 1, "unknownField", "");
    }

    [TestCaseSource(nameof(BadBodies))]
    public async Task A_bad_job_ad_field_is_a_400_naming_it_and_nothing_is_written(string body, string key, string says)
    {
        var before = await Given.ScalarAsync<long>("SELECT count(*) FROM postings");

        var rsp = await Admin.PostAsync("/v1/admin/postings", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await rsp.Content.ReadAsStringAsync());
        Assert.That(rsp.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var errors = (await rsp.ReadProblemAsync())["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Has.Member(key));
        Assert.That(string.Join(" ", errors[key]!.AsArray().Select(m => (string?)m)), Does.Contain(says));
        Assert.That(await Given.ScalarAsync<long>("SELECT count(*) FROM postings"), Is.EqualTo(before));
    }

    [Test]
    public async Task Every_field_goes_in_through_the_admin_API_and_out_through_the_public_one()
    {
        var created = await PostAsync(Body("platform-engineer-everything"));
        Assert.That(created.Seniority, Is.EqualTo(Seniority.Senior));
        Assert.That(created.Pay, Is.EqualTo(created.Pay! with { Min = 70000, Max = 90000, Currency = "EUR", Period = PayPeriod.Year, Gross = true, Note = null }));
        Assert.That(created.Pay!.Overrides, Is.EqualTo(new[] { new PayOverride("PL", 300000, 380000, "PLN", PayPeriod.Year, false) }));
        Assert.That(created.Locations, Is.EqualTo(new[] { new Location("Berlin", "DE", "DE-BE", "10115", "Invalidenstraße 1") }));
        Assert.That((created.UtcOffsetMin, created.UtcOffsetMax), Is.EqualTo((-1m, 3m)));
        Assert.That(created.Apply, Is.EqualTo(new Apply(null, "jobs@example.com")));
        Assert.That(created.RequisitionId, Does.StartWith("REQ-"));
        Assert.That(created.FirstPublishedAt, Is.Null);
        Assert.That(created.Translations.Single().PayNote, Is.EqualTo("plus annual bonus"));

        var published = await PublishAsync(created);
        var detail = await Http.GetFromJsonAsync<JsonObject>("/v1/postings/platform-engineer-everything?lang=en");
        Assert.That(detail!["pay"]!.ToJsonString(), Is.EqualTo(
            """{"min":70000,"max":90000,"currency":"EUR","period":"year","gross":true,"note":"plus annual bonus","overrides":[{"country":"PL","min":300000,"max":380000,"currency":"PLN","period":"year","gross":false}]}"""));
        Assert.That((string?)detail["seniority"], Is.EqualTo("senior"));
        Assert.That(JsonNode.DeepEquals(detail["locations"], JsonNode.Parse("""[{"city":"Berlin","country":"DE","region":"DE-BE","postalCode":"10115","streetAddress":"Invalidenstraße 1"}]""")),
            detail["locations"]!.ToJsonString());
        Assert.That(detail["cities"]!.ToJsonString(), Is.EqualTo("""["Berlin"]"""));
        Assert.That(detail["apply"]!.ToJsonString(), Is.EqualTo("""{"email":"jobs@example.com"}"""));
        Assert.That((decimal?)detail["utcOffsetMin"], Is.EqualTo(-1m));
        Assert.That((string?)detail["requisitionId"], Is.EqualTo(created.RequisitionId));
        Assert.That(DateTimeOffset.Parse((string)detail["firstPublishedAt"]!), Is.EqualTo(published.PublishedAt));

        var list = await Http.GetFromJsonAsync<JsonObject>("/v1/postings?lang=en");
        var item = list!["items"]!.AsArray().Single(i => (string?)i!["slug"] == "platform-engineer-everything")!;
        Assert.That(item["pay"]!.ToJsonString(), Is.EqualTo(detail["pay"]!.ToJsonString()));
        Assert.That((string?)item["seniority"], Is.EqualTo("senior"));
        Assert.That((string?)item["firstPublishedAt"], Is.Not.Null);
        Assert.That((string?)item["updatedAt"], Is.Not.Null);
    }

    [Test]
    public async Task A_language_version_has_its_own_pay_note_and_may_say_where_to_apply_in_its_language()
    {
        var created = await PostAsync(Body("apply-per-language"));
        var fr = await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{created.Id}/translations/fr", body: new TranslationInput(
            "postuler-par-langue", "Ingénieur·e plateforme", "Faites-la tourner.", [], "plus une prime annuelle",
            new ApplyInput("https://jobs.example.com/fr/postuler", null)));
        Assert.That(fr.StatusCode, Is.EqualTo(HttpStatusCode.OK), await fr.Content.ReadAsStringAsync());
        await PublishAsync(await fr.ReadAsAsync<AdminPosting>("AdminPosting"));

        var french = await Http.GetFromJsonAsync<JsonObject>("/v1/postings/postuler-par-langue?lang=fr");
        var english = await Http.GetFromJsonAsync<JsonObject>("/v1/postings/apply-per-language?lang=en");

        Assert.That(french!["apply"]!.ToJsonString(), Is.EqualTo("""{"url":"https://jobs.example.com/fr/postuler"}"""));
        Assert.That((string?)french["pay"]!["note"], Is.EqualTo("plus une prime annuelle"));
        Assert.That(english!["apply"]!.ToJsonString(), Is.EqualTo("""{"email":"jobs@example.com"}"""));
        Assert.That((string?)english["pay"]!["note"], Is.EqualTo("plus annual bonus"));
    }

    [Test]
    public async Task A_requisitionId_another_posting_holds_is_a_409_naming_it_on_create_and_on_update()
    {
        var first = Body();
        var taken = (string)first["requisitionId"]!;
        var holder = await PostAsync(first);

        var second = Body();
        second["requisitionId"] = taken;
        var clash = await Admin.PostAsync("/v1/admin/postings", new StringContent(second.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.That(clash.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await clash.ReadProblemAsync())["errors"]!.AsObject().Select(e => e.Key), Has.Member("requisitionId"));

        var other = await PostAsync(Body());
        var update = await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{other.Id}", body: Fields(other) with { RequisitionId = taken });
        Assert.That(update.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await clash.ReadProblemAsync())["errors"]!.AsObject().Select(e => e.Key), Has.Member("requisitionId"));
        Assert.That(await Given.ScalarAsync<string?>("SELECT requisition_id FROM postings WHERE id = @id", new { id = other.Id }), Is.EqualTo(other.RequisitionId));
        Assert.That(holder.RequisitionId, Is.EqualTo(taken));
    }

    [Test]
    public async Task Publishing_in_a_country_that_requires_pay_without_a_range_is_a_422_naming_the_countries()
    {
        var body = Body();
        body.Remove("pay");
        body["countries"] = new JsonArray("DE", "CH", "US");
        body["locations"] = new JsonArray();
        var draft = await PostAsync(body);

        var rsp = await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{draft.Id}/publish");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        var problem = await rsp.ReadProblemAsync();
        Assert.That(problem["countries"]!.ToJsonString(), Is.EqualTo("""["DE","US"]"""));
        Assert.That((string?)problem["detail"], Does.Contain("DE, US"));
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Has.Member("pay"));
        Assert.That(await Given.ScalarAsync<string>("SELECT status FROM postings WHERE id = @id", new { id = draft.Id }), Is.EqualTo("draft"));
    }

    [Test]
    public async Task A_posting_only_in_countries_without_the_rule_publishes_without_pay()
    {
        var body = Body();
        body.Remove("pay");
        body["countries"] = new JsonArray("CH", "GB");
        body["locations"] = new JsonArray();
        var draft = await PostAsync(body);

        Assert.That((await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{draft.Id}/publish")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_published_posting_keeps_its_pay_where_the_rule_requires_it()
    {
        var posting = await PublishAsync(await PostAsync(Body()));

        var rsp = await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}", body: Fields(posting) with { Pay = null });

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((await rsp.ReadProblemAsync())["countries"]!.ToJsonString(), Is.EqualTo("""["DE","PL"]"""));
        Assert.That(await Given.ScalarAsync<long>("SELECT count(*) FROM posting_pay WHERE posting_id = @id", new { id = posting.Id }), Is.EqualTo(2));
    }

    [Test]
    public async Task Pay_is_replaced_whole_by_an_update_and_cleared_by_null_on_a_draft()
    {
        var posting = await PostAsync(Body());
        var changed = await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}",
            body: Fields(posting) with { Pay = new PayInput(20, 25, "EUR", "hour") });
        var read = await changed.ReadAsAsync<AdminPosting>("AdminPosting");
        Assert.That(read.Pay, Is.EqualTo(new Pay(20, 25, "EUR", PayPeriod.Hour, true, null, [])).Using<Pay>(SamePay));

        var cleared = await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}", body: Fields(read) with { Pay = null });
        Assert.That((await cleared.ReadAsAsync<AdminPosting>("AdminPosting")).Pay, Is.Null);
        Assert.That(await Given.ScalarAsync<long>("SELECT count(*) FROM posting_pay WHERE posting_id = @id", new { id = posting.Id }), Is.Zero);
    }

    static bool SamePay(Pay a, Pay b) => a with { Overrides = [] } == b with { Overrides = [] } && a.Overrides.SequenceEqual(b.Overrides);

    [Test]
    public async Task firstPublishedAt_stays_when_a_posting_is_unpublished_and_published_again()
    {
        var first = await PublishAsync(await PostAsync(Body("published-twice")));
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{first.Id}/unpublish");
        Clock.Now = Clock.Now.AddDays(3);
        var again = await PublishAsync((await Admin.GetFromJsonAsync<AdminPosting>($"/v1/admin/postings/{first.Id}"))!);

        Assert.That(again.PublishedAt, Is.EqualTo(first.PublishedAt!.Value.AddDays(3)));
        Assert.That(again.FirstPublishedAt, Is.EqualTo(first.PublishedAt));
        var detail = await Http.GetFromJsonAsync<JsonObject>("/v1/postings/published-twice?lang=en");
        Assert.That(DateTimeOffset.Parse((string)detail!["firstPublishedAt"]!), Is.EqualTo(first.PublishedAt));
        Assert.That(DateTimeOffset.Parse((string)detail["publishedAt"]!), Is.EqualTo(again.PublishedAt));
    }

    [Test]
    public async Task A_posting_moved_from_another_system_keeps_its_publication_date_and_is_audited_as_imported()
    {
        var body = Body("moved-with-history");
        var then = Clock.Now.AddDays(-40);
        body["status"] = "published";
        body["publishedAt"] = then.ToString("O");

        var moved = await PostAsync(body);

        Assert.That(moved.Status, Is.EqualTo("published"));
        Assert.That((moved.PublishedAt, moved.FirstPublishedAt), Is.EqualTo(((DateTimeOffset?)then, (DateTimeOffset?)then)));
        Assert.That(await Given.ScalarAsync<string>("SELECT action FROM audit_log WHERE posting_id = @id", new { id = moved.Id }), Is.EqualTo("imported"));
        var detail = await Http.GetFromJsonAsync<JsonObject>("/v1/postings/moved-with-history?lang=en");
        Assert.That(DateTimeOffset.Parse((string)detail!["firstPublishedAt"]!), Is.EqualTo(then));
    }

    [Test]
    public async Task Moving_a_published_posting_in_needs_the_publish_scope_and_a_past_date()
    {
        var writer = await ClientWithKeyAsync("writer-only", ApiKeys.PostingsWrite);
        var body = Body();
        body["status"] = "published";
        body["publishedAt"] = Clock.Now.AddDays(-1).ToString("O");
        var before = await Given.ScalarAsync<long>("SELECT count(*) FROM postings");

        var forbidden = await writer.PostAsync("/v1/admin/postings", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(forbidden.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));

        body["publishedAt"] = Clock.Now.AddDays(1).ToString("O");
        var future = await Admin.PostAsync("/v1/admin/postings", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.That(future.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await future.ReadProblemAsync())["errors"]!.AsObject().Select(e => e.Key), Has.Member("publishedAt"));

        body["publishedAt"] = Clock.Now.AddDays(-10).ToString("O");
        body.Remove("pay");
        var unpaid = await Admin.PostAsync("/v1/admin/postings", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.That(unpaid.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));

        Assert.That(await Given.ScalarAsync<long>("SELECT count(*) FROM postings"), Is.EqualTo(before));
    }

    const string PastedPosting = """
        Data Engineer

        Join the team that moves our bookings data.

        Salary: €70,000 – €90,000 per year

        Your mission
        - Build pipelines
        - Own data quality
        """;

    [Test]
    public async Task An_import_carries_its_history_with_the_publish_scope_and_reads_the_pay_line_into_pay()
    {
        var then = Clock.Now.AddDays(-30);
        var url = $"/v1/admin/postings/import?lang=en&country=DE&department=Data&workplace=remote&employment=full_time&slug=imported-history&status=published&publishedAt={Uri.EscapeDataString(then.ToString("O"))}";

        var rsp = await Admin.PostAsync(url, new StringContent(PastedPosting, Encoding.UTF8, "text/plain"));

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Created), await rsp.Content.ReadAsStringAsync());
        var posting = (await rsp.Content.ReadFromJsonAsync<JsonObject>())!["posting"]!;
        Assert.That((string?)posting["status"], Is.EqualTo("published"));
        Assert.That(DateTimeOffset.Parse((string)posting["firstPublishedAt"]!), Is.EqualTo(then));
        Assert.That((decimal?)posting["pay"]!["min"], Is.EqualTo(70000m));
        var id = Guid.Parse((string)posting["id"]!);
        Assert.That(await Given.ScalarAsync<string>("SELECT action FROM audit_log WHERE posting_id = @id", new { id }), Is.EqualTo("imported"));
        var detail = await Http.GetFromJsonAsync<JsonObject>("/v1/postings/imported-history?lang=en");
        Assert.That(DateTimeOffset.Parse((string)detail!["firstPublishedAt"]!), Is.EqualTo(then));
    }

    [Test]
    public async Task An_import_as_published_needs_the_publish_scope_a_date_and_pay_where_required()
    {
        var writer = await ClientWithKeyAsync("import-writer-only", ApiKeys.PostingsWrite);
        const string query = "/v1/admin/postings/import?lang=en&country=DE&department=Data&workplace=remote&employment=full_time";
        var past = Uri.EscapeDataString(Clock.Now.AddDays(-3).ToString("O"));
        var before = await Given.ScalarAsync<long>("SELECT count(*) FROM postings");

        var forbidden = await writer.PostAsync($"{query}&status=published&publishedAt={past}", new StringContent(PastedPosting, Encoding.UTF8, "text/plain"));
        Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var dateless = await Admin.PostAsync($"{query}&status=published", new StringContent(PastedPosting, Encoding.UTF8, "text/plain"));
        Assert.That(dateless.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await dateless.ReadProblemAsync())["errors"]!.AsObject().Select(e => e.Key), Has.Member("publishedAt"));

        var unpaid = await Admin.PostAsync($"{query}&status=published&publishedAt={past}",
            new StringContent(PastedPosting.Replace("Salary: €70,000 – €90,000 per year", ""), Encoding.UTF8, "text/plain"));
        Assert.That(unpaid.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((await unpaid.ReadProblemAsync())["countries"]!.ToJsonString(), Is.EqualTo("""["DE"]"""));

        Assert.That(await Given.ScalarAsync<long>("SELECT count(*) FROM postings"), Is.EqualTo(before));
    }

    [Test]
    public async Task api_import_takes_published_at()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, PastedPosting);
        var then = Clock.Now.AddDays(-12);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await App.Services.GetRequiredService<Careers.Api.Features.Admin.Postings.Import.ImportCommand>().RunAsync(
            [file, "--lang", "en", "--country", "DE", "--department", "Data", "--workplace", "remote", "--employment", "full_time",
             "--slug", "imported-by-cli", "--published-at", then.ToString("O")], stdout, stderr);

        Assert.That(exit, Is.Zero, stderr.ToString());
        var posting = JsonNode.Parse(stdout.ToString())!;
        Assert.That((string?)posting["status"], Is.EqualTo("published"));
        Assert.That(DateTimeOffset.Parse((string)posting["firstPublishedAt"]!), Is.EqualTo(then));
        Assert.That(await Given.ScalarAsync<string>("SELECT action FROM audit_log WHERE posting_id = @id", new { id = Guid.Parse((string)posting["id"]!) }),
            Is.EqualTo("imported"));
        File.Delete(file);
    }

    async Task<AdminPosting> PostAsync(JsonObject body)
    {
        var rsp = await Admin.PostAsync("/v1/admin/postings", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Created), await rsp.Content.ReadAsStringAsync());
        return await rsp.ReadAsAsync<AdminPosting>("AdminPosting");
    }

    async Task<AdminPosting> PublishAsync(AdminPosting posting)
    {
        var rsp = await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish");
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rsp.Content.ReadAsStringAsync());
        return await rsp.ReadAsAsync<AdminPosting>("AdminPosting");
    }

    static PostingFields Fields(AdminPosting p) => new(
        p.Department, DbName(p.WorkplaceType), DbName(p.EmploymentType), p.Countries,
        [.. p.Locations.Select(l => new LocationInput(l.City, l.Country, l.Region, l.PostalCode, l.StreetAddress))], p.ClosesAt,
        p.Seniority?.ToString().ToLowerInvariant(),
        p.Pay is { } pay ? new PayInput(pay.Min, pay.Max, pay.Currency, pay.Period.ToString().ToLowerInvariant(), pay.Gross,
            [.. pay.Overrides.Select(o => new PayOverrideInput(o.Country, o.Min, o.Max, o.Currency, o.Period.ToString().ToLowerInvariant(), o.Gross))]) : null,
        p.UtcOffsetMin, p.UtcOffsetMax, p.Apply is { } a ? new ApplyInput(a.Url, a.Email) : null, p.RequisitionId);

    static string DbName<T>(T value) where T : struct, Enum =>
        System.Text.Json.JsonSerializer.Serialize(value).Trim('"');
}
