using System.Net;
using System.Text;
using System.Xml.Linq;
using Careers.Contracts.Admin;
using Careers.Tests.Admin;
using Microsoft.AspNetCore.Hosting;

namespace Careers.Tests.Feeds;

/// <summary>
/// Issue 10, feeds: what a client sees of them over HTTP: validators and 304s that follow every change
/// (a write, and time passing a closing time), compression, errors, and XML that stays well-formed
/// whatever the text holds.
/// </summary>
public sealed class FeedHttpTests : AdminFixture
{
    static readonly string[] Feeds = [FeedReading.Json, FeedReading.Indeed];

    protected override void ConfigureApp(IWebHostBuilder builder) => SiteSettings.Apply(builder);

    protected override async Task ArrangeAdminAsync()
    {
        await Given.PostingAsync(languages: ["en", "de"], slug: "open-ended");
        await Given.PostingAsync(countries: ["FR"], closesAt: Today.AddHours(2), slug: "closes-in-two-hours");
    }

    async Task<string> ETagAsync(string path, string? encoding = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (encoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        using var rsp = await Http.SendAsync(request);
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rsp.Content.ReadAsStringAsync());
        return rsp.Headers.ETag!.ToString();
    }

    async Task<HttpResponseMessage> GetAsync(string path, string? ifNoneMatch = null, string? encoding = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        if (encoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        return await Http.SendAsync(request);
    }

    [TestCaseSource(nameof(Feeds))]
    public async Task A_200_is_streamed_with_a_strong_etag_the_lists_cache_control_and_vary(string feed)
    {
        using var rsp = await Http.GetAsync(feed, HttpCompletionOption.ResponseHeadersRead);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(rsp.Headers.ETag!.IsWeak, Is.False);
        Assert.That(rsp.Headers.ETag.Tag, Does.Match("^\"[0-9a-f]{32}\"$"));
        Assert.That(rsp.Headers.CacheControl!.ToString(), Is.EqualTo("public, max-age=15, stale-while-revalidate=30, stale-if-error=600"));
        Assert.That(rsp.Headers.Vary, Is.EquivalentTo(new[] { "Accept-Encoding", "Origin" }));
        // Written as it is read: no length is known when the headers go.
        Assert.That(rsp.Content.Headers.ContentLength, Is.Null);
    }

    [TestCaseSource(nameof(Feeds))]
    public async Task If_none_match_with_the_current_tag_is_a_304_without_a_body(string feed)
    {
        var etag = await ETagAsync(feed);

        using var rsp = await GetAsync(feed, etag);
        using var any = await GetAsync(feed, "*");
        using var other = await GetAsync(feed, "\"0123456789abcdef0123456789abcdef\"");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(await rsp.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(rsp.Headers.ETag!.ToString(), Is.EqualTo(etag));
        Assert.That(rsp.Headers.CacheControl!.ToString(), Does.StartWith("public, max-age=15"));
        Assert.That(any.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCaseSource(nameof(Feeds))]
    public async Task The_tag_depends_on_the_language_asked_for(string feed)
    {
        Assert.That(await ETagAsync(feed + "?lang=en"), Is.Not.EqualTo(await ETagAsync(feed)));
        Assert.That(await ETagAsync(feed + "?lang=en"), Is.Not.EqualTo(await ETagAsync(feed + "?lang=de")));
        Assert.That(await ETagAsync(feed + "?lang=en"), Is.EqualTo(await ETagAsync(feed + "?lang=en")));
    }

    [TestCaseSource(nameof(Feeds))]
    public async Task A_write_gives_a_new_tag_and_the_old_one_a_200(string feed)
    {
        var before = await ETagAsync(feed);

        var posting = await CreateAsync(NewPosting($"written-{Guid.NewGuid():N}"[..20]));
        Assert.That((await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var rsp = await GetAsync(feed, before);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(rsp.Headers.ETag!.ToString(), Is.Not.EqualTo(before));
        Assert.That(await rsp.Content.ReadAsStringAsync(), Does.Contain(posting.Id.ToString()));
    }

    [TestCaseSource(nameof(Feeds))]
    public async Task Time_passing_a_closing_time_gives_a_new_tag_without_any_write(string feed)
    {
        // A posting of this case's own: while an earlier case held the clock at +3 h, the expiry job
        // (polling every second) may have closed the shared one for real, and then nothing would change here.
        var closing = $"closing-for-{Path.GetFileNameWithoutExtension(feed)}";
        await Given.PostingAsync(countries: ["BE"], closesAt: Today.AddHours(2), slug: closing);
        var before = await ETagAsync(feed);
        using (var stillOpen = await GetAsync(feed, before))
            Assert.That(stillOpen.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));

        Clock.Now = Today.AddHours(1);
        using var beforeClosing = await GetAsync(feed, before);
        Clock.Now = Today.AddHours(3);
        try
        {
            using var afterClosing = await GetAsync(feed, before);
            var body = await afterClosing.Content.ReadAsStringAsync();

            // Nothing changed in the first hour: the copy is still good.
            Assert.That(beforeClosing.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
            Assert.That(afterClosing.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(afterClosing.Headers.ETag!.ToString(), Is.Not.EqualTo(before));
            Assert.That(body, Does.Contain("open-ended").Or.Contain("/open-ended"));
            Assert.That(body, Does.Not.Contain(closing));
        }
        finally
        {
            Clock.Now = Today;
        }
    }

    [TestCase(FeedReading.Json, "br")]
    [TestCase(FeedReading.Json, "gzip")]
    [TestCase(FeedReading.Indeed, "br")]
    [TestCase(FeedReading.Indeed, "gzip")]
    public async Task Compressed_bodies_decode_to_the_same_document_under_a_tag_of_their_own(string feed, string encoding)
    {
        using var plain = await GetAsync(feed);
        var identity = await plain.Content.ReadAsByteArrayAsync();

        using var rsp = await GetAsync(feed, encoding: $"{encoding}, identity;q=0.5");
        var decoded = await FeedReading.DecodeAsync(rsp);
        using var revalidated = await GetAsync(feed, rsp.Headers.ETag!.ToString());
        using var refused = await GetAsync(feed, encoding: $"{encoding};q=0");

        Assert.That(rsp.Content.Headers.ContentEncoding, Is.EqualTo(new[] { encoding }));
        Assert.That(rsp.Headers.ETag!.ToString(), Is.EqualTo($"{plain.Headers.ETag!.ToString()[..^1]}-{encoding}\""));
        Assert.That(Encoding.UTF8.GetString(decoded), Is.EqualTo(Encoding.UTF8.GetString(identity)));
        // Any encoding's tag validates the document.
        Assert.That(revalidated.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(refused.Content.Headers.ContentEncoding, Is.Empty);
    }

    [TestCaseSource(nameof(Feeds))]
    public async Task An_unsupported_lang_is_a_400_naming_lang_that_is_not_kept(string feed)
    {
        using var rsp = await GetAsync(feed + "?lang=english");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await rsp.ReadProblemAsync();
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "lang" }));
        Assert.That(rsp.Headers.CacheControl!.ToString(), Is.EqualTo("no-cache"));
        Assert.That(rsp.Headers.ETag, Is.Null);
    }

    [Test]
    public async Task Text_holding_cdata_ends_and_script_tags_stays_well_formed_and_reads_back()
    {
        const string title = "Ops ]]> Engineer </script><script>alert(1)</script>";
        var posting = await CreateAsync(new CreatePosting("R&D ]]>", "onsite", "full_time", ["DE"], [new LocationInput("Köln ]]>", "DE")], null, "en",
            new TranslationInput("cdata-test", title, "Ends ]]> here </script> and **bold** ]]]]>",
                [new SectionInput("custom", "Heading ]]>", ["A ]]> paragraph"], ["Item </script><script>x()</script> ]]>"])])));
        Assert.That((await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var stored = await (await Admin.GetAsync($"/v1/admin/postings/{posting.Id}")).ReadAsAsync<AdminPosting>("AdminPosting");

        var feed = await Http.IndeedFeedAsync();   // XDocument.Parse: well-formed or it throws
        var job = feed.JobsOf(posting.Id).Single();

        Assert.That(job.Field("title"), Is.EqualTo(stored.Translations.Single().Title));
        Assert.That(job.Field("title"), Does.Contain("]]>"));
        Assert.That(job.Field("category"), Is.EqualTo(stored.Department));
        Assert.That(job.Field("city"), Is.EqualTo(stored.Locations.Single().City));
        var description = job.Field("description");
        Assert.That(description, Does.Contain("<strong>bold</strong>"));
        Assert.That(description, Does.Not.Contain("<script"));
        // The same HTML document the JSON feed carries, character for character.
        var item = (await Http.JsonFeedAsync()).Items().Single(i => (string)i["id"]! == posting.Id.ToString());
        Assert.That(description, Is.EqualTo((string)item["descriptionHtml"]!));
        Assert.That(job.Element("title")!.Nodes().OfType<XCData>().Count(), Is.GreaterThan(1), "the title is split across CDATA sections");
    }
}
