using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Careers.Api.Features.Webhooks;
using Careers.Api.Infrastructure.Auth;
using Careers.Contracts.Admin;
using Careers.Contracts.Common;
using Careers.Contracts.Webhooks;
using Careers.Tests.Admin;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Careers.Tests.Webhooks.Admin;

/// <summary>
/// The webhook admin routes (issue 12), on a deployment that lets targets be on loopback over http
/// (Careers:Webhooks:AllowInsecure, AllowedTargets=127.0.0.1): nothing is delivered here (no worker
/// in these tests), so http://127.0.0.1:9 is a target that exists only as a row.
/// </summary>
public sealed class WebhookAdminTests : AdminFixture
{
    const string Target = "http://127.0.0.1:9/careers";
    static readonly string[] AllEvents = ["posting.published", "posting.updated", "posting.removed"];

    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        builder.UseSetting("Careers:Webhooks:AllowInsecure", "true");
        builder.UseSetting("Careers:Webhooks:AllowedTargets", "127.0.0.1");
        // The routes' view of deliveries, not the worker's: nothing is sent here, so what a test
        // wrote stays as written (tests/Webhooks/Delivery send for real).
        builder.UseSetting("Careers:Webhooks:Deliver", "false");
    }

    [SetUp]
    public async Task StartEmpty()
    {
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync("DELETE FROM webhook_subscriptions; DELETE FROM webhook_events");
    }

    async Task<WebhookSubscription> RegisterAsync(string url = Target, string[]? events = null, string[]? languages = null, string? description = null)
    {
        var rsp = await Admin.PostAsJsonAsync("/v1/admin/webhooks", new WebhookSubscriptionInput(url, events ?? AllEvents, languages, description));
        Assert.That((int)rsp.StatusCode, Is.EqualTo(201), await rsp.Content.ReadAsStringAsync());
        return await rsp.ReadAsAsync<WebhookSubscription>("WebhookSubscription");
    }

    async Task<AdminPosting> PublishedAsync(string slug)
    {
        var posting = await CreateAsync(NewPosting(slug));
        Assert.That((await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return posting;
    }

    async Task<Page<WebhookDelivery>> DeliveriesAsync(Guid id, string query = "")
    {
        var rsp = await Admin.GetAsync($"/v1/admin/webhooks/{id}/deliveries{query}");
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rsp.Content.ReadAsStringAsync());
        return await rsp.ReadAsAsync<Page<WebhookDelivery>>("WebhookDeliveryPage");
    }

    async Task<long> CountAsync(string table)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
    }

    [Test]
    public async Task Registering_answers_201_with_the_secret_once_sealed_for_the_subscription()
    {
        var rsp = await Admin.PostAsJsonAsync("/v1/admin/webhooks",
            new WebhookSubscriptionInput(Target, ["posting.published"], ["en", "de"], "The board's import."));
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Created), await rsp.Content.ReadAsStringAsync());
        var created = await rsp.ReadAsAsync<WebhookSubscription>("WebhookSubscription");
        Assert.Multiple(() =>
        {
            Assert.That(rsp.Headers.Location?.ToString(), Is.EqualTo($"/v1/admin/webhooks/{created.Id}"));
            Assert.That(created.Url, Is.EqualTo(Target));
            Assert.That(created.Events, Is.EqualTo(new[] { "posting.published" }));
            Assert.That(created.Languages, Is.EqualTo(new[] { "en", "de" }));
            Assert.That(created.Description, Is.EqualTo("The board's import."));
            Assert.That(created.Status, Is.EqualTo("active"));
            Assert.That(created.CreatedBy, Is.EqualTo("admin-tests"));
            Assert.That(created.CreatedAt, Is.EqualTo(Clock.Now));
            Assert.That(created.PendingDeliveries, Is.Zero);
            Assert.That(created.Secret, Does.StartWith("whsec_"));
        });

        await using var conn = await Db.OpenConnectionAsync();
        var stored = await conn.ExecuteScalarAsync<byte[]>("SELECT secret FROM webhook_subscriptions WHERE id = @Id", new { created.Id });
        Assert.That(stored, Is.Not.Null);
        Assert.That(App.Services.GetRequiredService<WebhookSecrets>().Open(created.Id, stored!), Is.EqualTo(created.Secret));

        var got = await Admin.GetAsync($"/v1/admin/webhooks/{created.Id}");
        var gotBody = await got.Content.ReadAsStringAsync();
        var list = await Admin.GetAsync("/v1/admin/webhooks");
        var listBody = await list.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(got.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(gotBody, Does.Not.Contain(created.Secret!).And.Not.Contain("\"secret\""));
            Assert.That(listBody, Does.Not.Contain(created.Secret!).And.Not.Contain("\"secret\""));
        });
        Assert.That(await got.ReadAsAsync<WebhookSubscription>("WebhookSubscription"), Is.EqualTo(created with { Secret = null }).Using<WebhookSubscription>(SameFields));
    }

    static bool SameFields(WebhookSubscription a, WebhookSubscription b) =>
        a.Id == b.Id && a.Url == b.Url && a.Events.SequenceEqual(b.Events) && (a.Languages ?? []).SequenceEqual(b.Languages ?? [])
        && a.Status == b.Status && a.Secret == b.Secret && a.PendingDeliveries == b.PendingDeliveries;

    [Test]
    public async Task The_list_has_every_subscription_newest_first_without_secrets()
    {
        var first = await RegisterAsync();
        Clock.Now = Clock.Now.AddMinutes(1);
        var second = await RegisterAsync(events: ["posting.removed"]);
        var list = await (await Admin.GetAsync("/v1/admin/webhooks")).ReadAsAsync<WebhookSubscriptionList>("WebhookSubscriptionList");
        Assert.That(list.Items.Select(s => s.Id), Is.EqualTo(new[] { second.Id, first.Id }));
        Assert.That(list.Items.Select(s => s.Secret), Is.All.Null);
    }

    [Test]
    public async Task Unknown_and_malformed_ids_are_a_404_and_a_400()
    {
        var unknown = Guid.NewGuid();
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, $"/v1/admin/webhooks/{unknown}"), (HttpMethod.Delete, $"/v1/admin/webhooks/{unknown}"),
            (HttpMethod.Post, $"/v1/admin/webhooks/{unknown}/pause"), (HttpMethod.Post, $"/v1/admin/webhooks/{unknown}/resume"),
            (HttpMethod.Get, $"/v1/admin/webhooks/{unknown}/deliveries"), (HttpMethod.Post, $"/v1/admin/webhooks/{unknown}/deliveries/1/redeliver"),
        })
        {
            var rsp = await SendAsync(method, path);
            Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), $"{method} {path}");
            await rsp.ReadProblemAsync();
        }
        var patch = await SendAsync(HttpMethod.Patch, $"/v1/admin/webhooks/{unknown}", body: new { description = "x" });
        Assert.That(patch.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var malformed = await Admin.GetAsync("/v1/admin/webhooks/not-a-uuid");
        Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await malformed.ReadProblemAsync())["errors"]!.AsObject().Select(e => e.Key), Does.Contain("id"));
    }

    [Test]
    public async Task Patch_changes_the_fields_given_and_leaves_the_others()
    {
        var sub = await RegisterAsync(languages: ["en"], description: "first");
        Clock.Now = Clock.Now.AddMinutes(5);

        var rsp = await SendAsync(HttpMethod.Patch, $"/v1/admin/webhooks/{sub.Id}", body: new { events = new[] { "posting.removed" } });
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rsp.Content.ReadAsStringAsync());
        var changed = await rsp.ReadAsAsync<WebhookSubscription>("WebhookSubscription");
        Assert.Multiple(() =>
        {
            Assert.That(changed.Events, Is.EqualTo(new[] { "posting.removed" }));
            Assert.That(changed.Languages, Is.EqualTo(new[] { "en" }));
            Assert.That(changed.Description, Is.EqualTo("first"));
            Assert.That(changed.Url, Is.EqualTo(Target));
            Assert.That(changed.UpdatedAt, Is.EqualTo(Clock.Now));
            Assert.That(changed.Secret, Is.Null);
        });

        var all = await (await SendAsync(HttpMethod.Patch, $"/v1/admin/webhooks/{sub.Id}",
            body: new JsonObject { ["languages"] = null, ["description"] = "", ["url"] = "http://127.0.0.1:10/other" })).ReadAsAsync<WebhookSubscription>("WebhookSubscription");
        Assert.Multiple(() =>
        {
            Assert.That(all.Languages, Is.Null, "null: every language");
            Assert.That(all.Description, Is.Null);
            Assert.That(all.Url, Is.EqualTo("http://127.0.0.1:10/other"));
        });

        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { events = Array.Empty<string>() }, "events"),
            (new { events = new[] { "posting.deleted" } }, "events[0]"),
            (new { languages = new[] { "xx" } }, "languages[0]"),
            (new { url = "https://10.0.0.1/hook" }, "url"),
            (new { url = "ftp://127.0.0.1/hook" }, "url"),
            (new { description = new string('d', 501) }, "description"),
        })
        {
            var refused = await SendAsync(HttpMethod.Patch, $"/v1/admin/webhooks/{sub.Id}", body: body);
            Assert.That((int)refused.StatusCode, Is.InRange(400, 422), field);
            Assert.That((await refused.ReadProblemAsync())["errors"]!.AsObject().Select(e => e.Key), Does.Contain(field), field);
        }
        var after = await (await Admin.GetAsync($"/v1/admin/webhooks/{sub.Id}")).ReadAsAsync<WebhookSubscription>("WebhookSubscription");
        Assert.That(after.Url, Is.EqualTo("http://127.0.0.1:10/other"), "refused patches change nothing");
    }

    [Test]
    public async Task A_publication_is_a_pending_delivery_pause_stops_them_and_resume_starts_them_again()
    {
        var sub = await RegisterAsync(events: ["posting.published"]);
        var first = await PublishedAsync("hooks-admin-first");

        var page = await DeliveriesAsync(sub.Id);
        Assert.That(page.Items, Has.Count.EqualTo(1));
        var d = page.Items[0];
        Assert.Multiple(() =>
        {
            Assert.That(d.Type, Is.EqualTo("posting.published"));
            Assert.That(d.PostingId, Is.EqualTo(first.Id));
            Assert.That(d.Language, Is.EqualTo("en"));
            Assert.That(d.Status, Is.EqualTo("pending"));
            Assert.That(d.Attempts, Is.Zero);
        });
        var got = await (await Admin.GetAsync($"/v1/admin/webhooks/{sub.Id}")).ReadAsAsync<WebhookSubscription>("WebhookSubscription");
        Assert.That(got.PendingDeliveries, Is.EqualTo(1));

        var paused = await (await SendAsync(HttpMethod.Post, $"/v1/admin/webhooks/{sub.Id}/pause")).ReadAsAsync<WebhookSubscription>("WebhookSubscription");
        Assert.Multiple(() =>
        {
            Assert.That(paused.Status, Is.EqualTo("paused"));
            Assert.That(paused.PausedAt, Is.EqualTo(Clock.Now));
            Assert.That(paused.PausedReason, Is.EqualTo("paused by admin-tests"));
        });
        var again = await SendAsync(HttpMethod.Post, $"/v1/admin/webhooks/{sub.Id}/pause");
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "pausing is idempotent");
        Assert.That((await again.ReadAsAsync<WebhookSubscription>("WebhookSubscription")).Status, Is.EqualTo("paused"));

        await PublishedAsync("hooks-admin-while-paused");
        Assert.That((await DeliveriesAsync(sub.Id)).Items, Has.Count.EqualTo(1), "paused: no new delivery");

        await using (var conn = await Db.OpenConnectionAsync())
            await conn.ExecuteAsync("UPDATE webhook_subscriptions SET failing_since = now() WHERE id = @Id", new { sub.Id });
        var resumed = await (await SendAsync(HttpMethod.Post, $"/v1/admin/webhooks/{sub.Id}/resume")).ReadAsAsync<WebhookSubscription>("WebhookSubscription");
        Assert.Multiple(() =>
        {
            Assert.That(resumed.Status, Is.EqualTo("active"));
            Assert.That(resumed.PausedAt, Is.Null);
            Assert.That(resumed.PausedReason, Is.Null);
            Assert.That(resumed.FailingSince, Is.Null);
        });
        Assert.That((await SendAsync(HttpMethod.Post, $"/v1/admin/webhooks/{sub.Id}/resume")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "resuming is idempotent");

        var third = await PublishedAsync("hooks-admin-after-resume");
        var now = await DeliveriesAsync(sub.Id);
        Assert.That(now.Items.Select(x => x.PostingId), Is.EqualTo(new[] { third.Id, first.Id }), "newest first");
    }

    [Test]
    public async Task Deliveries_page_by_cursor_and_filter_by_status()
    {
        var sub = await RegisterAsync(events: ["posting.published"]);
        for (var i = 0; i < 3; i++) await PublishedAsync($"hooks-admin-page-{i}");
        await using (var conn = await Db.OpenConnectionAsync())
            await conn.ExecuteAsync("UPDATE webhook_deliveries SET status = 'failed', completed_at = now() WHERE id = (SELECT min(id) FROM webhook_deliveries)");

        var one = await DeliveriesAsync(sub.Id, "?limit=2");
        Assert.That(one.Items, Has.Count.EqualTo(2));
        Assert.That(one.NextCursor, Is.Not.Null);
        var two = await DeliveriesAsync(sub.Id, $"?limit=2&cursor={Uri.EscapeDataString(one.NextCursor!)}");
        Assert.That(two.Items, Has.Count.EqualTo(1));
        Assert.That(two.NextCursor, Is.Null);
        var ids = one.Items.Concat(two.Items).Select(d => d.Id).ToList();
        Assert.That(ids, Is.Ordered.Descending);

        Assert.That((await DeliveriesAsync(sub.Id, "?status=failed")).Items.Select(d => d.Id), Is.EqualTo(new[] { ids[^1] }));
        Assert.That((await DeliveriesAsync(sub.Id, "?status=pending")).Items, Has.Count.EqualTo(2));

        var badStatus = await Admin.GetAsync($"/v1/admin/webhooks/{sub.Id}/deliveries?status=sent");
        Assert.That(badStatus.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await badStatus.ReadProblemAsync())["errors"]!.AsObject().Select(e => e.Key), Does.Contain("status"));
        var otherList = await Admin.GetAsync($"/v1/admin/webhooks/{sub.Id}/deliveries?status=pending&cursor={Uri.EscapeDataString(one.NextCursor!)}");
        Assert.That(otherList.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a cursor is valid only for its list");
    }

    [Test]
    public async Task Redeliver_makes_a_delivery_pending_and_due_now_with_a_fresh_window()
    {
        var sub = await RegisterAsync(events: ["posting.published"]);
        var other = await RegisterAsync(events: ["posting.published"]);
        await PublishedAsync("hooks-admin-redeliver");
        var delivery = (await DeliveriesAsync(sub.Id)).Items.Single();
        await using (var conn = await Db.OpenConnectionAsync())
            await conn.ExecuteAsync("""
                UPDATE webhook_deliveries SET status = 'failed', attempts = 9, first_attempt_at = @At, last_attempt_at = @At, completed_at = @At,
                       next_attempt_at = @At, response_status = 500, error = 'the target answered 500'
                WHERE id = @Id
                """, new { delivery.Id, At = Clock.Now.AddDays(-3) });

        Clock.Now = Clock.Now.AddHours(1);
        var rsp = await SendAsync(HttpMethod.Post, $"/v1/admin/webhooks/{sub.Id}/deliveries/{delivery.Id}/redeliver");
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await rsp.Content.ReadAsStringAsync());
        var redelivered = await rsp.ReadAsAsync<WebhookDelivery>("WebhookDelivery");
        Assert.Multiple(() =>
        {
            Assert.That(redelivered.Id, Is.EqualTo(delivery.Id));
            Assert.That(redelivered.EventId, Is.EqualTo(delivery.EventId));
            Assert.That(redelivered.Status, Is.EqualTo("pending"));
            Assert.That(redelivered.NextAttemptAt, Is.EqualTo(Clock.Now));
        });
        await using (var conn = await Db.OpenConnectionAsync())
        {
            var row = await conn.QuerySingleAsync<(DateTime? First, DateTime? Completed)>(
                "SELECT first_attempt_at, completed_at FROM webhook_deliveries WHERE id = @Id", new { delivery.Id });
            Assert.That(row, Is.EqualTo(((DateTime?)null, (DateTime?)null)));
        }

        var wrongOwner = await SendAsync(HttpMethod.Post, $"/v1/admin/webhooks/{other.Id}/deliveries/{delivery.Id}/redeliver");
        Assert.That(wrongOwner.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another subscription's delivery");
        var unknown = await SendAsync(HttpMethod.Post, $"/v1/admin/webhooks/{sub.Id}/deliveries/999999999/redeliver");
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Delete_answers_204_takes_the_deliveries_with_it_and_then_404()
    {
        var sub = await RegisterAsync(events: ["posting.published"]);
        await PublishedAsync("hooks-admin-delete");
        Assert.That(await CountAsync("webhook_deliveries"), Is.EqualTo(1));

        Assert.That((await SendAsync(HttpMethod.Delete, $"/v1/admin/webhooks/{sub.Id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await CountAsync("webhook_deliveries"), Is.Zero);
        Assert.That((await Admin.GetAsync($"/v1/admin/webhooks/{sub.Id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await SendAsync(HttpMethod.Delete, $"/v1/admin/webhooks/{sub.Id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Registration_refuses_invalid_fields_with_a_400_naming_them_and_writes_nothing()
    {
        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { events = AllEvents }, "url"),
            (new { url = "not a url", events = AllEvents }, "url"),
            (new { url = "http://user:pw@127.0.0.1/x", events = AllEvents }, "url"),
            (new { url = Target }, "events"),
            (new { url = Target, events = Array.Empty<string>() }, "events"),
            (new { url = Target, events = new[] { "posting.published", "posting.published" } }, "events"),
            (new { url = Target, events = new[] { "posting.created" } }, "events[0]"),
            (new { url = Target, events = AllEvents, languages = new[] { "xx" } }, "languages[0]"),
            (new { url = Target, events = AllEvents, languages = new[] { "en", "en" } }, "languages"),
            (new { url = Target, events = AllEvents, description = new string('d', 501) }, "description"),
        })
        {
            var rsp = await Admin.PostAsJsonAsync("/v1/admin/webhooks", body);
            Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), field);
            Assert.That((await rsp.ReadProblemAsync())["errors"]!.AsObject().Select(e => e.Key), Does.Contain(field), field);
        }
        Assert.That(await CountAsync("webhook_subscriptions"), Is.Zero);
    }

    [Test]
    public async Task Loopback_is_accepted_when_the_allow_list_names_it()
    {
        var sub = await RegisterAsync("https://127.0.0.1:8443/hook");
        Assert.That(sub.Url, Is.EqualTo("https://127.0.0.1:8443/hook"));
    }

    static IEnumerable<TestCaseData> Routes() => new (string Method, string Path)[]
    {
        ("POST", "/v1/admin/webhooks"), ("GET", "/v1/admin/webhooks"), ("GET", "/v1/admin/webhooks/{id}"),
        ("PATCH", "/v1/admin/webhooks/{id}"), ("DELETE", "/v1/admin/webhooks/{id}"), ("POST", "/v1/admin/webhooks/{id}/pause"),
        ("POST", "/v1/admin/webhooks/{id}/resume"), ("GET", "/v1/admin/webhooks/{id}/deliveries"),
        ("POST", "/v1/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver"),
    }.Select(r => new TestCaseData(r.Method, r.Path).SetArgDisplayNames($"{r.Method} {r.Path}"));

    [TestCaseSource(nameof(Routes))]
    public async Task Every_route_needs_a_key_with_webhooks_write(string method, string template)
    {
        var sub = await RegisterAsync();
        var path = template.Replace("{id}", sub.Id.ToString()).Replace("{deliveryId}", "1");
        HttpRequestMessage Request() => new(new HttpMethod(method), path)
        {
            Content = method is "POST" or "PATCH" ? JsonContent.Create(new { url = Target, events = AllEvents }) : null,
        };

        var anonymous = await App.CreateClient().SendAsync(Request());
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        await anonymous.ReadProblemAsync();

        var postings = await ClientWithKeyAsync($"no-hooks-{Guid.NewGuid():N}", ApiKeys.PostingsRead, ApiKeys.PostingsWrite, ApiKeys.PostingsPublish);
        var forbidden = await postings.SendAsync(Request());
        Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        await forbidden.ReadProblemAsync();
        Assert.That(await CountAsync("webhook_subscriptions"), Is.EqualTo(1), "nothing written");
    }
}
