using System.Net;
using System.Net.Http.Json;
using Careers.Api.Infrastructure.Auth;
using Careers.Contracts.Admin;
using Dapper;

namespace Careers.Tests.Admin;

/// <summary>
/// Every change writes one audit row (who, what, which posting and language, versions around it) in
/// its own transaction; a refused change writes nothing at all.
/// </summary>
public sealed class AuditTests : AdminFixture
{
    const string Actor = "admin-tests";

    sealed class AuditRow
    {
        public string Actor { get; init; } = "";
        public string Action { get; init; } = "";
        public Guid PostingId { get; init; }
        public string? Language { get; init; }
        public int? VersionBefore { get; init; }
        public int? VersionAfter { get; init; }

        public override string ToString() => $"{Actor} {Action} {PostingId} {Language ?? "-"} {VersionBefore?.ToString() ?? "null"}→{VersionAfter?.ToString() ?? "null"}";
    }

    async Task<List<AuditRow>> AuditAsync(Guid postingId)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return [.. await conn.QueryAsync<AuditRow>("""
            SELECT actor AS Actor, action AS Action, posting_id AS PostingId, language AS Language,
                   version_before AS VersionBefore, version_after AS VersionAfter
            FROM audit_log WHERE posting_id = @postingId ORDER BY id
            """, new { postingId })];
    }

    async Task<long> CountAsync(string table)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}"); // table names are constants of this class
    }

    async Task<AdminPosting> ChangedAsync(HttpResponseMessage rsp)
    {
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rsp.Content.ReadAsStringAsync());
        return await rsp.ReadAsAsync<AdminPosting>("AdminPosting");
    }

    /// <summary>A posting in the state the change needs: a draft, or one with a de version, or a published one.</summary>
    async Task<AdminPosting> PostingReadyForAsync(string action)
    {
        var n = Guid.NewGuid().ToString("N")[..8];
        var draft = await CreateAsync(NewPosting($"audit-{n}"));
        return action switch
        {
            "translation_removed" => await ChangedAsync(await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{draft.Id}/translations/de",
                body: new TranslationInput($"audit-entfernt-{n}", "Plattform-Ingenieur", "", []))),
            "unpublished" or "closed" => await ChangedAsync(await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{draft.Id}/publish")),
            _ => draft,
        };
    }

    Task<HttpResponseMessage> ChangeAsync(string action, AdminPosting p) => action switch
    {
        "updated" => SendAsync(HttpMethod.Put, $"/v1/admin/postings/{p.Id}", p.Version, new PostingFields("Platform", "hybrid", "part_time", ["NL"], [], null)),
        "translation_saved" => SendAsync(HttpMethod.Put, $"/v1/admin/postings/{p.Id}/translations/de", p.Version, new TranslationInput($"audit-gespeichert-{p.Id:N}", "Plattform-Ingenieur", "", [])),
        "translation_removed" => SendAsync(HttpMethod.Delete, $"/v1/admin/postings/{p.Id}/translations/de", p.Version),
        "published" => SendAsync(HttpMethod.Post, $"/v1/admin/postings/{p.Id}/publish", p.Version),
        "unpublished" => SendAsync(HttpMethod.Post, $"/v1/admin/postings/{p.Id}/unpublish", p.Version),
        "closed" => SendAsync(HttpMethod.Post, $"/v1/admin/postings/{p.Id}/close", p.Version),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    [Test]
    public async Task Create_writes_one_row_from_no_version_to_version_1()
    {
        var posting = await CreateAsync(NewPosting("audit-create"));

        var rows = await AuditAsync(posting.Id);

        Assert.That(rows.Select(r => r.ToString()), Is.EqualTo(new[] { $"{Actor} created {posting.Id} en null→1" }));
    }

    [TestCase("updated", null)]
    [TestCase("translation_saved", "de")]
    [TestCase("translation_removed", "de")]
    [TestCase("published", null)]
    [TestCase("unpublished", null)]
    [TestCase("closed", null)]
    public async Task A_change_writes_exactly_one_row_with_the_versions_around_it(string action, string? language)
    {
        var posting = await PostingReadyForAsync(action);
        var before = await AuditAsync(posting.Id);

        var changed = await ChangedAsync(await ChangeAsync(action, posting));

        var added = (await AuditAsync(posting.Id)).Skip(before.Count).Select(r => r.ToString());
        Assert.That(added, Is.EqualTo(new[] { $"{Actor} {action} {posting.Id} {language ?? "-"} {posting.Version}→{posting.Version + 1}" }));
        Assert.That(changed.Version, Is.EqualTo(posting.Version + 1));
    }

    [Test]
    public async Task Delete_writes_one_row_to_no_version_that_outlives_the_posting()
    {
        var posting = await PostingReadyForAsync("unpublished");

        var rsp = await SendAsync(HttpMethod.Delete, $"/v1/admin/postings/{posting.Id}", posting.Version);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var rows = await AuditAsync(posting.Id);
        Assert.That(rows.Select(r => r.ToString()), Is.EqualTo(new[]
        {
            $"{Actor} created {posting.Id} en null→1",
            $"{Actor} published {posting.Id} - 1→2",
            $"{Actor} deleted {posting.Id} - 2→null",
        }));
        Assert.That((await SendAsync(HttpMethod.Get, $"/v1/admin/postings/{posting.Id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task The_actor_is_the_name_of_the_key_that_made_the_change()
    {
        using var recruiter = await ClientWithKeyAsync("recruiter-ana", ApiKeys.PostingsWrite);

        var rsp = await recruiter.PostAsJsonAsync("/v1/admin/postings", NewPosting("audit-actor"));

        var posting = await rsp.ReadAsAsync<AdminPosting>("AdminPosting");
        Assert.That((await AuditAsync(posting.Id)).Select(r => r.Actor), Is.EqualTo(new[] { "recruiter-ana" }));
    }

    [Test]
    public async Task A_replayed_create_writes_no_second_row()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/admin/postings") { Content = JsonContent.Create(NewPosting("audit-replay")) };
        request.Headers.Add("Idempotency-Key", "audit-replay-1");
        var first = await (await Admin.SendAsync(request)).ReadAsAsync<AdminPosting>("AdminPosting");
        var retry = new HttpRequestMessage(HttpMethod.Post, "/v1/admin/postings") { Content = JsonContent.Create(NewPosting("audit-replay")) };
        retry.Headers.Add("Idempotency-Key", "audit-replay-1");

        var rsp = await Admin.SendAsync(retry);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await AuditAsync(first.Id)).Select(r => r.Action), Is.EqualTo(new[] { "created" }));
    }

    static IEnumerable<TestCaseData> RefusedChanges() =>
        new (string Change, int Status)[]
        {
            ("publish without countries", 422),
            ("publish when published", 409),
            ("update with a stale If-Match", 412),
            ("save a translation with a stale If-Match", 412),
            ("publish with a stale If-Match", 412),
            ("delete with a stale If-Match", 412),
            ("save a translation with a taken slug", 409),
            ("remove the last translation", 409),
            ("move closesAt before publishedAt", 422),
        }.Select(c => new TestCaseData(c.Change, c.Status).SetArgDisplayNames($"{c.Change} ({c.Status})"));

    [TestCaseSource(nameof(RefusedChanges))]
    public async Task A_refused_change_writes_no_row_and_leaves_the_posting_as_it_was(string change, int status)
    {
        var n = Guid.NewGuid().ToString("N")[..8];
        var posting = await CreateAsync(NewPosting($"audit-refused-{n}", countries: change == "publish without countries" ? [] : null));
        var read = posting.Version;
        if (change.Contains("stale", StringComparison.Ordinal)) // someone else changes it after it was read
            posting = await ChangedAsync(await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}/translations/fr", body: new TranslationInput($"audit-fr-{n}", "Ingénieur plateforme", "", [])));
        if (change is "publish when published" or "move closesAt before publishedAt")
            posting = await ChangedAsync(await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish"));
        if (change == "save a translation with a taken slug")
            await CreateAsync(NewPosting($"audit-taken-{n}", language: "de"));
        var rowsBefore = await AuditAsync(posting.Id);
        var bodyBefore = await (await SendAsync(HttpMethod.Get, $"/v1/admin/postings/{posting.Id}")).Content.ReadAsStringAsync();
        var publicBefore = (await Http.GetAsync($"/v1/postings/{posting.Id}?lang=en")).StatusCode;

        var rsp = change switch
        {
            "publish without countries" or "publish when published" => await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish"),
            "update with a stale If-Match" => await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}", read, new PostingFields("Platform", "hybrid", "part_time", ["NL"], [], null)),
            "save a translation with a stale If-Match" => await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}/translations/de", read, new TranslationInput($"audit-stale-{n}", "Plattform-Ingenieur", "", [])),
            "publish with a stale If-Match" => await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish", read),
            "delete with a stale If-Match" => await SendAsync(HttpMethod.Delete, $"/v1/admin/postings/{posting.Id}", read),
            "save a translation with a taken slug" => await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}/translations/de", body: new TranslationInput($"audit-taken-{n}", "Plattform-Ingenieur", "", [])),
            "remove the last translation" => await SendAsync(HttpMethod.Delete, $"/v1/admin/postings/{posting.Id}/translations/en"),
            "move closesAt before publishedAt" => await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}", body: new PostingFields("Platform", "hybrid", "part_time", ["NL"], [], Today.AddDays(-30))),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        Assert.That((int)rsp.StatusCode, Is.EqualTo(status), await rsp.Content.ReadAsStringAsync());
        await rsp.ReadProblemAsync();
        Assert.That((await AuditAsync(posting.Id)).Select(r => r.ToString()), Is.EqualTo(rowsBefore.Select(r => r.ToString())));
        var bodyAfter = await (await SendAsync(HttpMethod.Get, $"/v1/admin/postings/{posting.Id}")).Content.ReadAsStringAsync();
        Assert.That(bodyAfter, Is.EqualTo(bodyBefore));
        Assert.That((await Http.GetAsync($"/v1/postings/{posting.Id}?lang=en")).StatusCode, Is.EqualTo(publicBefore));
    }

    [Test]
    public async Task A_refused_create_writes_neither_a_posting_nor_a_row()
    {
        await CreateAsync(NewPosting("audit-create-taken"));
        var postings = await CountAsync("postings");
        var rows = await CountAsync("audit_log");

        var rsp = await Admin.PostAsJsonAsync("/v1/admin/postings", NewPosting("audit-create-taken"));

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await CountAsync("postings"), Is.EqualTo(postings));
        Assert.That(await CountAsync("audit_log"), Is.EqualTo(rows));
    }
}
