using System.Net;
using Careers.Contracts.Admin;

namespace Careers.Tests.Admin;

public sealed class ConcurrencyTests : AdminFixture
{
    static PostingFields Fields(string department) => new(department, "remote", "full_time", ["DE"], [], null);

    [Test]
    public async Task Every_answer_carries_the_version_as_ETag_and_each_write_bumps_it()
    {
        var posting = await CreateAsync(NewPosting("etag-versions"));

        var read = await SendAsync(HttpMethod.Get, $"/v1/admin/postings/{posting.Id}");
        var updated = await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}", ifMatch: 1, body: Fields("Data"));

        Assert.That(read.Headers.ETag?.ToString(), Is.EqualTo("\"1\""));
        Assert.That(updated.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(updated.Headers.ETag?.ToString(), Is.EqualTo("\"2\""));
        Assert.That((await updated.ReadAsAsync<AdminPosting>("AdminPosting")).Version, Is.EqualTo(2));
        Assert.That(updated.Headers.CacheControl?.NoStore, Is.True);
    }

    [TestCase("PUT", "")]
    [TestCase("PUT", "/translations/en")]
    [TestCase("DELETE", "")]
    [TestCase("POST", "/publish")]
    [TestCase("POST", "/close")]
    public async Task A_stale_If_Match_is_412_and_writes_nothing(string method, string suffix)
    {
        var posting = await CreateAsync(NewPosting($"stale-{method.ToLowerInvariant()}{suffix.Replace('/', '-')}"));
        await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}", ifMatch: 1, body: Fields("Data"));
        object? body = suffix == "" && method == "PUT" ? Fields("Sales")
            : suffix == "/translations/en" ? new TranslationInput("stale-title", "Another title", "", []) : null;

        var rsp = await SendAsync(new HttpMethod(method), $"/v1/admin/postings/{posting.Id}{suffix}", ifMatch: 1, body: body);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
        await rsp.ReadProblemAsync();
        var now = await (await SendAsync(HttpMethod.Get, $"/v1/admin/postings/{posting.Id}")).ReadAsAsync<AdminPosting>("AdminPosting");
        Assert.That(now.Version, Is.EqualTo(2));
        Assert.That(now.Status, Is.EqualTo("draft"));
        Assert.That(now.Translations.Single().Title, Is.EqualTo("Platform Engineer"));
    }

    [Test]
    public async Task If_Match_star_matches_any_version()
    {
        var posting = await CreateAsync(NewPosting("etag-star"));
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish");
        request.Headers.TryAddWithoutValidation("If-Match", "*");

        var rsp = await Admin.SendAsync(request);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Of_concurrent_updates_with_the_same_If_Match_exactly_one_wins()
    {
        var posting = await CreateAsync(NewPosting("etag-race"));
        // Warm the connection pool so the writers really overlap instead of queueing on connection setup.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => SendAsync(HttpMethod.Get, $"/v1/admin/postings/{posting.Id}")));

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}", ifMatch: 1, body: Fields($"Department {i}"))));

        var codes = answers.Select(a => a.StatusCode).ToList();
        Assert.That(codes.Count(c => c == HttpStatusCode.OK), Is.EqualTo(1), string.Join(", ", codes));
        Assert.That(codes.Count(c => c == HttpStatusCode.PreconditionFailed), Is.EqualTo(15));
        var winner = await answers.Single(a => a.StatusCode == HttpStatusCode.OK).ReadAsAsync<AdminPosting>("AdminPosting");
        var now = await (await SendAsync(HttpMethod.Get, $"/v1/admin/postings/{posting.Id}")).ReadAsAsync<AdminPosting>("AdminPosting");
        Assert.That(now.Version, Is.EqualTo(2));
        Assert.That(now.Department, Is.EqualTo(winner.Department));
    }

    [Test]
    public async Task Writes_to_an_unknown_posting_are_404_problems()
    {
        var id = Guid.NewGuid();

        var put = await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{id}", body: Fields("Data"));
        var publish = await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{id}/publish");
        var get = await SendAsync(HttpMethod.Get, $"/v1/admin/postings/{id}");

        Assert.That(new[] { put.StatusCode, publish.StatusCode, get.StatusCode }, Is.All.EqualTo(HttpStatusCode.NotFound));
        await get.ReadProblemAsync();
    }
}
