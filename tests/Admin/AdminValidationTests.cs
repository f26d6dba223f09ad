using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Careers.Contracts.Admin;
using Careers.Contracts.Common;

namespace Careers.Tests.Admin;

/// <summary>Bad writes get a 4xx problem naming the field by its JSON path, and write nothing.</summary>
public sealed class AdminValidationTests : AdminFixture
{
    const string Valid = """
        {"department":"Engineering","workplaceType":"remote","employmentType":"full_time","countries":["DE"],
         "language":"en","translation":{"slug":"SLUG","title":"Platform Engineer","summary":"",
         "sections":[{"kind":"requirements","heading":"Requirements","paragraphs":[],"items":["Go"]}]}}
        """;

    static string With(string path, JsonNode? value)
    {
        var doc = JsonNode.Parse(Valid.Replace("SLUG", $"valid-{Guid.NewGuid():N}"[..20], StringComparison.Ordinal))!.AsObject();
        var parts = path.Split('.');
        JsonNode node = doc;
        foreach (var part in parts[..^1]) node = part.EndsWith(']') ? node[part[..part.IndexOf('[')]]![int.Parse(part[(part.IndexOf('[') + 1)..^1])]! : node[part]!;
        var last = parts[^1];
        if (last.EndsWith(']')) node[last[..last.IndexOf('[')]]![int.Parse(last[(last.IndexOf('[') + 1)..^1])] = value;
        else if (value is null) node.AsObject().Remove(last);
        else node[last] = value;
        return doc.ToJsonString();
    }

    static IEnumerable<TestCaseData> BadBodies()
    {
        TestCaseData Case(string path, JsonNode? value, string key, string says) =>
            new TestCaseData(With(path, value), key, says).SetArgDisplayNames($"{path}={value?.ToJsonString() ?? "missing"}");

        yield return Case("department", null, "department", "1 to 100");
        yield return Case("department", new string('d', 101), "department", "1 to 100");
        yield return Case("workplaceType", "moon", "workplaceType", "remote, hybrid, onsite");
        yield return Case("employmentType", "fulltime", "employmentType", "full_time, part_time");
        yield return Case("countries", null, "countries", "ISO 3166-1");
        yield return Case("countries[0]", "Germany", "countries[0]", "ISO 3166-1");
        yield return Case("countries[0]", "ZZ", "countries[0]", "ISO 3166-1");
        yield return Case("language", "english", "language", "ISO 639-1");
        yield return Case("language", null, "language", "ISO 639-1");
        yield return Case("translation", null, "translation", "required");
        yield return Case("translation.slug", "Not A Slug", "translation.slug", "lowercase");
        yield return Case("translation.title", "ab", "translation.title", "3 to 200");
        yield return Case("translation.title", new string('t', 201), "translation.title", "3 to 200");
        yield return Case("translation.summary", new string('s', 2001), "translation.summary", "2000");
        yield return Case("translation.sections[0].kind", "perks", "translation.sections[0].kind", "nice_to_have");
        yield return Case("translation.sections[0].heading", "", "translation.sections[0].heading", "1 to 200");
        yield return Case("translation.sections[0].items[0]", "", "translation.sections[0].items[0]", "1 to 1000");
        yield return Case("translation.sections[0].items[0]", new string('i', 1001), "translation.sections[0].items[0]", "1 to 1000");
        yield return Case("translation.sections[0].items", new JsonArray([.. Enumerable.Range(0, 101).Select(i => (JsonNode?)JsonValue.Create($"item {i}"))]), "translation.sections[0].items", "at most 100");
        yield return Case("translation.sections", new JsonArray([.. Enumerable.Range(0, 31).Select(_ => (JsonNode?)JsonNode.Parse("""{"kind":"custom","heading":"H","paragraphs":[],"items":[]}"""))]), "translation.sections", "at most 30");
    }

    [TestCaseSource(nameof(BadBodies))]
    public async Task A_bad_field_is_a_400_naming_its_JSON_path(string body, string key, string says)
    {
        var rsp = await Admin.PostAsync("/v1/admin/postings", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await rsp.ReadProblemAsync())["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Has.Member(key));
        Assert.That(errors[key]!.ToJsonString(), Does.Contain(says));
    }

    // Issue 9: PostgreSQL text cannot hold U+0000 (a NUL department was a 500), Npgsql cannot
    // encode a lone surrogate, and no other C0 control character means anything in a posting.
    static IEnumerable<TestCaseData> RefusedCharacters()
    {
        TestCaseData Case(string path, string escape) =>
            new TestCaseData(With(path, "MARK").Replace("MARK", $"a{escape}b", StringComparison.Ordinal), path).SetArgDisplayNames($"{path} holding {escape}");

        yield return Case("department", @"\u0000");
        yield return Case("department", @"\u0001");
        yield return Case("translation.title", @"\u0007");
        yield return Case("translation.summary", @"\u001f");
        yield return Case("translation.sections[0].items[0]", @"\u0000");
        yield return Case("translation.sections[0].heading", @"\ud800");
        yield return Case("translation.title", @"\udc00");
    }

    [TestCaseSource(nameof(RefusedCharacters))]
    public async Task Text_holding_a_control_character_or_an_unpaired_surrogate_is_a_400_naming_its_JSON_path(string body, string path)
    {
        var before = await CountPostingsAsync();

        var rsp = await Admin.PostAsync("/v1/admin/postings", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await rsp.ReadProblemAsync())["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { path }));
        Assert.That(await CountPostingsAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Tab_line_feed_and_carriage_return_are_text()
    {
        var body = With("translation.summary", "MARK").Replace("MARK", @"one\ttwo\r\nthree", StringComparison.Ordinal);

        var rsp = await Admin.PostAsync("/v1/admin/postings", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Created), await rsp.Content.ReadAsStringAsync());
    }

    // PUT with the body `null` was a 500: the [FromBody] property reached the handler null.
    [TestCase("null")]
    [TestCase("[]")]
    [TestCase("\"text\"")]
    [TestCase("7")]
    [TestCase("")]
    public async Task A_body_that_is_not_a_JSON_object_is_a_400_naming_request_on_every_write(string body)
    {
        var posting = await CreateAsync(NewPosting($"not-an-object-{Guid.NewGuid():N}"));
        var writes = new[]
        {
            (HttpMethod.Post, "/v1/admin/postings"),
            (HttpMethod.Put, $"/v1/admin/postings/{posting.Id}"),
            (HttpMethod.Put, $"/v1/admin/postings/{posting.Id}/translations/fr"),
        };

        foreach (var (method, path) in writes)
        {
            var rsp = await Admin.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") });

            Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), $"{method} {path}");
            Assert.That((await rsp.ReadProblemAsync())["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "request" }), $"{method} {path}");
        }
    }

    [TestCase("POST", "/v1/admin/postings")]
    [TestCase("PUT", "/v1/admin/postings/{id}")]
    [TestCase("PUT", "/v1/admin/postings/{id}/translations/fr")]
    [TestCase("POST", "/v1/admin/postings/import?lang=en&country=DE&title=Data+Engineer&department=Data&workplace=remote&employment=full_time")]
    public async Task A_write_without_a_body_is_a_415_problem(string method, string path)
    {
        var posting = await CreateAsync(NewPosting($"no-body-{Guid.NewGuid():N}"));

        var rsp = await Admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", posting.Id.ToString(), StringComparison.Ordinal)));

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That((string?)(await rsp.ReadProblemAsync())["detail"], Does.Contain("takes a body"));
    }

    [Test]
    public async Task A_bad_field_of_a_PUT_body_is_named_by_its_JSON_path_in_that_body()
    {
        var posting = await CreateAsync(NewPosting("put-paths"));

        var fields = await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}", body: new PostingFields("Engineering", "remote", "full_time", ["ZZ"], null, null));
        var translation = await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}/translations/fr",
            body: new TranslationInput("put-paths-fr", "Ingénieur plateforme", "", [new SectionInput("about", "À propos", [], [""])]));

        Assert.That((await fields.ReadProblemAsync())["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "countries[0]" }));
        Assert.That((await translation.ReadProblemAsync())["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "sections[0].items[0]" }));
    }

    // Npgsql writes only UTC DateTimeOffsets to timestamptz: any other offset was a 500.
    [Test]
    public async Task closesAt_with_an_offset_is_kept_as_the_same_instant()
    {
        var body = With("closesAt", "2027-03-31T23:59:59+02:00");

        var created = await Admin.PostAsync("/v1/admin/postings", new StringContent(body, Encoding.UTF8, "application/json"));
        var posting = await created.ReadAsAsync<AdminPosting>("AdminPosting");
        var replaced = await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}",
            body: new PostingFields("Engineering", "remote", "full_time", ["DE"], null, new DateTimeOffset(2027, 4, 30, 12, 0, 0, TimeSpan.FromHours(-5))));

        Assert.That(posting.ClosesAt, Is.EqualTo(new DateTimeOffset(2027, 3, 31, 21, 59, 59, TimeSpan.Zero)));
        Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK), await replaced.Content.ReadAsStringAsync());
        Assert.That((await replaced.ReadAsAsync<AdminPosting>("AdminPosting")).ClosesAt, Is.EqualTo(new DateTimeOffset(2027, 4, 30, 17, 0, 0, TimeSpan.Zero)));
    }

    // The department is stored sanitized, in a column of 1 to 100 characters: markup that sanitizes
    // away, or into more than 100 characters (the sanitizer of the time wrote each & as &amp;),
    // was a 500. Whatever the sanitizer makes of it, the answer is a 400 or a department in bounds.
    [TestCase("<script>alert(1)</script>", TestName = "A department that sanitizing empties is a 400")]
    [TestCase("<b>&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&</b>", TestName = "A department that sanitizing may lengthen is a 400 or stored within 100 characters")]
    public async Task A_department_sanitized_out_of_bounds_is_a_400(string department)
    {
        var rsp = await Admin.PostAsync("/v1/admin/postings", new StringContent(With("department", department), Encoding.UTF8, "application/json"));

        if (rsp.StatusCode == HttpStatusCode.Created)
            Assert.That((await rsp.ReadAsAsync<AdminPosting>("AdminPosting")).Department, Has.Length.InRange(1, 100));
        else
        {
            Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await rsp.ReadProblemAsync())["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "department" }));
        }
    }

    [TestCase("{", TestName = "Truncated JSON is a 400")]
    [TestCase("not json", TestName = "Text that is not JSON is a 400")]
    [TestCase("""{"department": 12, "countries": "DE"}""", TestName = "Wrong types are a 400")]
    [TestCase("""{"closesAt": "next tuesday"}""", TestName = "A malformed date is a 400")]
    [TestCase("[]", TestName = "An array instead of an object is a 400")]
    public async Task Malformed_bodies(string body)
    {
        var rsp = await Admin.PostAsync("/v1/admin/postings", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await rsp.ReadProblemAsync())["errors"]!.AsObject(), Is.Not.Empty);
    }

    [Test]
    public async Task A_body_over_256_KiB_is_a_413()
    {
        var huge = With("translation.summary", new string('x', 300 * 1024));

        var rsp = await Admin.PostAsync("/v1/admin/postings", new StringContent(huge, Encoding.UTF8, "application/json"));

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        await rsp.ReadProblemAsync();
    }

    [Test]
    public async Task A_refused_create_leaves_no_row_behind()
    {
        var first = await CreateAsync(NewPosting("taken-slug"));
        var before = await CountPostingsAsync();

        var clash = await Admin.PostAsJsonAsync("/v1/admin/postings", NewPosting("taken-slug", countries: ["AT"]));

        Assert.That(clash.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await CountPostingsAsync(), Is.EqualTo(before));
        Assert.That(first.Id, Is.Not.EqualTo(Guid.Empty));
    }

    async Task<long> CountPostingsAsync()
    {
        await using var conn = await Db.OpenConnectionAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT count(*) FROM postings", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Test]
    public async Task Publishing_without_a_country_is_refused_with_422()
    {
        var posting = await CreateAsync(NewPosting("no-country", countries: []));

        var rsp = await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((string?)(await rsp.ReadProblemAsync())["detail"], Does.Contain("country"));
    }

    [Test]
    public async Task Publishing_with_closesAt_in_the_past_is_refused_with_422()
    {
        var posting = await CreateAsync(NewPosting("closes-past") with { ClosesAt = Today.AddDays(-1) });

        var rsp = await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((await rsp.ReadProblemAsync())["errors"]!.AsObject().ContainsKey("closesAt"));
    }

    [Test]
    public async Task State_changes_that_make_no_sense_are_409()
    {
        var posting = await CreateAsync(NewPosting("state-conflicts"));

        var unpublishDraft = await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/unpublish");
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish");
        var publishTwice = await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish");
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/close");
        var closeTwice = await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/close");
        var removeLast = await SendAsync(HttpMethod.Delete, $"/v1/admin/postings/{posting.Id}/translations/en");

        Assert.That(new[] { unpublishDraft, publishTwice, closeTwice, removeLast }.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task A_slug_used_by_another_posting_in_that_language_is_409_on_PUT_translation()
    {
        await CreateAsync(NewPosting("occupied"));
        var other = await CreateAsync(NewPosting("free-slug"));

        var rsp = await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{other.Id}/translations/en", body: new TranslationInput("occupied", "Platform Engineer", "", []));

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await rsp.ReadProblemAsync())["errors"]!.AsObject().ContainsKey("slug"));
        var now = await (await SendAsync(HttpMethod.Get, $"/v1/admin/postings/{other.Id}")).ReadAsAsync<AdminPosting>("AdminPosting");
        Assert.That(now.Translations.Single().Slug, Is.EqualTo("free-slug"));
        Assert.That(now.Version, Is.EqualTo(1));
    }

    [Test]
    public async Task PUT_translation_with_an_unsupported_language_is_a_400()
    {
        var posting = await CreateAsync(NewPosting("bad-lang-put"));

        var rsp = await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}/translations/xx", body: new TranslationInput("x-slug", "Platform Engineer", "", []));

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await rsp.ReadProblemAsync())["errors"]!.AsObject().ContainsKey("lang"));
    }

    [Test]
    public async Task The_admin_list_includes_drafts_filters_by_status_and_pages()
    {
        var draft = await CreateAsync(NewPosting("list-draft"));
        var published = await CreateAsync(NewPosting("list-published"));
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{published.Id}/publish");

        var drafts = await (await Admin.GetAsync("/v1/admin/postings?status=draft&limit=100")).ReadAsAsync<Page<AdminPostingSummary>>("AdminPostingPage");
        var first = await (await Admin.GetAsync("/v1/admin/postings?limit=1")).ReadAsAsync<Page<AdminPostingSummary>>("AdminPostingPage");
        var second = await (await Admin.GetAsync($"/v1/admin/postings?limit=1&cursor={first.NextCursor}")).ReadAsAsync<Page<AdminPostingSummary>>("AdminPostingPage");
        var badStatus = await Admin.GetAsync("/v1/admin/postings?status=live");
        var otherFilter = await Admin.GetAsync($"/v1/admin/postings?status=draft&cursor={first.NextCursor}");

        Assert.That(drafts.Items.Select(i => i.Id), Has.Member(draft.Id).And.No.Member(published.Id));
        Assert.That(first.NextCursor, Is.Not.Null);
        Assert.That(second.Items.Single().Id, Is.Not.EqualTo(first.Items.Single().Id));
        Assert.That(badStatus.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(otherFilter.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task State_changes_ignore_an_empty_JSON_body()
    {
        var posting = await CreateAsync(NewPosting("empty-json-body"));
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish")
        {
            Content = new StringContent("", Encoding.UTF8, "application/json"),
        };

        var rsp = await Admin.SendAsync(request);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rsp.Content.ReadAsStringAsync());
    }

    [TestCase("POST", "/v1/admin/postings/not-a-uuid/publish")]
    [TestCase("DELETE", "/v1/admin/postings/not-a-uuid")]
    [TestCase("DELETE", "/v1/admin/postings/not-a-uuid/translations/en")]
    public async Task A_malformed_id_is_a_400_naming_id(string method, string path)
    {
        var rsp = await Admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await rsp.ReadProblemAsync())["errors"]!.AsObject().ContainsKey("id"));
    }
}
