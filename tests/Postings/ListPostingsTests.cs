using System.Net;
using Careers.Contracts.Common;
using Careers.Contracts.Postings;

namespace Careers.Tests.Postings;

public sealed class ListPostingsTests : ApiFixture
{
    Guid _enFr, _enOnly, _draft, _closed, _expired, _future;

    protected override async Task ArrangeAsync()
    {
        _enFr = await Given.PostingAsync(languages: ["en", "fr"], countries: ["FR", "BE"], publishedAt: Today.AddDays(-1));
        _enOnly = await Given.PostingAsync(languages: ["en"], countries: ["DE"], publishedAt: Today.AddDays(-2), department: "Data", workplace: "hybrid", employment: "part_time");
        _draft = await Given.PostingAsync(languages: ["en", "fr"], status: "draft");
        _closed = await Given.PostingAsync(languages: ["en"], status: "closed", publishedAt: Today.AddDays(-5));
        _expired = await Given.PostingAsync(languages: ["en"], publishedAt: Today.AddDays(-30), closesAt: Today.AddHours(-1));
        _future = await Given.PostingAsync(languages: ["en"], publishedAt: Today.AddDays(2));
    }

    [Test]
    public async Task Without_lang_every_visible_language_version_is_an_item()
    {
        var rsp = await Http.GetAsync("/v1/postings");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var page = await rsp.ReadAsAsync<Page<PostingSummary>>("PostingPage");
        Assert.That(page.Items.Select(i => (i.Id, i.Language)), Is.EqualTo(new[] { (_enFr, "en"), (_enFr, "fr"), (_enOnly, "en") }));
        Assert.That(page.NextCursor, Is.Null);
    }

    [Test]
    public async Task Lang_keeps_only_postings_written_in_that_language()
    {
        var page = await (await Http.GetAsync("/v1/postings?lang=fr")).ReadAsAsync<Page<PostingSummary>>("PostingPage");

        Assert.That(page.Items.Select(i => i.Id), Is.EqualTo(new[] { _enFr }));
        Assert.That(page.Items[0].Language, Is.EqualTo("fr"));
        Assert.That(page.Items[0].Title, Is.EqualTo("Backend Engineer (fr)"));
    }

    [Test]
    public async Task Drafts_closed_expired_and_future_postings_are_never_listed()
    {
        var page = await (await Http.GetAsync("/v1/postings?lang=en&limit=100")).ReadAsAsync<Page<PostingSummary>>("PostingPage");

        Assert.That(page.Items.Select(i => i.Id), Has.None.AnyOf(_draft, _closed, _expired, _future));
    }

    [Test]
    public async Task Filters_combine()
    {
        var byCountry = await (await Http.GetAsync("/v1/postings?lang=en&country=de")).ReadAsAsync<Page<PostingSummary>>("PostingPage");
        var byAll = await (await Http.GetAsync("/v1/postings?department=Data&workplace=hybrid&employment=part_time")).ReadAsAsync<Page<PostingSummary>>("PostingPage");
        var none = await (await Http.GetAsync("/v1/postings?country=FR&workplace=onsite")).ReadAsAsync<Page<PostingSummary>>("PostingPage");

        Assert.That(byCountry.Items.Select(i => i.Id), Is.EqualTo(new[] { _enOnly }));
        Assert.That(byAll.Items.Select(i => i.Id), Is.EqualTo(new[] { _enOnly }));
        Assert.That(none.Items, Is.Empty);
    }

    [Test]
    public async Task Items_carry_what_a_list_page_shows()
    {
        var page = await (await Http.GetAsync("/v1/postings?lang=en&country=DE")).ReadAsAsync<Page<PostingSummary>>("PostingPage");

        var item = page.Items.Single();
        Assert.That(item.Department, Is.EqualTo("Data"));
        Assert.That(item.WorkplaceType, Is.EqualTo(WorkplaceType.Hybrid));
        Assert.That(item.EmploymentType, Is.EqualTo(EmploymentType.PartTime));
        Assert.That(item.Countries, Is.EqualTo(new[] { "DE" }));
        Assert.That(item.PublishedAt, Is.EqualTo(Today.AddDays(-2)));
        Assert.That(item.ClosesAt, Is.Null);
    }
}

/// <summary>Tests that move the clock or add data get a database of their own.</summary>
public sealed class ClosingTimeTests : ApiFixture
{
    [Test]
    public async Task A_posting_disappears_the_moment_it_closes()
    {
        var id = await Given.PostingAsync(languages: ["en"], countries: ["AT"], publishedAt: Today.AddDays(-1), closesAt: Today.AddMinutes(30));

        var before = await (await Http.GetAsync("/v1/postings?country=AT")).ReadAsAsync<Page<PostingSummary>>("PostingPage");
        Clock.Now = Today.AddMinutes(30);
        var after = await (await Http.GetAsync("/v1/postings?country=AT")).ReadAsAsync<Page<PostingSummary>>("PostingPage");
        Clock.Now = Today;

        Assert.That(before.Items.Select(i => i.Id), Is.EqualTo(new[] { id }));
        Assert.That(after.Items, Is.Empty);
    }
}
