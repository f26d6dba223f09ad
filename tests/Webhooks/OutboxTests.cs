using System.Net;
using Careers.Contracts.Admin;
using Careers.Tests.Admin;
using Dapper;

namespace Careers.Tests.Webhooks;

/// <summary>
/// The outbox (migration 0011): every change the change stream logs becomes an event for the
/// subscriptions that want it, in the transaction of the change. Subscriptions are written by SQL
/// here: this is the database's promise, whatever route registers them.
/// </summary>
public sealed class OutboxTests : AdminFixture
{
    // What the trigger writes, as written: no worker sends (or retries) these deliveries here.
    protected override void ConfigureApp(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) =>
        builder.UseSetting("Careers:Webhooks:Deliver", "false");

    sealed record Delivered(Guid Subscription, string Type, Guid PostingId, string Language, string? Reason, long Seq, string Status);

    async Task<Guid> SubscribeAsync(string[] events, string[]? languages = null, string status = "active")
    {
        var id = Guid.NewGuid();
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            INSERT INTO webhook_subscriptions (id, url, events, languages, secret, status, paused_at, created_by, created_at, updated_at)
            VALUES (@id, 'https://hooks.example.com/careers', @events, @languages, '\x00', @status,
                    CASE WHEN @status = 'paused' THEN now() END, 'tests', now(), now())
            """, new { id, events, languages, status });
        return id;
    }

    async Task<Delivered[]> DeliveriesAsync(Guid subscription)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return [.. await conn.QueryAsync<Delivered>("""
            SELECT d.subscription_id AS subscription, e.type, e.posting_id, e.language, e.reason, e.seq, d.status
            FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
            WHERE d.subscription_id = @subscription ORDER BY e.id
            """, new { subscription })];
    }

    async Task ClearSubscriptionsAsync()
    {
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync("DELETE FROM webhook_subscriptions; DELETE FROM webhook_events");
    }

    [SetUp]
    public Task StartEmpty() => ClearSubscriptionsAsync();

    async Task<AdminPosting> PublishedAsync(string slug, params string[] moreLanguages)
    {
        var posting = await CreateAsync(NewPosting(slug, countries: ["PT"]));
        foreach (var lang in moreLanguages)
            await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}/translations/{lang}", body: new TranslationInput($"{slug}-{lang}", "Ingénieur", "", []));
        Assert.That((await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return posting;
    }

    [Test]
    public async Task A_posting_s_life_is_told_as_published_updated_and_removed_per_language()
    {
        var sub = await SubscribeAsync(["posting.published", "posting.updated", "posting.removed"]);

        var posting = await PublishedAsync("outbox-life", "fr");
        var afterPublish = await DeliveriesAsync(sub);
        await SendAsync(HttpMethod.Delete, $"/v1/admin/postings/{posting.Id}/translations/fr");
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/close");
        var all = await DeliveriesAsync(sub);

        Assert.That(afterPublish.Select(d => (d.Type, d.Language)), Is.EquivalentTo(new[] { ("posting.published", "en"), ("posting.published", "fr") }),
            "a draft's writes are no events; its publication is one per language");
        Assert.That(all.Skip(2).Select(d => (d.Type, d.Language, d.Reason ?? "")), Is.EqualTo(new (string, string, string)[]
        {
            // Removing a version rewrites the posting's other versions: they are logged again as updated.
            ("posting.removed", "fr", "translation_removed"), ("posting.updated", "en", ""),
            ("posting.removed", "en", "closed"),
        }).Or.EqualTo(new (string, string, string?)[]
        {
            ("posting.updated", "en", ""), ("posting.removed", "fr", "translation_removed"),
            ("posting.removed", "en", "closed"),
        }));
        Assert.That(all.Select(d => (d.Status, d.PostingId)), Has.All.EqualTo(("pending", posting.Id)));
        Assert.That(all.Select(d => d.Seq), Is.Ordered, "seq is the change stream's order");
    }

    [Test]
    public async Task A_subscription_gets_only_the_types_and_languages_it_asked_for_and_a_paused_one_nothing()
    {
        var frenchRemovals = await SubscribeAsync(["posting.removed"], ["fr"]);
        var englishPublications = await SubscribeAsync(["posting.published"], ["en"]);
        var paused = await SubscribeAsync(["posting.published", "posting.removed"], status: "paused");

        var posting = await PublishedAsync("outbox-filter", "fr");
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/close");

        Assert.That((await DeliveriesAsync(englishPublications)).Select(d => (d.Type, d.Language)), Is.EqualTo(new[] { ("posting.published", "en") }));
        Assert.That((await DeliveriesAsync(frenchRemovals)).Select(d => (d.Type, d.Language)), Is.EqualTo(new[] { ("posting.removed", "fr") }));
        Assert.That(await DeliveriesAsync(paused), Is.Empty);
    }

    [Test]
    public async Task Without_subscriptions_no_event_is_written()
    {
        await PublishedAsync("outbox-nobody");
        await using var conn = await Db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM webhook_events"), Is.Zero);
    }

    [Test]
    public async Task The_event_is_written_and_rolled_back_with_its_change()
    {
        var sub = await SubscribeAsync(["posting.updated"]);
        var posting = await PublishedAsync("outbox-atomic");
        await using var conn = await Db.OpenConnectionAsync();

        foreach (var commit in new[] { false, true })
        {
            await using var tx = await conn.BeginTransactionAsync();
            await conn.ExecuteAsync("UPDATE postings SET department = 'Platform' WHERE id = @Id", new { posting.Id }, tx);
            await conn.ExecuteAsync("SELECT log_public_changes(@Ids, now())", new { Ids = new[] { posting.Id } }, tx);
            if (commit) await tx.CommitAsync(); else await tx.RollbackAsync();
            Assert.That((await DeliveriesAsync(sub)).Length, Is.EqualTo(commit ? 1 : 0), commit ? "committed: its event" : "rolled back: no event");
        }
    }

    /// <summary>
    /// Random admin writes (fixed seed): whatever happens, each version's events tell a story a
    /// receiver can follow (published first, updated only while public, removed only after
    /// public), and the last event of each version is the change log's latest state.
    /// </summary>
    [Test]
    public async Task Under_random_writes_each_version_s_events_follow_the_change_log()
    {
        var sub = await SubscribeAsync(["posting.published", "posting.updated", "posting.removed"]);
        var random = new Random(12);
        var postings = new List<AdminPosting>();
        for (var i = 0; i < 6; i++) postings.Add(await CreateAsync(NewPosting($"outbox-random-{i}", countries: ["PT"])));
        string[] actions = ["publish", "unpublish", "close", "translate", "untranslate", "edit", "delete"];
        for (var step = 0; step < 60; step++)
        {
            var posting = postings[random.Next(postings.Count)];
            var action = actions[random.Next(actions.Length)];
            _ = action switch
            {
                "publish" or "unpublish" or "close" => await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/{action}"),
                "translate" => await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}/translations/fr",
                    body: new TranslationInput($"outbox-fr-{posting.Id:N}", $"Ingénieur {step}", "", [])),
                "untranslate" => await SendAsync(HttpMethod.Delete, $"/v1/admin/postings/{posting.Id}/translations/fr"),
                "edit" => await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}/translations/en",
                    body: new TranslationInput(posting.Translations[0].Slug, $"Platform Engineer {step}", "", [])),
                _ => await SendAsync(HttpMethod.Delete, $"/v1/admin/postings/{posting.Id}"),
            };
        }

        var events = await DeliveriesAsync(sub);
        await using var conn = await Db.OpenConnectionAsync();
        var log = (await conn.QueryAsync<(Guid PostingId, string Language, long Seq, string Type)>(
            "SELECT posting_id, language, seq, type FROM change_log")).ToDictionary(r => (r.PostingId, r.Language));

        Assert.That(events, Is.Not.Empty);
        foreach (var version in events.GroupBy(e => (e.PostingId, e.Language)))
        {
            var story = version.Select(e => e.Type).ToArray();
            var isPublic = false;
            foreach (var type in story)
            {
                Assert.That(type == "posting.published" ? !isPublic : isPublic, Is.True, $"{version.Key}: {string.Join(" → ", story)}");
                isPublic = type != "posting.removed";
            }
            var last = version.Last();
            Assert.That((last.Seq, last.Type == "posting.removed" ? "remove" : "upsert"), Is.EqualTo((log[version.Key].Seq, log[version.Key].Type)), $"{version.Key}");
        }
    }
}
