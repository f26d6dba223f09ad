using System.Net;
using Careers.Api.Features.Postings.Expiry;
using Careers.Api.Infrastructure.Changes;
using Careers.Contracts.Admin;
using Careers.Contracts.Changes;
using Careers.Tests.Admin;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Careers.Tests.Changes;

/// <summary>Writers that interleave, commit late or race: the follower of the stream still ends with the public set.</summary>
public sealed class ChangeLogConcurrencyTests : AdminFixture
{
    ExpiryJob Job => App.Services.GetRequiredService<ExpiryJob>();
    PublicChanges Generation => App.Services.GetRequiredService<PublicChanges>();

    static async Task<Guid> InsertPublishedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7();
        await conn.ExecuteAsync("""
            INSERT INTO postings (id, department, employment_type, workplace_type, countries, status, published_at)
            VALUES (@id, 'Engineering', 'full_time', 'remote', ARRAY['DE'], 'published', @now);
            INSERT INTO posting_translations (posting_id, language, slug, title) VALUES (@id, 'en', @slug, 'Raw');
            """, new { id, now, slug = $"raw-{id:N}" }, tx);
        return id;
    }

    [Test]
    public async Task Two_transactions_that_commit_in_the_opposite_order_to_their_start_appear_in_commit_order_and_none_is_skipped()
    {
        var late = await Given.PostingAsync();
        var follower = new ChangeFollower(Http);
        await follower.CatchUpAsync(limit: 1000);
        await using var first = await Db.OpenConnectionAsync();
        await using var second = await Db.OpenConnectionAsync();
        await using var early = await first.BeginTransactionAsync();
        // Starts first, commits last. (A new published version would take the counters' lock until
        // commit, and the other writer would wait there; a new title does not.)
        await first.ExecuteAsync("UPDATE posting_translations SET title = 'Retitled' WHERE posting_id = @late", new { late }, early);

        await using var quick = await second.BeginTransactionAsync();
        var quickId = await InsertPublishedAsync(second, quick, Clock.Now);
        await second.ExecuteAsync("SELECT log_public_changes(ARRAY[@quickId], @now)", new { quickId, now = Clock.Now }, quick);
        // The log's writers take turns: the early transaction's log waits for the quick one's commit.
        var earlyLog = first.ExecuteAsync("SELECT log_public_changes(ARRAY[@late], @now)", new { late, now = Clock.Now }, early);
        await Task.Delay(300);
        Assert.That(earlyLog.IsCompleted, Is.False, "the second writer of the log waits for the first one's commit");
        var whileOpen = await follower.CatchUpAsync();
        await quick.CommitAsync();
        await earlyLog;
        // Written behind the API's back: no announcement, so the instance reads the generation now
        // (as its poll would within a second) instead of serving the head page it keeps.
        await Generation.RefreshAsync(default);
        var afterQuick = await follower.CatchUpAsync();
        await early.CommitAsync();
        await Generation.RefreshAsync(default);
        var afterLate = await follower.CatchUpAsync();

        Assert.That(whileOpen, Is.Empty);
        Assert.That(afterQuick.Select(c => c.Id), Is.EqualTo(new[] { quickId }), () => string.Join("; ", afterQuick.Select(c => $"{c.Id} {c.Language} {c.Type} {c.Reason} {c.At:O}")) + $" late {late} quick {quickId}");
        Assert.That(afterLate.Select(c => (c.Id, c.Posting!.Title)), Is.EqualTo(new[] { (late, "Retitled") }));
    }

    [Test]
    public async Task A_follower_that_read_the_stream_head_still_gets_a_write_that_took_its_seq_earlier_and_committed_later()
    {
        var follower = new ChangeFollower(Http);
        await follower.CatchUpAsync(limit: 1000);
        await using var conn = await Db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var id = await InsertPublishedAsync(conn, tx, Clock.Now);
        await conn.ExecuteAsync("SELECT log_public_changes(ARRAY[@id], @now)", new { id, now = Clock.Now }, tx);

        // Another writer (through the API) queues behind it; the follower polls meanwhile.
        var other = CreateAsync(NewPosting($"queued-{Guid.NewGuid():N}"));
        await Task.Delay(300);
        var meanwhile = await follower.CatchUpAsync();
        await tx.CommitAsync();
        var created = await other;
        var after = await follower.CatchUpAsync();

        Assert.That(meanwhile, Is.Empty);
        Assert.That(after.Select(c => c.Id), Does.Contain(id));
        Assert.That(created.Status, Is.EqualTo("draft"));
    }

    [Test]
    public async Task Concurrent_writers_expiry_and_scheduled_publications_leave_the_follower_holding_the_public_set()
    {
        var seed = Environment.GetEnvironmentVariable("CHANGES_SEED") is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : 20261128;
        var langs = new[] { "en", "fr", "de" };
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        var follower = new ChangeFollower(Http);
        var followers = langs.Select(l => new ChangeFollower(Http, l)).ToArray();
        using var stop = new CancellationTokenSource();

        async Task WriterAsync(int n)
        {
            var random = new Random(seed + n);
            for (var i = 0; i < 40; i++)
            {
                var pick = ids.IsEmpty ? 0 : random.Next(10);
                var id = ids.IsEmpty ? Guid.Empty : ids.ElementAt(random.Next(ids.Count));
                var lang = langs[random.Next(langs.Length)];
                switch (pick)
                {
                    case 0:
                        var closes = random.Next(3) == 0 ? Clock.Now.AddMinutes(random.Next(1, 30)) : (DateTimeOffset?)null;
                        var created = await Admin.PostAsync("/v1/admin/postings", System.Net.Http.Json.JsonContent.Create(
                            NewPosting($"w{n}-{i}-{seed}", lang) with { ClosesAt = closes }));
                        if (created.StatusCode == HttpStatusCode.Created)
                            ids.Add((await created.ReadAsAsync<AdminPosting>("AdminPosting")).Id);
                        break;
                    case 1:
                    case 2:
                        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{id}/publish");
                        break;
                    case 3:
                        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{id}/unpublish");
                        break;
                    case 4:
                        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{id}/close");
                        break;
                    case 5:
                        if (random.Next(3) == 0) await SendAsync(HttpMethod.Delete, $"/v1/admin/postings/{id}");
                        break;
                    case 6:
                    case 7:
                        await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{id}/translations/{lang}",
                            body: new TranslationInput($"w{n}-{i}-{lang}-{seed}", $"Title {i}", "", []));
                        break;
                    case 8:
                        await SendAsync(HttpMethod.Delete, $"/v1/admin/postings/{id}/translations/{lang}");
                        break;
                    case 9:
                        // A scheduled publication, written behind the API as the bench generator does.
                        ids.Add(await Given.PostingAsync(languages: [lang], publishedAt: Clock.Now.AddMinutes(random.Next(1, 20)),
                            closesAt: random.Next(2) == 0 ? Clock.Now.AddMinutes(random.Next(25, 60)) : null));
                        break;
                }
            }
        }

        async Task TimeAsync()
        {
            var random = new Random(seed - 1);
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(random.Next(20, 80));
                Clock.Now = Clock.Now.AddMinutes(random.Next(1, 5));
                await Job.RunDueAsync(wait: random.Next(2) == 0);
            }
        }

        async Task PollAsync(ChangeFollower f)
        {
            while (!stop.IsCancellationRequested) await f.CatchUpAsync(limit: 5);
        }

        var background = new List<Task> { TimeAsync(), PollAsync(follower) };
        background.AddRange(followers.Select(PollAsync));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(WriterAsync));
        // However fast the writers were next to the clock: time then passes every closesAt and publication
        // they wrote (an hour at most), the job running while the followers still poll.
        Clock.Now = Clock.Now.AddMinutes(61);
        await Job.RunDueAsync(wait: true);
        await Task.Delay(200);
        await stop.CancelAsync();
        await Task.WhenAll(background);
        await follower.CatchUpAsync();
        foreach (var f in followers) await f.CatchUpAsync();

        Assert.That(ChangeStream.Canonical(follower.Held), Is.EqualTo(ChangeStream.Canonical(await ChangeStream.PublicListAsync(Http))),
            $"seed {seed} (CHANGES_SEED)");
        for (var i = 0; i < langs.Length; i++)
            Assert.That(ChangeStream.Canonical(followers[i].Held), Is.EqualTo(ChangeStream.Canonical(await ChangeStream.PublicListAsync(Http, langs[i]))),
                $"lang {langs[i]}, seed {seed} (CHANGES_SEED)");
        Assert.That(follower.Seen.Any(c => c.Reason == RemoveReason.Expired), Is.True, $"the run expired something (seed {seed})");
        Assert.That(follower.Held, Is.Not.Empty);
    }
}

/// <summary>Retention: removes older than Careers__Changes__RetentionDays are purged; a cursor before them is a 410.</summary>
public sealed class ChangeLogRetentionTests : AdminFixture
{
    [Test]
    public async Task A_cursor_older_than_a_purged_remove_is_a_410_saying_to_start_again_and_a_fresh_start_works()
    {
        var posting = await CreateAsync(NewPosting("retention"));
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish");
        var follower = new ChangeFollower(Http);
        await follower.CatchUpAsync();
        var old = follower.Cursor;
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/close");
        Assert.That((await Http.GetAsync("/v1/postings/retention")).StatusCode, Is.EqualTo(HttpStatusCode.Gone));

        Clock.Now = Clock.Now.AddDays(89);
        await App.Services.GetRequiredService<ExpiryJob>().RunDueAsync();
        var within = await Http.GetAsync(ChangeStream.Url(old, null, null));
        Clock.Now = Clock.Now.AddDays(2);
        await App.Services.GetRequiredService<ExpiryJob>().RunDueAsync();
        var gone = await Http.GetAsync(ChangeStream.Url(old, null, null));
        var detail = await Http.GetAsync("/v1/postings/retention");
        var fresh = new ChangeFollower(Http);
        await fresh.CatchUpAsync();

        Assert.That(within.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.Gone));
        Assert.That((await gone.ReadProblemAsync())["detail"]!.GetValue<string>(), Does.Contain("without cursor"));
        Assert.That(detail.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the remove is purged: no longer a 410");
        Assert.That(fresh.Held, Is.Empty);
    }
}
