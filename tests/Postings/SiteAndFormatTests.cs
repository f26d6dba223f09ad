using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Careers.Contracts.Postings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Careers.Tests.Postings;

/// <summary>
/// Issue 10: every public item and detail carries the website's url of its version when the deployment
/// says where its pages are, and the detail serves its text as written, as HTML or as plain text.
/// </summary>
public sealed class SiteAndFormatTests : ApiFixture
{
    const string Template = "https://careers.example.com/{lang}/jobs/{slug}?ref={id}";
    Guid _id;
    ApiFactory _site = null!;
    HttpClient _siteHttp = null!;

    protected override async Task ArrangeAsync()
    {
        _id = await Given.PostingAsync(languages: ["en", "fr"], slug: "backend", publishedAt: Today.AddDays(-1));
        await Given.ExecuteAsync("""
            UPDATE posting_translations
            SET summary = 'Join **the platform** team: see [our blog](https://example.com/blog) &amp; <em>more</em>.',
                sections = '[{"kind":"benefits","heading":"What *we* offer","paragraphs":["Line one\nline two.","Second paragraph."],"items":["`Remote`-first","30 days"]}]'
            WHERE posting_id = @id AND language = 'en'
            """, new { id = _id });
        _site = new ApiFactory(ConnectionString, Clock, configure: b => b.UseSetting("Careers:Site:PostingUrl", Template));
        _siteHttp = _site.CreateClient();
    }

    [OneTimeTearDown]
    public async Task DisposeSiteAsync()
    {
        _siteHttp.Dispose();
        await _site.DisposeAsync();
    }

    static async Task<JsonObject> JsonAsync(HttpResponseMessage rsp)
    {
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rsp.Content.ReadAsStringAsync());
        return JsonNode.Parse(await rsp.Content.ReadAsStringAsync())!.AsObject();
    }

    [Test]
    public async Task With_the_template_every_item_detail_and_translation_link_carries_its_page_url()
    {
        var page = await JsonAsync(await _siteHttp.GetAsync("/v1/postings?limit=10"));
        var urls = page["items"]!.AsArray().Where(i => (string)i!["id"]! == _id.ToString())
            .Select(i => ((string)i!["language"]!, (string)i["url"]!)).ToList();
        Assert.That(urls, Is.EquivalentTo(new[]
        {
            ("en", $"https://careers.example.com/en/jobs/backend?ref={_id}"),
            ("fr", $"https://careers.example.com/fr/jobs/backend?ref={_id}"),
        }));

        var detail = await _siteHttp.GetAsync($"/v1/postings/backend?lang=fr");
        var posting = await detail.ReadAsAsync<Posting>("Posting");
        Assert.That(posting.Url, Is.EqualTo($"https://careers.example.com/fr/jobs/backend?ref={_id}"));
        Assert.That(posting.Translations.Select(t => t.Url), Is.EqualTo(new[]
        {
            $"https://careers.example.com/en/jobs/backend?ref={_id}",
            $"https://careers.example.com/fr/jobs/backend?ref={_id}",
        }));
    }

    [Test]
    public async Task Without_the_template_url_is_absent_not_null()
    {
        var page = await JsonAsync(await Http.GetAsync("/v1/postings?limit=10"));
        Assert.That(page["items"]!.AsArray().Select(i => i!.AsObject().ContainsKey("url")), Is.All.False);

        var detail = await JsonAsync(await Http.GetAsync("/v1/postings/backend?lang=en"));
        Assert.That(detail.ContainsKey("url"), Is.False);
        Assert.That(detail["translations"]!.AsArray().Select(t => t!.AsObject().ContainsKey("url")), Is.All.False);
    }

    [Test]
    public async Task Markdown_is_the_default_and_comes_as_written()
    {
        var plain = await (await Http.GetAsync("/v1/postings/backend?lang=en")).ReadAsAsync<Posting>("Posting");
        var markdown = await (await Http.GetAsync("/v1/postings/backend?lang=en&format=markdown")).ReadAsAsync<Posting>("Posting");

        Assert.That(plain.Summary, Does.StartWith("Join **the platform** team"));
        Assert.That(JsonSerializer.Serialize(markdown), Is.EqualTo(JsonSerializer.Serialize(plain)));
    }

    [Test]
    public async Task Html_renders_each_field_with_inline_headings_and_items()
    {
        var html = await (await Http.GetAsync("/v1/postings/backend?lang=en&format=html")).ReadAsAsync<Posting>("Posting");

        Assert.That(html.Summary, Is.EqualTo("<p>Join <strong>the platform</strong> team: see <a href=\"https://example.com/blog\">our blog</a> &amp; <em>more</em>.</p>"));
        var section = html.Sections.Single();
        Assert.That(section.Kind, Is.EqualTo(SectionKind.Benefits));
        Assert.That(section.Heading, Is.EqualTo("What <em>we</em> offer"));
        Assert.That(section.Paragraphs, Is.EqualTo(new[] { "<p>Line one\nline two.</p>", "<p>Second paragraph.</p>" }));
        Assert.That(section.Items, Is.EqualTo(new[] { "<code>Remote</code>-first", "30 days" }));
        Assert.That(html.Title, Is.EqualTo("Backend Engineer (en)"), "the title is plain text in every format");
    }

    [Test]
    public async Task Text_removes_the_markup_and_decodes_entities()
    {
        var text = await (await Http.GetAsync("/v1/postings/backend?lang=en&format=text")).ReadAsAsync<Posting>("Posting");

        Assert.That(text.Summary, Is.EqualTo("Join the platform team: see our blog & more."));
        var section = text.Sections.Single();
        Assert.That(section.Heading, Is.EqualTo("What we offer"));
        Assert.That(section.Items, Is.EqualTo(new[] { "Remote-first", "30 days" }));
    }

    [TestCase("xml")]
    [TestCase("HTML")]
    [TestCase("")]
    public async Task Another_format_is_a_400_naming_format(string format)
    {
        var rsp = await Http.GetAsync($"/v1/postings/backend?lang=en&format={format}");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await rsp.ReadProblemAsync();
        Assert.That(problem["errors"]!["format"]!.ToJsonString(), Does.Contain("markdown, html, text"));
    }

    [Test]
    public async Task A_version_written_by_plain_SQL_is_rendered_by_the_backfill_as_the_API_renders_on_the_fly()
    {
        var onTheFly = await (await Http.GetAsync("/v1/postings/backend?lang=en&format=html")).Content.ReadAsStringAsync();
        var generation = await Given.ScalarAsync<long>("SELECT value FROM public_generation");

        var backfill = App.Services.GetRequiredService<Careers.Api.Features.Postings.Rendering.RenderBackfill>();
        await backfill.RunAsync(CancellationToken.None);

        // Another app of this fixture may hold a batch (the backfill skips rows another instance renders).
        await RenderedAsync(Given);
        Assert.That(await Given.ScalarAsync<long>("SELECT value FROM public_generation"), Is.EqualTo(generation),
            "rendering changes no answer, so it does not end the kept ones");
        var stored = await Given.ScalarAsync<string>("SELECT description_html FROM posting_translations WHERE posting_id = @id AND language = 'en'", new { id = _id });
        Assert.That(stored, Is.EqualTo("""
            <p>Join <strong>the platform</strong> team: see <a href="https://example.com/blog">our blog</a> &amp; <em>more</em>.</p>
            <h2>What <em>we</em> offer</h2>
            <p>Line one
            line two.</p>
            <p>Second paragraph.</p>
            <ul>
            <li><code>Remote</code>-first</li>
            <li>30 days</li>
            </ul>
            """));
        using var fresh = new ApiFactory(ConnectionString, Clock);
        var fromStore = await (await fresh.CreateClient().GetAsync("/v1/postings/backend?lang=en&format=html")).Content.ReadAsStringAsync();
        Assert.That(fromStore, Is.EqualTo(onTheFly));
    }

    [Test]
    public async Task Text_changed_behind_the_API_loses_its_stale_renderings()
    {
        var id = await Given.PostingAsync(languages: ["en"], slug: "edited-behind", publishedAt: Today.AddDays(-1));
        await App.Services.GetRequiredService<Careers.Api.Features.Postings.Rendering.RenderBackfill>().RunAsync(CancellationToken.None);
        await RenderedAsync(Given);

        await Given.ExecuteAsync("UPDATE posting_translations SET summary = 'Now **new**.' WHERE posting_id = @id", new { id });

        Assert.That(await Given.ScalarAsync<long>("SELECT count(*) FROM posting_translations WHERE posting_id = @id AND rendered IS NULL AND description_html IS NULL", new { id }), Is.EqualTo(1));
        using var fresh = new ApiFactory(ConnectionString, Clock);
        var html = await (await fresh.CreateClient().GetAsync("/v1/postings/edited-behind?lang=en&format=html")).ReadAsAsync<Posting>("Posting");
        Assert.That(html.Summary, Is.EqualTo("<p>Now <strong>new</strong>.</p>"));
    }

    [Test]
    public async Task The_backfill_runs_in_the_background_when_enabled()
    {
        await Given.ExecuteAsync("UPDATE posting_translations SET summary = summary || ' Again.'");
        Assert.That(await Given.ScalarAsync<long>("SELECT count(*) FROM posting_translations WHERE rendered IS NULL"), Is.GreaterThan(0));

        using var enabled = new ApiFactory(ConnectionString, Clock, configure: b => b.UseSetting("Careers:Rendering:Backfill", "true"));
        enabled.CreateClient().Dispose();

        await RenderedAsync(Given);
    }

    static async Task RenderedAsync(TestData given)
    {
        for (var i = 0; i < 100 && await given.ScalarAsync<long>("SELECT count(*) FROM posting_translations WHERE rendered IS NULL OR description_html IS NULL") > 0; i++)
            await Task.Delay(50);
        Assert.That(await given.ScalarAsync<long>("SELECT count(*) FROM posting_translations WHERE rendered IS NULL OR description_html IS NULL"), Is.Zero);
    }

    [TestCase("https://careers.example.com/{lang}/jobs", TestName = "A template naming neither slug nor id stops the start")]
    [TestCase("/{lang}/jobs/{slug}", TestName = "A relative template stops the start")]
    [TestCase("javascript:alert('{slug}')", TestName = "A script template stops the start")]
    public void A_bad_template_stops_the_start_naming_the_setting(string template)
    {
        using var bad = new ApiFactory(ConnectionString, Clock, configure: b => b.UseSetting("Careers:Site:PostingUrl", template));

        var e = Assert.Catch(() => bad.CreateClient());
        Assert.That(e!.ToString(), Does.Contain("PostingUrl"));
    }
}
