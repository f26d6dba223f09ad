using System.Net;
using System.Net.Http.Headers;
using Careers.Api.Features.Postings;
using Careers.Api.Features.Postings.Expiry;
using Careers.Contracts.Admin;
using Careers.Contracts.Changes;
using Careers.Contracts.Postings;
using Careers.Tests.Admin;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Careers.Tests.Changes;

/// <summary>GET /v1/changes: every way a version enters or leaves the public set, the snapshot, cursors, caching; the detail's 410.</summary>
public sealed class ChangeStreamTests : AdminFixture
{
    ExpiryJob Job => App.Services.GetRequiredService<ExpiryJob>();

    async Task<AdminPosting> PublishedAsync(string slug, string language = "en", DateTimeOffset? closesAt = null)
    {
        var created = await CreateAsync(NewPosting(slug, language) with { ClosesAt = closesAt });
        var rsp = await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{created.Id}/publish");
        Assert.That((int)rsp.StatusCode, Is.EqualTo(200), await rsp.Content.ReadAsStringAsync());
        return created;
    }

    async Task<ChangeFollower> FollowerAtHeadAsync(string? lang = null)
    {
        var follower = new ChangeFollower(Http, lang);
        await follower.CatchUpAsync(limit: 1000);
        return follower;
    }

    static Change Only(List<Change> changes, Guid id, string language) =>
        changes.Single(c => c.Id == id && c.Language == language);

    [Test]
    public async Task Publishing_is_an_upsert_carrying_the_list_item()
    {
        var follower = await FollowerAtHeadAsync();

        var posting = await PublishedAsync("stream-upsert");
        var read = await follower.CatchUpAsync();

        var change = Only(read, posting.Id, "en");
        Assert.That(change.Type, Is.EqualTo(ChangeType.Upsert));
        Assert.That(change.Reason, Is.Null);
        Assert.That(change.At, Is.EqualTo(Clock.Now));
        var listed = (await ChangeStream.PublicListAsync(Http, "en"))[(posting.Id, "en")];
        Assert.That(ChangeStream.Canonical(new() { [(posting.Id, "en")] = change.Posting! }),
            Is.EqualTo(ChangeStream.Canonical(new() { [(posting.Id, "en")] = listed })));
    }

    [Test]
    public async Task An_upsert_carries_pay_seniority_and_the_first_publication_and_a_pay_change_is_an_upsert()
    {
        var follower = await FollowerAtHeadAsync();
        var draft = NewPosting("stream-pay");
        var created = await CreateAsync(draft with
        {
            Seniority = "senior",
            Pay = new PayInput(60000, 80000, "EUR", "year", Overrides: [new PayOverrideInput("FR", 55000, 75000, "EUR", "year")]),
            Translation = draft.Translation! with { PayNote = "plus a yearly bonus" },
        });
        Assert.That((int)(await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{created.Id}/publish")).StatusCode, Is.EqualTo(200));
        var published = Only(await follower.CatchUpAsync(), created.Id, "en");

        Assert.That(published.Type, Is.EqualTo(ChangeType.Upsert));
        var posting = published.Posting!;
        Assert.That(posting.Seniority, Is.EqualTo(Seniority.Senior));
        Assert.That(posting.Pay, Is.Not.Null);
        Assert.That((posting.Pay!.Min, posting.Pay.Max, posting.Pay.Currency, posting.Pay.Period, posting.Pay.Gross, posting.Pay.Note),
            Is.EqualTo((60000m, 80000m, "EUR", PayPeriod.Year, true, "plus a yearly bonus")));
        Assert.That(posting.Pay.Overrides, Is.EqualTo(new[] { new PayOverride("FR", 55000, 75000, "EUR", PayPeriod.Year, true) }));
        Assert.That(posting.FirstPublishedAt, Is.EqualTo(Clock.Now));

        // Pay alone changes, an hour later: every follower hears of it, and the first publication stays.
        Clock.Now = Clock.Now.AddHours(1);
        var rsp = await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{created.Id}",
            body: new PostingFields(draft.Department, draft.WorkplaceType, draft.EmploymentType, draft.Countries, draft.Locations, null,
                Seniority: "senior", Pay: new PayInput(65000, 85000, "EUR", "year")));
        Assert.That((int)rsp.StatusCode, Is.EqualTo(200), await rsp.Content.ReadAsStringAsync());
        var changed = Only(await follower.CatchUpAsync(), created.Id, "en");

        Assert.That(changed.Type, Is.EqualTo(ChangeType.Upsert));
        Assert.That(changed.At, Is.EqualTo(Clock.Now));
        Assert.That((changed.Posting!.Pay!.Min, changed.Posting.Pay.Max, changed.Posting.Pay.Overrides.Count), Is.EqualTo((65000m, 85000m, 0)));
        Assert.That(changed.Posting.FirstPublishedAt, Is.EqualTo(posting.FirstPublishedAt));
        var listed = (await ChangeStream.PublicListAsync(Http, "en"))[(created.Id, "en")];
        Assert.That(ChangeStream.Canonical(new() { [(created.Id, "en")] = changed.Posting }),
            Is.EqualTo(ChangeStream.Canonical(new() { [(created.Id, "en")] = listed })));
    }

    [TestCase("unpublish", "unpublished")]
    [TestCase("close", "closed")]
    public async Task Unpublish_and_close_are_removes_with_their_reason(string action, string reason)
    {
        var posting = await PublishedAsync($"stream-{action}");
        var follower = await FollowerAtHeadAsync();

        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/{action}");
        var change = Only(await follower.CatchUpAsync(), posting.Id, "en");

        Assert.That(change.Type, Is.EqualTo(ChangeType.Remove));
        Assert.That(change.Reason, Is.EqualTo(Enum.Parse<RemoveReason>(reason.Replace("_", ""), ignoreCase: true)));
        Assert.That(change.Posting, Is.Null);
        Assert.That(change.At, Is.EqualTo(Clock.Now));
    }

    [Test]
    public async Task Deleting_a_posting_removes_every_language_version_as_deleted()
    {
        var posting = await PublishedAsync("stream-delete");
        await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}/translations/de", body: new TranslationInput("stream-delete", "Plattform", "", []));
        var follower = await FollowerAtHeadAsync();

        await SendAsync(HttpMethod.Delete, $"/v1/admin/postings/{posting.Id}");
        var read = await follower.CatchUpAsync();

        Assert.That(Only(read, posting.Id, "en").Reason, Is.EqualTo(RemoveReason.Deleted));
        Assert.That(Only(read, posting.Id, "de").Reason, Is.EqualTo(RemoveReason.Deleted));
    }

    [Test]
    public async Task Adding_and_removing_a_translation_is_an_upsert_then_a_remove_translation_removed()
    {
        var posting = await PublishedAsync("stream-translation");
        var follower = await FollowerAtHeadAsync();

        await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}/translations/fr", body: new TranslationInput("stream-traduction", "Plateforme", "", []));
        var added = Only(await follower.CatchUpAsync(), posting.Id, "fr");
        await SendAsync(HttpMethod.Delete, $"/v1/admin/postings/{posting.Id}/translations/fr");
        var removed = await follower.CatchUpAsync();

        Assert.That(added.Type, Is.EqualTo(ChangeType.Upsert));
        Assert.That(added.Posting!.Slug, Is.EqualTo("stream-traduction"));
        Assert.That(Only(removed, posting.Id, "fr").Reason, Is.EqualTo(RemoveReason.TranslationRemoved));
        // The other version stays public (its detail's translation links changed: an upsert is right).
        Assert.That(removed.Where(c => c.Id == posting.Id && c.Language == "en").Select(c => c.Type), Is.All.EqualTo(ChangeType.Upsert));
    }

    [Test]
    public async Task A_language_neutral_change_is_an_upsert_for_every_language_version()
    {
        var posting = await PublishedAsync("stream-neutral");
        await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}/translations/es", body: new TranslationInput("stream-neutral", "Plataforma", "", []));
        var follower = await FollowerAtHeadAsync();

        var rsp = await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}",
            body: new PostingFields("Engineering", "hybrid", "full_time", ["PT"], [new LocationInput("Lisbon", "PT")], null));
        Assert.That((int)rsp.StatusCode, Is.EqualTo(200), await rsp.Content.ReadAsStringAsync());
        var read = await follower.CatchUpAsync();

        Assert.That(read.Where(c => c.Id == posting.Id).Select(c => (c.Language, c.Type, c.Posting!.Countries[0])),
            Is.EquivalentTo(new[] { ("en", ChangeType.Upsert, "PT"), ("es", ChangeType.Upsert, "PT") }));
    }

    [Test]
    public async Task A_posting_whose_closesAt_passes_is_closed_by_the_job_and_removed_as_expired_at_closesAt()
    {
        var closes = Clock.Now.AddHours(1);
        var posting = await PublishedAsync("stream-expiry", closesAt: closes);
        var follower = await FollowerAtHeadAsync();
        var countriesBefore = await Http.GetStringAsync("/v1/countries?lang=en");

        Clock.Now = closes.AddMinutes(5);
        await Job.RunDueAsync();
        var read = await follower.CatchUpAsync();

        var change = Only(read, posting.Id, "en");
        Assert.That(change.Type, Is.EqualTo(ChangeType.Remove));
        Assert.That(change.Reason, Is.EqualTo(RemoveReason.Expired));
        Assert.That(change.At, Is.EqualTo(closes));
        var admin = await (await Admin.GetAsync($"/v1/admin/postings/{posting.Id}")).ReadAsAsync<AdminPosting>("AdminPosting");
        Assert.That(admin.Status, Is.EqualTo("closed"));
        Assert.That(admin.Version, Is.EqualTo(posting.Version + 2), "publish, then the expiry");
        var hidden = await Db.OpenConnection().ExecuteScalarAsync<long>(
            $"SELECT count(*) FROM posting_translations t WHERE {Visibility.ExpiredNow}", new { Now = Clock.Now });
        Assert.That(hidden, Is.Zero, "nothing expired is left for the facets to subtract");
        Assert.That(await Http.GetStringAsync("/v1/countries?lang=en"), Is.Not.EqualTo(countriesBefore));
    }

    [Test]
    public async Task The_stream_is_exact_when_the_job_has_not_run_it_processes_what_is_due_before_reading()
    {
        var closes = Clock.Now.AddHours(1);
        var posting = await PublishedAsync("stream-expiry-inline", closesAt: closes);
        var follower = await FollowerAtHeadAsync();

        Clock.Now = closes.AddSeconds(1);
        var read = await follower.CatchUpAsync();

        Assert.That(Only(read, posting.Id, "en").Reason, Is.EqualTo(RemoveReason.Expired));
    }

    [Test]
    public async Task A_scheduled_publication_is_an_upsert_when_it_goes_live_at_its_publishedAt()
    {
        var goesLive = Clock.Now.AddHours(2);
        var id = await Given.PostingAsync(languages: ["en", "fr"], publishedAt: goesLive);
        var follower = await FollowerAtHeadAsync();
        Assert.That(follower.Held.Keys.Any(k => k.Item1 == id), Is.False);

        Clock.Now = goesLive.AddMinutes(1);
        await Job.RunDueAsync();
        var read = await follower.CatchUpAsync();

        Assert.That(read.Where(c => c.Id == id).Select(c => (c.Language, c.Type, c.At)),
            Is.EquivalentTo(new[] { ("en", ChangeType.Upsert, goesLive), ("fr", ChangeType.Upsert, goesLive) }));
    }

    [Test]
    public async Task Without_cursor_the_stream_starts_with_the_visible_set_and_no_removes_of_what_left_before()
    {
        var gone = await PublishedAsync("stream-snapshot-gone");
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{gone.Id}/close");
        var kept = await PublishedAsync("stream-snapshot-kept");

        var follower = new ChangeFollower(Http);
        await follower.CatchUpAsync(limit: 3);

        Assert.That(follower.Seen.Any(c => c.Id == gone.Id), Is.False);
        Assert.That(follower.Seen.All(c => c.Type == ChangeType.Upsert), Is.True);
        Assert.That(follower.Held.ContainsKey((kept.Id, "en")), Is.True);
        Assert.That(ChangeStream.Canonical(follower.Held), Is.EqualTo(ChangeStream.Canonical(await ChangeStream.PublicListAsync(Http))));
    }

    [Test]
    public async Task A_remove_after_the_first_page_is_sent_even_for_a_version_the_snapshot_already_gave()
    {
        var posting = await PublishedAsync("stream-snapshot-later");
        var follower = new ChangeFollower(Http);
        var first = await ChangeStream.PageAsync(Http, null, null, 1);

        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/unpublish");
        await follower.CatchUpAsync();

        Assert.That(first.Items, Has.Count.EqualTo(1));
        Assert.That(follower.Held.ContainsKey((posting.Id, "en")), Is.False);
        Assert.That(ChangeStream.Canonical(follower.Held), Is.EqualTo(ChangeStream.Canonical(await ChangeStream.PublicListAsync(Http))));
    }

    [Test]
    public async Task A_stream_per_language_holds_that_language_only()
    {
        var posting = await PublishedAsync("stream-lang");
        await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}/translations/it", body: new TranslationInput("stream-lingua", "Piattaforma", "", []));

        var follower = new ChangeFollower(Http, "it");
        await follower.CatchUpAsync(limit: 2);

        Assert.That(follower.Seen.All(c => c.Language == "it"), Is.True);
        Assert.That(ChangeStream.Canonical(follower.Held), Is.EqualTo(ChangeStream.Canonical(await ChangeStream.PublicListAsync(Http, "it"))));
    }

    [Test]
    public async Task An_empty_poll_returns_the_same_cursor_from_the_cache_and_304_with_If_None_Match()
    {
        var follower = await FollowerAtHeadAsync();
        var url = ChangeStream.Url(follower.Cursor, null, 7);

        var first = await Http.GetAsync(url);
        var second = await Http.GetAsync(url);
        var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(second.Headers.ETag!.ToString()));
        var notModified = await Http.SendAsync(conditional);

        var page = await first.ReadAsAsync<ChangePage>("ChangePage");
        Assert.That(page.Items, Is.Empty);
        Assert.That(page.NextCursor, Is.EqualTo(follower.Cursor));
        Assert.That(second.Headers.GetValues("Cache-Status").Single(), Does.Contain("hit"));
        Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test]
    public async Task A_poll_after_a_write_is_not_served_from_the_cache()
    {
        var follower = await FollowerAtHeadAsync();
        var url = ChangeStream.Url(follower.Cursor, null, 7);
        await Http.GetAsync(url);

        var posting = await PublishedAsync("stream-after-cache");
        var page = await ChangeStream.PageAsync(Http, follower.Cursor, null, 7);

        Assert.That(page.Items.Any(c => c.Id == posting.Id), Is.True);
    }

    [TestCase("limit=0")]
    [TestCase("limit=1001")]
    [TestCase("limit=abc")]
    public async Task A_limit_outside_1_to_1000_is_a_400_naming_limit(string query)
    {
        var rsp = await Http.GetAsync($"/v1/changes?{query}");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await rsp.ReadProblemAsync())["errors"]!.AsObject().ContainsKey("limit"), Is.True);
    }

    [Test]
    public async Task A_tampered_cursor_is_a_400_naming_cursor()
    {
        var cursor = (await ChangeStream.PageAsync(Http, null, null, 1)).NextCursor;
        var tampered = cursor[..10] + (cursor[10] == 'A' ? 'B' : 'A') + cursor[11..];

        foreach (var bad in new[] { tampered, "not-a-cursor", cursor + "x" })
        {
            var rsp = await Http.GetAsync(ChangeStream.Url(bad, null, null));
            Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), bad);
            Assert.That((await rsp.ReadProblemAsync())["errors"]!.AsObject().ContainsKey("cursor"), Is.True);
        }
    }

    [Test]
    public async Task A_cursor_of_another_lang_is_a_400_naming_cursor()
    {
        var cursor = (await ChangeStream.PageAsync(Http, null, "en", 1)).NextCursor;

        foreach (var lang in new string?[] { "fr", null })
        {
            var rsp = await Http.GetAsync(ChangeStream.Url(cursor, lang, null));
            Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((await rsp.ReadProblemAsync())["errors"]!.AsObject().ContainsKey("cursor"), Is.True);
        }
    }

    [Test]
    public async Task A_detail_that_was_public_and_left_is_a_410_with_closedAt_and_reason_by_id_and_by_slug()
    {
        var posting = await PublishedAsync("stream-gone-detail");
        var closedAt = Clock.Now;
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/close");

        foreach (var url in new[] { $"/v1/postings/{posting.Id}", $"/v1/postings/{posting.Id}?lang=en", "/v1/postings/stream-gone-detail", "/v1/postings/stream-gone-detail?lang=en" })
        {
            var rsp = await Http.GetAsync(url);
            Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Gone), url);
            var problem = await rsp.ReadProblemAsync();
            OpenApiContractCheck(problem);
            Assert.That(problem["reason"]!.GetValue<string>(), Is.EqualTo("closed"));
            Assert.That(DateTimeOffset.Parse(problem["closedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(closedAt));
            Assert.That(rsp.Headers.CacheControl?.NoCache, Is.True, "a 410 is not kept");
        }
    }

    static void OpenApiContractCheck(System.Text.Json.Nodes.JsonObject problem) =>
        Contract.OpenApiContract.AssertConforms(problem.ToJsonString(), "GoneProblem");

    [Test]
    public async Task A_detail_that_was_good_then_gone_is_410_then_good_again_when_republished()
    {
        var posting = await PublishedAsync("stream-gone-cache");
        Assert.That((await Http.GetAsync("/v1/postings/stream-gone-cache")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/unpublish");
        var gone = await Http.GetAsync("/v1/postings/stream-gone-cache");
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish");
        var back = await Http.GetAsync("/v1/postings/stream-gone-cache");

        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.Gone));
        Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_detail_past_closesAt_is_410_expired_before_the_job_has_run()
    {
        var closes = Clock.Now.AddHours(3);
        await PublishedAsync("stream-gone-lag", closesAt: closes);

        Clock.Now = closes.AddSeconds(1);
        var rsp = await Http.GetAsync("/v1/postings/stream-gone-lag?lang=en");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Gone));
        var problem = await rsp.ReadProblemAsync();
        Assert.That(problem["reason"]!.GetValue<string>(), Is.EqualTo("expired"));
        Assert.That(DateTimeOffset.Parse(problem["closedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(closes));
    }

    [Test]
    public async Task A_slug_never_public_stays_a_404_a_draft_too_and_another_language_of_a_gone_slug()
    {
        await CreateAsync(NewPosting("stream-only-draft"));
        var posting = await PublishedAsync("stream-gone-lang");
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/close");

        Assert.That((await Http.GetAsync("/v1/postings/stream-never-was")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Http.GetAsync("/v1/postings/stream-only-draft")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Http.GetAsync("/v1/postings/stream-gone-lang?lang=de")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Http.GetAsync($"/v1/postings/{Guid.NewGuid()}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task The_log_function_uses_the_one_visibility_rule()
    {
        await using var conn = await Db.OpenConnectionAsync();
        var body = await conn.ExecuteScalarAsync<string>("SELECT prosrc FROM pg_proc WHERE proname = 'change_log_write'");

        var rule = Visibility.PublishedNow.Replace("@Now", "eff_now", StringComparison.Ordinal);
        Assert.That(body!.Split(rule).Length - 1, Is.EqualTo(2), "the upserts and the removes both test the rule of Visibility.PublishedNow");
    }
}
