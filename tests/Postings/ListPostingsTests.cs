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

    [TestCase("country=be", "enFr")]
    [TestCase("country=FR", "enFr")]
    [TestCase("department=Data", "enOnly")]
    [TestCase("workplace=hybrid", "enOnly")]
    [TestCase("workplace=remote", "enFr")]
    [TestCase("employment=part_time", "enOnly")]
    [TestCase("employment=full_time", "enFr")]
    public async Task Each_filter_alone_keeps_only_matching_postings(string filter, string expected)
    {
        var ids = new Dictionary<string, Guid> { ["enFr"] = _enFr, ["enOnly"] = _enOnly };

        var page = await (await Http.GetAsync($"/v1/postings?lang=en&{filter}")).ReadAsAsync<Page<PostingSummary>>("PostingPage");

        Assert.That(page.Items.Select(i => i.Id), Is.EqualTo(new[] { ids[expected] }));
    }

    [TestCase("data")]
    [TestCase("Dat")]
    [TestCase("Data ")]
    public async Task Department_matches_exactly_and_case_sensitively(string department)
    {
        var page = await (await Http.GetAsync($"/v1/postings?department={Uri.EscapeDataString(department)}")).ReadAsAsync<Page<PostingSummary>>("PostingPage");

        Assert.That(page.Items, Is.Empty);
    }

    [Test]
    public async Task Country_codes_are_answered_uppercase_whatever_the_filter_case()
    {
        var page = await (await Http.GetAsync("/v1/postings?lang=fr&country=be")).ReadAsAsync<Page<PostingSummary>>("PostingPage");

        Assert.That(page.Items.Single().Countries, Is.EqualTo(new[] { "FR", "BE" }));
    }

    [Test]
    public async Task A_supported_language_with_nothing_published_is_an_empty_last_page()
    {
        var rsp = await Http.GetAsync("/v1/postings?lang=ja");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var page = await rsp.ReadAsAsync<Page<PostingSummary>>("PostingPage");
        Assert.That(page.Items, Is.Empty);
        Assert.That(page.NextCursor, Is.Null);
    }

    [Test]
    public async Task A_blank_q_is_no_search_and_needs_no_lang()
    {
        var rsp = await Http.GetAsync("/v1/postings?q=%20%20");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var page = await rsp.ReadAsAsync<Page<PostingSummary>>("PostingPage");
        Assert.That(page.Items.Select(i => i.Id).Distinct(), Is.EqualTo(new[] { _enFr, _enOnly }));
    }
}

/// <summary>Full-text search: each language version is searched with its language's stemming.</summary>
public sealed class SearchPostingsTests : ApiFixture
{
    Guid _developer, _dataEngineer, _fields;

    protected override async Task ArrangeAsync()
    {
        _developer = await Given.PostingAsync(languages: ["en", "de"], publishedAt: Today.AddDays(-1));
        await WriteVersionAsync(_developer, "en", "Backend Developer", "Ship services every day.",
            new { kind = "responsibilities", heading = "Your role", paragraphs = Array.Empty<string>(), items = new[] { "Work with our engineering team" } });
        await WriteVersionAsync(_developer, "de", "Backend-Entwickler", "Jeden Tag Dienste ausliefern.",
            new { kind = "responsibilities", heading = "Deine Rolle", paragraphs = Array.Empty<string>(), items = new[] { "Spannende Aufgaben im Team" } });

        _dataEngineer = await Given.PostingAsync(languages: ["en"], publishedAt: Today.AddDays(-2), department: "Data");
        await WriteVersionAsync(_dataEngineer, "en", "Data Engineer", "Engineer pipelines for analysts.");

        _fields = await Given.PostingAsync(languages: ["en"], publishedAt: Today.AddDays(-3), department: "Operations");
        await WriteVersionAsync(_fields, "en", "Site Reliability Lead", "Cut latency across our booking platform.",
            new { kind = "about", heading = "Onboarding", paragraphs = new[] { "You will improve observability." }, items = Array.Empty<string>() },
            new { kind = "requirements", heading = "You bring", paragraphs = Array.Empty<string>(), items = new[] { "Operate Kubernetes clusters" } });

        await Given.PostingAsync(languages: ["en"], status: "draft", title: "Kubernetes Engineer");
        await Given.PostingAsync(languages: ["en"], publishedAt: Today.AddDays(3), title: "Kubernetes Engineer");
    }

    Task WriteVersionAsync(Guid id, string lang, string title, string summary, params object[] sections) =>
        Given.ExecuteAsync(
            "UPDATE posting_translations SET title = @title, summary = @summary, sections = @sections::jsonb WHERE posting_id = @id AND language = @lang",
            new { id, lang, title, summary, sections = System.Text.Json.JsonSerializer.Serialize(sections) });

    async Task<Guid[]> SearchAsync(string query)
    {
        var rsp = await Http.GetAsync($"/v1/postings?{query}");
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var page = await rsp.ReadAsAsync<Page<PostingSummary>>("PostingPage");
        return [.. page.Items.Select(i => i.Id)];
    }

    [Test]
    public async Task English_search_stems_words()
    {
        var ids = await SearchAsync("lang=en&q=engineers");

        Assert.That(ids, Does.Contain(_dataEngineer));
    }

    [Test]
    public async Task Results_keep_the_list_order_not_relevance()
    {
        // The older posting has the word in its title, the newer only in a list item.
        var ids = await SearchAsync("lang=en&q=engineer");

        Assert.That(ids, Is.EqualTo(new[] { _developer, _dataEngineer }));
    }

    [TestCase("q=Aufgabe")]
    [TestCase("q=aufgaben")]
    [TestCase("q=Entwickler")]
    public async Task German_versions_are_searched_with_German_stemming(string q)
    {
        var rsp = await Http.GetAsync($"/v1/postings?lang=de&{q}");

        var page = await rsp.ReadAsAsync<Page<PostingSummary>>("PostingPage");
        Assert.That(page.Items.Select(i => (i.Id, i.Language)), Is.EqualTo(new[] { (_developer, "de") }));
    }

    [Test]
    public async Task A_word_only_in_another_language_version_is_not_found()
    {
        var ids = await SearchAsync("lang=en&q=Aufgaben");

        Assert.That(ids, Is.Empty);
    }

    [TestCase("reliability", TestName = "{m}(title)")]
    [TestCase("latency", TestName = "{m}(summary)")]
    [TestCase("onboarding", TestName = "{m}(section heading)")]
    [TestCase("observability", TestName = "{m}(section paragraph)")]
    [TestCase("kubernetes", TestName = "{m}(section item)")]
    public async Task Search_covers_title_summary_and_sections(string word)
    {
        var ids = await SearchAsync($"lang=en&q={word}");

        Assert.That(ids, Is.EqualTo(new[] { _fields }));
    }

    [Test]
    public async Task Search_accepts_web_search_syntax()
    {
        var excluding = await SearchAsync("lang=en&q=" + Uri.EscapeDataString("engineer -data"));
        var either = await SearchAsync("lang=en&q=" + Uri.EscapeDataString("kubernetes or analysts"));
        var phrase = await SearchAsync("lang=en&q=" + Uri.EscapeDataString("\"booking platform\""));
        var reversedPhrase = await SearchAsync("lang=en&q=" + Uri.EscapeDataString("\"platform booking\""));

        Assert.That(excluding, Is.EqualTo(new[] { _developer }));
        Assert.That(either, Is.EqualTo(new[] { _dataEngineer, _fields }));
        Assert.That(phrase, Is.EqualTo(new[] { _fields }));
        Assert.That(reversedPhrase, Is.Empty);
    }

    [Test]
    public async Task Search_combines_with_filters()
    {
        var ids = await SearchAsync("lang=en&q=engineer&department=Data");

        Assert.That(ids, Is.EqualTo(new[] { _dataEngineer }));
    }

    [Test]
    public async Task A_search_matching_nothing_is_an_empty_last_page()
    {
        var page = await (await Http.GetAsync("/v1/postings?lang=en&q=astronaut")).ReadAsAsync<Page<PostingSummary>>("PostingPage");

        Assert.That(page.Items, Is.Empty);
        Assert.That(page.NextCursor, Is.Null);
    }

    [Test]
    public async Task Search_pages_with_a_cursor()
    {
        var first = await Pages.GetAsync(Http, "lang=en&q=engineer&limit=1");

        var rest = await Pages.WalkAsync(Http, "lang=en&q=engineer&limit=1", first.NextCursor);

        Assert.That(first.Items.Select(i => i.Id).Concat(rest.SelectMany(p => p.Items).Select(i => i.Id)), Is.EqualTo(new[] { _developer, _dataEngineer }));
    }

    [Test]
    public async Task Q_without_lang_is_a_400_naming_lang()
    {
        var rsp = await Http.GetAsync("/v1/postings?q=engineer");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await rsp.ReadProblemAsync())["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.EqualTo(new[] { "lang" }));
        Assert.That(errors["lang"]![0]!.GetValue<string>(), Does.StartWith("q needs lang"));
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
