using System.Net;
using System.Text.Json;
using Careers.Contracts.Postings;

namespace Careers.Tests.Postings;

public sealed class GetPostingTests : ApiFixture
{
    Guid _multi, _sharedSlug, _closing;
    readonly Dictionary<string, Guid> _hidden = [];

    protected override async Task ArrangeAsync()
    {
        // Written in French first: the original version is not the alphabetically first one.
        _multi = await Given.PostingAsync(languages: ["fr", "en", "de"], countries: ["DE", "FR", "CH"], publishedAt: Today.AddDays(-3),
            department: "Engineering", workplace: "hybrid", employment: "contract");
        await Given.ExecuteAsync("UPDATE postings SET locations = (SELECT jsonb_agg(jsonb_build_object('city', c, 'country', countries[1])) FROM unnest(ARRAY['Berlin', 'Paris']::text[]) c) WHERE id = @id", new { id = _multi });
        await WriteVersionAsync(_multi, "fr", "ingenieur-backend", "Ingénieur·e backend", "Rejoignez l'équipe plateforme.");
        await WriteVersionAsync(_multi, "en", "backend-engineer", "Backend Engineer", "Join the platform team.",
            new { kind = "about", heading = "The team", paragraphs = new[] { "We run the booking engine.", "We are twelve." }, items = Array.Empty<string>() },
            new { kind = "benefits", heading = "What we offer", paragraphs = Array.Empty<string>(), items = new[] { "Remote-first", "30 days of leave" } },
            new { kind = "requirements", heading = "What you bring", paragraphs = Array.Empty<string>(), items = new[] { "C#", "PostgreSQL" } },
            new { kind = "custom", heading = "Hiring process", paragraphs = new[] { "Two interviews." }, items = Array.Empty<string>() });
        await WriteVersionAsync(_multi, "de", "backend-entwickler", "Backend-Entwickler", "Komm ins Plattform-Team.");

        _sharedSlug = await Given.PostingAsync(languages: ["de", "en"], slug: "data-analyst", publishedAt: Today.AddDays(-2));
        _closing = await Given.PostingAsync(languages: ["en"], slug: "closing-soon", publishedAt: Today.AddDays(-1), closesAt: Today.AddDays(7));

        _hidden["draft"] = await Given.PostingAsync(languages: ["en"], slug: "draft-role", status: "draft");
        _hidden["closed"] = await Given.PostingAsync(languages: ["en"], slug: "closed-role", status: "closed", publishedAt: Today.AddDays(-5));
        _hidden["expired"] = await Given.PostingAsync(languages: ["en"], slug: "expired-role", publishedAt: Today.AddDays(-30), closesAt: Today.AddMinutes(-1));
        _hidden["future"] = await Given.PostingAsync(languages: ["en"], slug: "future-role", publishedAt: Today.AddMinutes(1));
    }

    Task WriteVersionAsync(Guid id, string lang, string slug, string title, string summary, params object[] sections) =>
        Given.ExecuteAsync(
            "UPDATE posting_translations SET slug = @slug, title = @title, summary = @summary, sections = @sections::jsonb WHERE posting_id = @id AND language = @lang",
            new { id, lang, slug, title, summary, sections = JsonSerializer.Serialize(sections) });

    async Task<Posting> GetAsync(string idOrSlug, string? lang = null)
    {
        var rsp = await Http.GetAsync(lang is null ? $"/v1/postings/{idOrSlug}" : $"/v1/postings/{idOrSlug}?lang={lang}");
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await rsp.ReadAsAsync<Posting>("Posting");
    }

    [Test]
    public async Task By_id_with_lang_answers_that_language_version()
    {
        var posting = await GetAsync(_multi.ToString(), "en");

        Assert.That(posting.Id, Is.EqualTo(_multi));
        Assert.That(posting.Language, Is.EqualTo("en"));
        Assert.That(posting.Slug, Is.EqualTo("backend-engineer"));
        Assert.That(posting.Title, Is.EqualTo("Backend Engineer"));
        Assert.That(posting.Summary, Is.EqualTo("Join the platform team."));
        Assert.That(posting.Department, Is.EqualTo("Engineering"));
        Assert.That(posting.WorkplaceType, Is.EqualTo(WorkplaceType.Hybrid));
        Assert.That(posting.EmploymentType, Is.EqualTo(EmploymentType.Contract));
        Assert.That(posting.Cities, Is.EqualTo(new[] { "Berlin", "Paris" }));
        Assert.That(posting.PublishedAt, Is.EqualTo(Today.AddDays(-3)));
        Assert.That(posting.ClosesAt, Is.Null);
    }

    [Test]
    public async Task By_id_without_lang_answers_the_original_language_version()
    {
        var posting = await GetAsync(_multi.ToString());

        Assert.That(posting.Language, Is.EqualTo("fr"));
        Assert.That(posting.Slug, Is.EqualTo("ingenieur-backend"));
        Assert.That(posting.Title, Is.EqualTo("Ingénieur·e backend"));
    }

    [Test]
    public async Task An_id_is_found_whatever_its_case()
    {
        var posting = await GetAsync(_multi.ToString().ToUpperInvariant(), "de");

        Assert.That(posting.Id, Is.EqualTo(_multi));
    }

    [TestCase("backend-entwickler", "de")]
    [TestCase("backend-engineer", "en")]
    [TestCase("ingenieur-backend", "fr")]
    public async Task By_slug_without_lang_answers_the_version_carrying_the_slug(string slug, string language)
    {
        var posting = await GetAsync(slug);

        Assert.That(posting.Id, Is.EqualTo(_multi));
        Assert.That(posting.Language, Is.EqualTo(language));
        Assert.That(posting.Slug, Is.EqualTo(slug));
    }

    [Test]
    public async Task By_slug_with_its_own_lang_answers_that_version()
    {
        var posting = await GetAsync("backend-entwickler", "de");

        Assert.That((posting.Id, posting.Language, posting.Title), Is.EqualTo((_multi, "de", "Backend-Entwickler")));
    }

    [Test]
    public async Task A_slug_shared_by_several_languages_answers_the_oldest_version_without_lang()
    {
        var withoutLang = await GetAsync("data-analyst");
        var english = await GetAsync("data-analyst", "en");

        Assert.That((withoutLang.Id, withoutLang.Language), Is.EqualTo((_sharedSlug, "de")));
        Assert.That((english.Id, english.Language), Is.EqualTo((_sharedSlug, "en")));
    }

    [Test]
    public async Task Sections_keep_their_written_order_and_kinds()
    {
        var posting = await GetAsync("backend-engineer");

        Assert.That(posting.Sections.Select(s => (s.Kind, s.Heading)), Is.EqualTo(new[]
        {
            (SectionKind.About, "The team"),
            (SectionKind.Benefits, "What we offer"),
            (SectionKind.Requirements, "What you bring"),
            (SectionKind.Custom, "Hiring process"),
        }));
        Assert.That(posting.Sections[0].Paragraphs, Is.EqualTo(new[] { "We run the booking engine.", "We are twelve." }));
        Assert.That(posting.Sections[1].Items, Is.EqualTo(new[] { "Remote-first", "30 days of leave" }));
        Assert.That(posting.Sections[3].Items, Is.Empty);
    }

    [TestCase("fr", "Allemagne", "France", "Suisse")]
    [TestCase("de", "Deutschland", "Frankreich", "Schweiz")]
    [TestCase("en", "Germany", "France", "Switzerland")]
    public async Task Countries_are_named_in_the_response_language(string lang, string de, string fr, string ch)
    {
        var posting = await GetAsync(_multi.ToString(), lang);

        Assert.That(posting.Countries, Is.EqualTo(new[] { new CountryName("DE", de), new CountryName("FR", fr), new CountryName("CH", ch) }));
    }

    [TestCase("fr")]
    [TestCase("en")]
    [TestCase("de")]
    public async Task Translations_list_every_language_version(string lang)
    {
        var posting = await GetAsync(_multi.ToString(), lang);

        Assert.That(posting.Translations, Is.EquivalentTo(new[]
        {
            new TranslationLink("de", "backend-entwickler"),
            new TranslationLink("en", "backend-engineer"),
            new TranslationLink("fr", "ingenieur-backend"),
        }));
    }

    [Test]
    public async Task A_posting_with_a_closing_date_is_served_until_then()
    {
        var posting = await GetAsync("closing-soon");

        Assert.That(posting.Id, Is.EqualTo(_closing));
        Assert.That(posting.ClosesAt, Is.EqualTo(Today.AddDays(7)));
    }

    [TestCase("draft")]
    [TestCase("closed")]
    [TestCase("future")]
    public async Task A_posting_that_is_not_visible_is_a_404_by_id(string which)
    {
        var rsp = await Http.GetAsync($"/v1/postings/{_hidden[which]}");

        await AssertNotFoundAsync(rsp);
    }

    [TestCase("draft-role")]
    [TestCase("closed-role")]
    [TestCase("future-role")]
    [TestCase("draft-role?lang=en")]
    public async Task A_posting_that_is_not_visible_is_a_404_by_slug(string slugAndQuery)
    {
        var rsp = await Http.GetAsync($"/v1/postings/{slugAndQuery}");

        await AssertNotFoundAsync(rsp);
    }

    [TestCase("id", "es")]
    [TestCase("slug", "es")]
    [TestCase("slug", "en")]
    public async Task A_language_the_address_has_no_version_in_is_a_404(string by, string lang)
    {
        // The slug is the German version's; the English version has a slug of its own.
        var idOrSlug = by == "id" ? _multi.ToString() : "backend-entwickler";

        var rsp = await Http.GetAsync($"/v1/postings/{idOrSlug}?lang={lang}");

        await AssertNotFoundAsync(rsp);
    }

    [TestCase("no-such-posting")]
    [TestCase("7d1c2a9e-5f3b-4c6d-8e0f-1a2b3c4d5e6f")]
    [TestCase("00000000-0000-0000-0000-000000000000")]
    [TestCase("Backend-Engineer")]
    [TestCase("backend-engineer%20")]
    [TestCase("%20")]
    [TestCase("a%2Fb")]
    [TestCase("%E2%9D%A4")]
    [TestCase("'%20OR%201=1%20--")]
    public async Task An_unknown_or_malformed_address_is_a_404(string idOrSlug)
    {
        var rsp = await Http.GetAsync($"/v1/postings/{idOrSlug}");

        await AssertNotFoundAsync(rsp);
    }

    [Test]
    public async Task An_unknown_language_code_is_a_400_naming_lang()
    {
        var rsp = await Http.GetAsync($"/v1/postings/{_multi}?lang=english");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await rsp.ReadProblemAsync())["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.EqualTo(new[] { "lang" }));
    }

    [Test]
    public async Task An_expired_posting_was_public_until_its_closesAt_and_is_a_410_by_id_and_by_slug()
    {
        foreach (var address in new[] { _hidden["expired"].ToString(), "expired-role" })
        {
            var rsp = await Http.GetAsync($"/v1/postings/{address}");

            Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Gone), address);
            Assert.That((await rsp.ReadProblemAsync())["reason"]!.GetValue<string>(), Is.EqualTo("expired"));
        }
    }

    static async Task AssertNotFoundAsync(HttpResponseMessage rsp)
    {
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var problem = await rsp.ReadProblemAsync();
        Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo(404));
    }
}

/// <summary>Moves the clock: a database of its own.</summary>
public sealed class PublicationTimeTests : ApiFixture
{
    [Test]
    public async Task A_scheduled_posting_is_served_from_its_publication_until_its_closing_time()
    {
        await Given.PostingAsync(languages: ["en"], slug: "scheduled", publishedAt: Today.AddHours(1), closesAt: Today.AddHours(2));

        var before = await Http.GetAsync("/v1/postings/scheduled");
        Clock.Now = Today.AddHours(1);
        var published = await Http.GetAsync("/v1/postings/scheduled");
        Clock.Now = Today.AddHours(2);
        var closed = await Http.GetAsync("/v1/postings/scheduled");
        Clock.Now = Today;

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(closed.StatusCode, Is.EqualTo(HttpStatusCode.Gone), "public once: 410 (issue 10)");
    }
}
