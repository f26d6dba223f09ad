using System.Net;
using Careers.Contracts.Common;
using Careers.Contracts.Postings;
using Careers.Tests.Admin;
using Microsoft.AspNetCore.Hosting;

namespace Careers.Tests.Caching;

/// <summary>
/// The micro-cache of public answers: what a client sees when the same GET comes again.
/// Rows written straight into the database (no announcement) show what is served from memory;
/// writes through the admin API show that no change is ever hidden by it.
/// </summary>
public sealed class ResponseCacheTests : AdminFixture
{
    const string List = "/v1/postings?lang=en&limit=100";

    static async Task<string[]> SlugsAsync(HttpClient http, string path)
    {
        var rsp = await http.GetAsync(path);
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
        return [.. (await rsp.ReadAsAsync<Page<PostingSummary>>("PostingPage")).Items.Select(i => i.Slug)];
    }

    ApiFactory Instance(string maxAgeSeconds = "3600", bool enabled = true, string maxMegabytes = "64") => new(ConnectionString, Clock, cachePrefix: App.CachePrefix, configure: b => b
        .UseSetting("Careers:Cache:MaxAgeSeconds", maxAgeSeconds)
        .UseSetting("Careers:Cache:MaxMegabytes", maxMegabytes)
        .UseSetting("Careers:Cache:Enabled", enabled ? "true" : "false"));

    [Test]
    public async Task The_same_GET_again_is_answered_from_memory_for_at_most_the_max_age()
    {
        var path = "/v1/postings?lang=en&department=Memory";
        await Given.PostingAsync(department: "Memory", slug: "memory-1");
        var first = await SlugsAsync(Http, path);

        await Given.PostingAsync(department: "Memory", slug: "memory-2"); // behind the API's back, not announced
        var again = await SlugsAsync(Http, path);
        var otherQuery = await SlugsAsync(Http, path + "&limit=50");
        Clock.Now += TimeSpan.FromSeconds(60);
        var afterMaxAge = await SlugsAsync(Http, path);

        Assert.That(first, Is.EqualTo(new[] { "memory-1" }));
        Assert.That(again, Is.EqualTo(first), "until the instance reads the new generation, the same answer comes from memory");
        Assert.That(otherQuery, Does.Contain("memory-2"), "another query is another answer");
        Assert.That(afterMaxAge, Does.Contain("memory-2"), "the default max-age is a minute");
    }

    [Test]
    public async Task Requests_missing_on_the_same_answer_at_once_ask_the_database_once()
    {
        await using var app = Instance();
        using var http = app.CreateClient();
        var path = "/v1/postings?lang=en&department=Herd";
        await Given.PostingAsync(department: "Herd", slug: "herd-1");

        // The lock stops every reader of the postings, so whoever reaches the database waits there, visibly.
        await using var held = await PostingsLock.TakeAsync(ConnectionString);
        var answers = Enumerable.Range(0, 8).Select(_ => http.GetAsync(path)).ToList();
        await held.UntilAReaderWaitsAsync();
        await Task.Delay(300); // the other seven arrive meanwhile
        var waiting = await held.ReadersWaitingAsync();
        await held.ReleaseAsync();
        var responses = await Task.WhenAll(answers);
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));

        Assert.That(waiting, Is.EqualTo(1), "public-read connections waiting in the database");
        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(bodies.Distinct().Single(), Does.Contain("herd-1"));
    }

    [Test]
    public async Task Every_admin_write_shows_on_the_very_next_read_of_a_cached_answer()
    {
        var draft = await CreateAsync(NewPosting("cache-write", title: "Cache Engineer"));
        var before = await SlugsAsync(Http, List);
        var detailPath = "/v1/postings/cache-write?lang=en";
        var detailBefore = await Http.GetAsync(detailPath);

        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{draft.Id}/publish");
        var published = await SlugsAsync(Http, List);
        var detailPublished = await Http.GetAsync(detailPath);
        await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{draft.Id}/translations/en", body: NewPosting("cache-write", title: "Cache Engineer II").Translation);
        var detailEdited = await (await Http.GetAsync(detailPath)).ReadAsAsync<Posting>("Posting");
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{draft.Id}/close");
        var closed = await SlugsAsync(Http, List);
        var detailClosed = await Http.GetAsync(detailPath);

        Assert.That(before, Does.Not.Contain("cache-write"));
        Assert.That(detailBefore.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(published, Does.Contain("cache-write"));
        Assert.That(detailPublished.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(detailEdited.Title, Is.EqualTo("Cache Engineer II"));
        Assert.That(closed, Does.Not.Contain("cache-write"));
        Assert.That(detailClosed.StatusCode, Is.EqualTo(HttpStatusCode.Gone), "public once: 410 (issue 10)");
    }

    [Test]
    public async Task A_cached_answer_ends_the_moment_a_scheduled_posting_opens_or_closes()
    {
        await using var app = Instance(); // a max-age of an hour: only the schedule can end the entry
        using var http = app.CreateClient();
        var path = "/v1/postings?lang=en&department=Schedule";
        await Given.PostingAsync(department: "Schedule", slug: "schedule-closes", closesAt: Clock.Now.AddMinutes(10));
        await Given.PostingAsync(department: "Schedule", slug: "schedule-opens", publishedAt: Clock.Now.AddMinutes(5));

        var now = await SlugsAsync(http, path);
        Clock.Now += TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1);
        var justBeforeOpening = await SlugsAsync(http, path);
        Clock.Now += TimeSpan.FromMilliseconds(1);
        var atOpening = await SlugsAsync(http, path);
        Clock.Now += TimeSpan.FromMinutes(5);
        var atClosing = await SlugsAsync(http, path);
        Clock.Now -= TimeSpan.FromMinutes(10);

        Assert.That(now, Is.EqualTo(new[] { "schedule-closes" }));
        Assert.That(justBeforeOpening, Is.EqualTo(new[] { "schedule-closes" }));
        Assert.That(atOpening, Is.EquivalentTo(new[] { "schedule-opens", "schedule-closes" }));
        Assert.That(atClosing, Is.EqualTo(new[] { "schedule-opens" }));
    }

    [Test]
    public async Task A_write_on_another_instance_drops_this_instances_answers_at_once()
    {
        await using var reader = Instance(); // a max-age of an hour: only the announcement can end the entry
        using var readerHttp = reader.CreateClient();
        var draft = await CreateAsync(NewPosting("cache-elsewhere"));
        var before = await SlugsAsync(readerHttp, List);

        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{draft.Id}/publish"); // on App, not on reader
        string[] after = [];
        var deadline = DateTime.UtcNow.AddSeconds(2);
        do
        {
            after = await SlugsAsync(readerHttp, List);
            if (after.Contains("cache-elsewhere")) break;
            await Task.Delay(20);
        } while (DateTime.UtcNow < deadline);

        Assert.That(before, Does.Not.Contain("cache-elsewhere"));
        Assert.That(after, Does.Contain("cache-elsewhere"), "Redis pub/sub carries the change to the other instance");
    }

    [Test]
    public async Task Errors_are_never_kept()
    {
        var missing = await Http.GetAsync("/v1/postings/appears-later?lang=en");
        var invalid = await Http.GetAsync("/v1/postings?limit=500");
        await Given.PostingAsync(slug: "appears-later"); // behind the API's back

        var found = await Http.GetAsync("/v1/postings/appears-later?lang=en");

        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(found.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    // Caching off; or an hour's max-age, but no room at all (a cap of 0 MB).
    [TestCase(false, "64", "Uncached", TestName = "With caching off every read goes to the database")]
    [TestCase(true, "0", "Capped", TestName = "Nothing is kept beyond the memory cap")]
    public async Task An_instance_that_keeps_nothing_reads_every_answer_from_the_database(bool enabled, string maxMegabytes, string department)
    {
        await using var instance = Instance(enabled: enabled, maxMegabytes: maxMegabytes);
        using var http = instance.CreateClient();
        var path = $"/v1/postings?lang=en&department={department}";
        var before = await SlugsAsync(http, path);

        await Given.PostingAsync(department: department, slug: $"{department.ToLowerInvariant()}-1"); // behind the API's back
        var after = await SlugsAsync(http, path);

        Assert.That(before, Is.Empty);
        Assert.That(after, Is.EqualTo(new[] { $"{department.ToLowerInvariant()}-1" }));
    }

    [Test]
    public async Task A_cached_answer_keeps_its_ETag_encodings_and_304()
    {
        var path = "/v1/postings?lang=en&limit=100";
        for (var i = 0; i < 15; i++) await Given.PostingAsync(slug: $"etag-{i}");
        var first = await Http.GetAsync(path);
        var second = await Http.GetAsync(path);
        var compressed = new HttpRequestMessage(HttpMethod.Get, path);
        compressed.Headers.AcceptEncoding.ParseAdd("gzip");
        var gzip = await Http.SendAsync(compressed);
        var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var notModified = await Http.SendAsync(conditional);

        Assert.That(second.Headers.ETag, Is.EqualTo(first.Headers.ETag));
        Assert.That(await second.Content.ReadAsByteArrayAsync(), Is.EqualTo(await first.Content.ReadAsByteArrayAsync()));
        Assert.That(gzip.Content.Headers.ContentEncoding, Is.EqualTo(new[] { "gzip" }));
        Assert.That(gzip.Headers.ETag!.Tag, Is.EqualTo(first.Headers.ETag!.Tag[..^1] + "-gzip\""));
        Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(second.Content.Headers.LastModified, Is.EqualTo(first.Content.Headers.LastModified));
    }
}
