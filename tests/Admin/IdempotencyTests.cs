using System.Net;
using System.Net.Http.Json;
using Careers.Contracts.Admin;
using Careers.Contracts.Common;

namespace Careers.Tests.Admin;

public sealed class IdempotencyTests : AdminFixture
{
    Task<HttpResponseMessage> PostAsync(CreatePosting posting, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/admin/postings") { Content = JsonContent.Create(posting) };
        request.Headers.Add("Idempotency-Key", key);
        return Admin.SendAsync(request);
    }

    async Task<int> CountAsync(string slug)
    {
        var page = await (await Admin.GetAsync("/v1/admin/postings?limit=100")).ReadAsAsync<Page<AdminPostingSummary>>("AdminPostingPage");
        var ids = page.Items.Select(i => i.Id).ToList();
        var count = 0;
        foreach (var id in ids)
        {
            var p = await (await Admin.GetAsync($"/v1/admin/postings/{id}")).ReadAsAsync<AdminPosting>("AdminPosting");
            if (p.Translations.Any(t => t.Slug == slug)) count++;
        }
        return count;
    }

    [Test]
    public async Task A_retried_create_returns_the_first_result_and_creates_nothing_new()
    {
        var posting = NewPosting("idempotent-retry");

        var first = await PostAsync(posting, "key-retry");
        var retry = await PostAsync(posting, "key-retry");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var a = await first.ReadAsAsync<AdminPosting>("AdminPosting");
        var b = await retry.ReadAsAsync<AdminPosting>("AdminPosting");
        Assert.That(b, Is.EqualTo(a).Using<AdminPosting>((x, y) => x.Id == y.Id && x.Version == y.Version && x.CreatedAt == y.CreatedAt));
        Assert.That(retry.Headers.Location, Is.EqualTo(first.Headers.Location));
        Assert.That(await CountAsync("idempotent-retry"), Is.EqualTo(1));
    }

    [TestCase("a\u0001b", TestName = "A key holding a control character is a 400 naming Idempotency-Key")]
    [TestCase("k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789k123456789x", TestName = "A key of 201 characters is a 400 naming Idempotency-Key")]
    public async Task A_malformed_key_is_a_400_naming_the_header(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/admin/postings") { Content = JsonContent.Create(NewPosting("idempotent-malformed")) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var rsp = await Admin.SendAsync(request);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await rsp.ReadProblemAsync())["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "Idempotency-Key" }));
        Assert.That(await CountAsync("idempotent-malformed"), Is.Zero);
    }

    [Test]
    public async Task The_same_key_with_a_different_body_is_422()
    {
        await PostAsync(NewPosting("idempotent-first"), "key-reused");

        var rsp = await PostAsync(NewPosting("idempotent-second"), "key-reused");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((string?)(await rsp.ReadProblemAsync())["detail"], Does.Contain("Idempotency-Key"));
        Assert.That(await CountAsync("idempotent-second"), Is.Zero);
    }

    [Test]
    public async Task Concurrent_retries_with_one_key_create_one_posting()
    {
        var posting = NewPosting("idempotent-race");

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostAsync(posting, "key-race")));

        Assert.That(answers.Select(a => a.StatusCode), Is.All.EqualTo(HttpStatusCode.Created));
        var ids = await Task.WhenAll(answers.Select(async a => (await a.ReadAsAsync<AdminPosting>("AdminPosting")).Id));
        Assert.That(ids.Distinct().Count(), Is.EqualTo(1));
        Assert.That(await CountAsync("idempotent-race"), Is.EqualTo(1));
    }

    [Test]
    public async Task Without_a_key_two_posts_are_two_postings_and_the_slug_clash_says_so()
    {
        await CreateAsync(NewPosting("no-key-twice"));

        var second = await Admin.PostAsJsonAsync("/v1/admin/postings", NewPosting("no-key-twice"));

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await second.ReadProblemAsync())["errors"]!.AsObject().ContainsKey("translation.slug"));
    }

    [Test]
    public async Task An_overlong_key_is_a_400()
    {
        var rsp = await PostAsync(NewPosting("idempotent-long"), new string('k', 201));

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        await rsp.ReadProblemAsync();
    }
}
