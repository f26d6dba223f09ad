using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Careers.Contracts.Admin;
using Careers.Contracts.Postings;
using Careers.Tests.Contract;
using Dapper;

namespace Careers.Tests.Admin;

/// <summary>POST /v1/admin/postings/import: a posting pasted as text/plain becomes a draft to review.</summary>
public sealed class ImportTests : AdminFixture
{
    static readonly string Sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "careers-page-sample.txt"));
    static readonly string Boilerplate = Sample.ReplaceLineEndings("\n").Split('\n')[0];

    const string SampleQuery = "lang=en&country=DE&country=FR&title=Senior%20Backend%20Engineer%20II&department=Engineering&workplace=remote&employment=full_time";

    static readonly (string Name, string Value)[] RequiredParameters =
    [
        ("lang", "en"), ("country", "DE"), ("title", "Data%20Engineer"), ("department", "Engineering"),
        ("workplace", "remote"), ("employment", "full_time"),
    ];

    const string FrenchText = """
        Nous recherchons une développeuse backend pour notre équipe paiements.
        Vos missions :
        Concevoir des API
        Faire évoluer la base PostgreSQL
        Profil recherché :
        Cinq ans d'expérience en C#
        Avantages
        Télétravail complet
        """;

    Task<HttpResponseMessage> ImportAsync(string query, string text, HttpClient? client = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/admin/postings/import?{query}")
        {
            Content = new StringContent(text, Encoding.UTF8, "text/plain"),
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return (client ?? Admin).SendAsync(request);
    }

    async Task<AdminPosting> ImportedAsync(string query, string text) => (await ImportedWithReportAsync(query, text)).Posting;

    async Task<(AdminPosting Posting, JsonObject Report)> ImportedWithReportAsync(string query, string text)
    {
        var rsp = await ImportAsync(query, text);
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Created), await rsp.Content.ReadAsStringAsync());
        return await ReadAnswerAsync(rsp);
    }

    /// <summary>The import's answer, checked against the contract: the draft and the report.</summary>
    static async Task<(AdminPosting Posting, JsonObject Report)> ReadAnswerAsync(HttpResponseMessage rsp)
    {
        var body = await rsp.Content.ReadAsStringAsync();
        OpenApiContract.AssertConforms(body, "ImportedPosting");
        var answer = JsonNode.Parse(body)!.AsObject();
        return (answer["posting"].Deserialize<AdminPosting>(JsonSerializerOptions.Web)!, answer["report"]!.AsObject());
    }

    async Task<long> PostingCountAsync()
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM postings");
    }

    [Test]
    public async Task Sample_page_becomes_a_draft_with_its_sections_headings_and_summary()
    {
        var rsp = await ImportAsync(SampleQuery, Sample);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Created), await rsp.Content.ReadAsStringAsync());
        var (posting, report) = await ReadAnswerAsync(rsp);
        Assert.That(rsp.Headers.Location?.OriginalString, Is.EqualTo($"/v1/admin/postings/{posting.Id}"));
        Assert.That(posting.Status, Is.EqualTo("draft"));
        Assert.That(posting.Version, Is.EqualTo(1));
        Assert.That(posting.PublishedAt, Is.Null);
        Assert.That(posting.Department, Is.EqualTo("Engineering"));
        Assert.That(posting.WorkplaceType, Is.EqualTo(WorkplaceType.Remote));
        Assert.That(posting.EmploymentType, Is.EqualTo(EmploymentType.FullTime));
        Assert.That(posting.Countries, Is.EqualTo(new[] { "DE", "FR" }));
        var translation = posting.Translations.Single();
        Assert.That(translation.Language, Is.EqualTo("en"));
        Assert.That(translation.Title, Is.EqualTo("Senior Backend Engineer II"));
        Assert.That(translation.Slug, Is.EqualTo("senior-backend-engineer-ii"));
        Assert.That(translation.Summary, Does.StartWith("The Senior Backend Engineer II operates"));
        Assert.That(translation.Sections.Select(s => (s.Kind, s.Heading, s.Items.Count)), Is.EqualTo(new[]
        {
            (SectionKind.About, "About the role", 0),
            (SectionKind.Responsibilities, "Job Responsibility", 12),
            (SectionKind.Requirements, "Requirements", 10),
            (SectionKind.NiceToHave, "Nice to have", 2),
            (SectionKind.Benefits, "What we offer", 7),
        }));
        Assert.That(translation.Sections[0].Paragraphs, Is.EqualTo(new[] { translation.Summary }));
        Assert.That(translation.Sections[1].Items[0], Is.EqualTo("Be accountable for the technical health, scalability, and long-term sustainability of a defined backend subsystem or domain"));
        Assert.That(translation.Sections[4].Items[^1], Is.EqualTo("The annual international team-building trip, quarterly and monthly online get-togethers"));
        Assert.That(rsp.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
        Assert.That(report["title"], Is.Null);
        Assert.That(report["headings"]!.AsArray().Select(h => ((string?)h!["heading"], (string?)h["kind"])), Is.EqualTo(new[]
        {
            ((string?)"Job Responsibility", (string?)"responsibilities"), ("Requirements", "requirements"), ("Nice to have", "nice_to_have"), ("What we offer", "benefits"),
        }));
        Assert.That(report["dropped"]!.AsArray().Select(d => (string?)d!["reason"]), Is.EqualTo(new[] { "page chrome" }));
    }

    [Test]
    public async Task The_country_list_notice_appears_nowhere_in_the_draft()
    {
        var rsp = await ImportAsync($"{SampleQuery}&slug=import-notice", Sample);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var (posting, report) = await ReadAnswerAsync(rsp);
        var draft = JsonSerializer.Serialize(posting, JsonSerializerOptions.Web);
        Assert.That(draft, Does.Not.Contain("job offers have been published"));
        Assert.That(draft, Does.Not.Contain(Boilerplate[..40]));
        Assert.That((string?)report["dropped"]![0]!["line"], Is.EqualTo(Boilerplate));
    }

    [Test]
    public async Task Imported_draft_is_public_only_once_published_with_its_sections()
    {
        var draft = await ImportedAsync($"{SampleQuery}&slug=import-then-publish", Sample);
        var beforePublishing = await Http.GetAsync("/v1/postings/import-then-publish?lang=en");

        var published = await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{draft.Id}/publish");

        Assert.That(beforePublishing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var rsp = await Http.GetAsync("/v1/postings/import-then-publish?lang=en");
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var posting = await rsp.ReadAsAsync<Posting>("Posting");
        Assert.That(posting.Id, Is.EqualTo(draft.Id));
        Assert.That(posting.Title, Is.EqualTo("Senior Backend Engineer II"));
        Assert.That(posting.Summary, Does.StartWith("The Senior Backend Engineer II operates"));
        Assert.That(posting.Sections.Select(s => (s.Kind, s.Heading, s.Items.Count)), Is.EqualTo(
            draft.Translations[0].Sections.Select(s => (s.Kind, s.Heading, s.Items.Count))));
        Assert.That(posting.Sections.Select(s => s.Items.Count), Is.EqualTo(new[] { 0, 12, 10, 2, 7 }));
    }

    [Test]
    public async Task Countries_may_be_given_comma_separated()
    {
        var query = SampleQuery.Replace("country=DE&country=FR", "country=DE,FR", StringComparison.Ordinal);

        var posting = await ImportedAsync($"{query}&slug=import-comma-countries", Sample);

        Assert.That(posting.Countries, Is.EqualTo(new[] { "DE", "FR" }));
    }

    [Test]
    public async Task French_headings_become_sections_of_their_kind()
    {
        var posting = await ImportedAsync("lang=fr&country=FR&title=D%C3%A9veloppeuse%20backend&department=Engineering&workplace=remote&employment=full_time", FrenchText);

        var translation = posting.Translations.Single();
        Assert.That(translation.Language, Is.EqualTo("fr"));
        Assert.That(translation.Slug, Is.EqualTo("developpeuse-backend"));
        Assert.That(translation.Summary, Is.EqualTo("Nous recherchons une développeuse backend pour notre équipe paiements."));
        Assert.That(translation.Sections.Select(s => (s.Kind, s.Heading)), Is.EqualTo(new[]
        {
            (SectionKind.About, "À propos du poste"),
            (SectionKind.Responsibilities, "Vos missions"),
            (SectionKind.Requirements, "Profil recherché"),
            (SectionKind.Benefits, "Avantages"),
        }));
        Assert.That(translation.Sections[1].Items, Is.EqualTo(new[] { "Concevoir des API", "Faire évoluer la base PostgreSQL" }));
    }

    // The sample does not start with a title line: without ?title= there is none.
    [TestCase("title")]
    [TestCase("lang")]
    [TestCase("department")]
    [TestCase("workplace")]
    [TestCase("employment")]
    [TestCase("country")]
    public async Task A_missing_parameter_is_a_400_naming_it_and_nothing_is_created(string missing)
    {
        var query = string.Join('&', RequiredParameters.Where(p => p.Name != missing).Select(p => $"{p.Name}={p.Value}"));
        var before = await PostingCountAsync();

        var rsp = await ImportAsync($"{query}&slug=import-missing-{missing}", Sample);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await rsp.ReadProblemAsync())["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Has.Member(missing));
        Assert.That(await PostingCountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Without_any_parameter_the_400_names_each_one()
    {
        var rsp = await ImportAsync("", Sample);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await rsp.ReadProblemAsync())["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.SupersetOf(RequiredParameters.Select(p => p.Name)));
    }

    [TestCase("")]
    [TestCase("  \n\n \r\n")]
    public async Task A_body_without_text_is_a_400_naming_content(string text)
    {
        var rsp = await ImportAsync($"{SampleQuery}&slug=import-empty", text);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await rsp.ReadProblemAsync())["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.EqualTo(new[] { "content" }));
    }

    // Read leniently, invalid bytes became U+FFFD and were stored as if the author had written them.
    [Test]
    public async Task Text_that_is_not_UTF8_is_a_400_naming_content_and_nothing_is_created()
    {
        var before = await PostingCountAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/admin/postings/import?{SampleQuery}&slug=import-latin1")
        {
            Content = new ByteArrayContent([.. Encoding.UTF8.GetBytes("Ing"), 0xE9, .. Encoding.UTF8.GetBytes("nieur\nRequirements:\nC#")]),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");

        var rsp = await Admin.SendAsync(request);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await rsp.ReadProblemAsync())["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "content" }));
        Assert.That(await PostingCountAsync(), Is.EqualTo(before));
    }

    // Code points, not characters: a test name holding ESC is dropped by the test runner.
    [TestCase(0x00)]
    [TestCase(0x07)]
    [TestCase(0x1B)]
    public async Task Text_holding_a_control_character_is_a_400_naming_content(int codePoint)
    {
        var rsp = await ImportAsync($"{SampleQuery}&slug=import-control-{codePoint}", Sample.Insert(100, ((char)codePoint).ToString()));

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await rsp.ReadProblemAsync())["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "content" }));
    }

    // A NUL department was stripped to nothing, which the database refused: a 500.
    [TestCase("department", "%00")]
    [TestCase("title", "Data%01Engineer")]
    [TestCase("city", "Ber%1Flin")]
    public async Task A_parameter_holding_a_control_character_is_a_400_naming_it(string parameter, string value)
    {
        var query = string.Join('&', RequiredParameters.Where(p => p.Name != parameter).Select(p => $"{p.Name}={p.Value}").Append($"{parameter}={value}"));

        var rsp = await ImportAsync($"{query}&slug=import-control-{parameter}", Sample);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await rsp.ReadProblemAsync())["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { parameter }));
    }

    // The summary and the sections come from the text: a client that never sent them is told about its content.
    [Test]
    public async Task An_opening_too_long_for_a_summary_is_a_400_naming_content()
    {
        var rsp = await ImportAsync($"{SampleQuery}&slug=import-long-opening", new string('a', 2_500) + "\nRequirements:\nC#");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await rsp.ReadProblemAsync())["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.EqualTo(new[] { "content" }));
        Assert.That(errors["content"]!.ToJsonString(), Does.Contain("summary"));
    }

    [Test]
    public async Task A_slug_another_posting_uses_is_a_409_naming_slug_and_nothing_is_created()
    {
        await ImportedAsync($"{SampleQuery}&slug=import-clash", Sample);
        var before = await PostingCountAsync();

        var rsp = await ImportAsync($"{SampleQuery}&slug=import-clash", Sample);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var errors = (await rsp.ReadProblemAsync())["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.EqualTo(new[] { "slug" }));
        Assert.That(await PostingCountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Without_a_key_it_is_a_401_and_nothing_is_created()
    {
        var before = await PostingCountAsync();

        var rsp = await ImportAsync($"{SampleQuery}&slug=import-anonymous", Sample, Http);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        await rsp.ReadProblemAsync();
        Assert.That(await PostingCountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_retry_with_the_same_Idempotency_Key_returns_the_same_posting_and_creates_one()
    {
        var query = $"{SampleQuery}&slug=import-retried";
        var before = await PostingCountAsync();
        var first = await ImportAsync(query, Sample, idempotencyKey: "import-retry-1");

        var retry = await ImportAsync(query, Sample, idempotencyKey: "import-retry-1");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var (created, firstReport) = await ReadAnswerAsync(first);
        var (replayed, replayedReport) = await ReadAnswerAsync(retry);
        Assert.That(replayed.Id, Is.EqualTo(created.Id));
        Assert.That(replayedReport.ToJsonString(), Is.EqualTo(firstReport.ToJsonString()));
        Assert.That(replayed.Version, Is.EqualTo(created.Version));
        Assert.That(retry.Headers.Location, Is.EqualTo(first.Headers.Location));
        Assert.That(await PostingCountAsync(), Is.EqualTo(before + 1));
    }

    const string GermanPosting = """
        Senior Backend Engineer (m/w/d)
        Wir bauen die Zahlungsplattform für 4.000 Händler in Europa.
        📍 Standort: München oder remote (Deutschland)
        70.000–90.000 € brutto/Jahr
        **1. Deine Aufgaben:**
        - APIs entwerfen und betreiben
        - PostgreSQL im Griff behalten
        ## Was du mitbringst
        - Fünf Jahre Erfahrung mit C# oder Go
        Wünschenswert
        - Erfahrung mit Kafka
        WAS WIR BIETEN
        - 30 Tage Urlaub
        UNSER TEAM
        Jetzt bewerben
        """;

    const string GermanQuery = "lang=de&country=DE&department=Engineering&workplace=hybrid&employment=full_time";

    [Test]
    public async Task Without_a_title_parameter_the_title_line_is_the_title_and_names_the_slug()
    {
        var (posting, report) = await ImportedWithReportAsync(GermanQuery, GermanPosting);

        var translation = posting.Translations.Single();
        Assert.That(translation.Title, Is.EqualTo("Senior Backend Engineer (m/w/d)"));
        Assert.That(translation.Slug, Is.EqualTo("senior-backend-engineer-m-w-d"));
        Assert.That(translation.Summary, Is.EqualTo("Wir bauen die Zahlungsplattform für 4.000 Händler in Europa."));
        Assert.That((string?)report["title"]!["line"], Is.EqualTo("Senior Backend Engineer (m/w/d)"));
        Assert.That((string?)report["title"]!["reason"], Does.Not.Contain("query"));
    }

    [Test]
    public async Task The_title_parameter_wins_over_the_title_line_which_stays_out_of_the_text()
    {
        var (posting, report) = await ImportedWithReportAsync($"{GermanQuery}&title=Backend-Entwicklerin%20(m/w/d)", GermanPosting);

        var translation = posting.Translations.Single();
        Assert.That(translation.Title, Is.EqualTo("Backend-Entwicklerin (m/w/d)"));
        Assert.That(translation.Slug, Is.EqualTo("backend-entwicklerin-m-w-d"));
        Assert.That(translation.Sections.SelectMany(s => s.Paragraphs.Concat(s.Items)), Has.None.Contains("Senior Backend Engineer"));
        Assert.That((string?)report["title"]!["reason"], Does.EndWith("not used: the query's title wins"));
    }

    [Test]
    public async Task The_report_gives_each_heading_its_kind_and_why_the_pay_the_locations_and_the_dropped_lines()
    {
        var (posting, report) = await ImportedWithReportAsync($"{GermanQuery}&slug=import-report", GermanPosting);

        Assert.That(report["headings"]!.AsArray().Select(h => ((string?)h!["line"], (string?)h["heading"], (string?)h["kind"])), Is.EqualTo(new[]
        {
            ((string?)"**1. Deine Aufgaben:**", (string?)"Deine Aufgaben", (string?)"responsibilities"),
            ("## Was du mitbringst", "Was du mitbringst", "requirements"),
            ("Wünschenswert", "Wünschenswert", "nice_to_have"),
            ("WAS WIR BIETEN", "WAS WIR BIETEN", "benefits"),
        }));
        Assert.That((string?)report["headings"]![1]!["reason"], Is.EqualTo("matched \"requirements\" family (de: \"was du mitbringst\")"));
        var pay = report["pay"]!;
        Assert.That(((decimal?)pay["min"], (decimal?)pay["max"], (string?)pay["currency"], (string?)pay["period"], (bool?)pay["gross"]),
            Is.EqualTo(((decimal?)70000m, (decimal?)90000m, (string?)"EUR", (string?)"year", (bool?)true)));
        Assert.That((string?)pay["line"], Is.EqualTo("70.000–90.000 € brutto/Jahr"));
        Assert.That(report["locations"]!.AsArray().Select(l => ((string?)l!["city"], (string?)l["country"])), Is.EqualTo(new[] { ((string?)"München", (string?)"DE") }));
        Assert.That(report["dropped"]!.AsArray().Select(d => ((string?)d!["line"], (string?)d["reason"])), Is.EqualTo(new[]
        {
            ((string?)"UNSER TEAM", (string?)"heading with nothing under it (custom)"), ("Jetzt bewerben", "page chrome"),
        }));
        var text = string.Join('\n', posting.Translations.Single().Sections.SelectMany(s => s.Paragraphs.Concat(s.Items)));
        Assert.That(text, Does.Not.Contain("brutto").And.Not.Contain("Standort"));
    }

    [Test]
    public async Task Without_a_title_parameter_or_a_title_line_it_is_a_400_naming_title_only_and_nothing_is_created()
    {
        var before = await PostingCountAsync();

        var rsp = await ImportAsync(GermanQuery, FrenchText);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await rsp.ReadProblemAsync())["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.EqualTo(new[] { "title" }));
        Assert.That(errors["title"]!.ToJsonString(), Does.Contain("title line"));
        Assert.That(await PostingCountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_text_that_is_only_a_title_line_is_a_400_naming_content()
    {
        var rsp = await ImportAsync(GermanQuery, "Senior Backend Engineer (m/w/d)");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await rsp.ReadProblemAsync())["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "content" }));
    }

    [Test]
    public async Task The_text_pay_and_cities_go_into_the_draft_after_the_city_parameters()
    {
        var (posting, _) = await ImportedWithReportAsync($"{GermanQuery}&slug=import-wired&city=Berlin", GermanPosting);

        Assert.That(posting.Locations.Select(l => (l.City, l.Country)), Is.EqualTo(new[] { ("Berlin", "DE"), ("München", "DE") }));
        Assert.That(posting.Pay, Is.Not.Null);
        Assert.That((posting.Pay!.Min, posting.Pay.Max, posting.Pay.Currency, posting.Pay.Period, posting.Pay.Gross),
            Is.EqualTo((70000m, 90000m, "EUR", PayPeriod.Year, true)));
    }

    [Test]
    public async Task The_note_after_a_pay_label_is_the_pay_note_of_the_language_version()
    {
        var (posting, report) = await ImportedWithReportAsync($"{SampleQuery}&slug=import-pay-note",
            "Platform Engineer\nWe run the platform.\nSalary: €70,000 – €90,000 per year, plus annual bonus\nRequirements:\nGo");

        Assert.That(posting.Pay!.Min, Is.EqualTo(70000m));
        Assert.That(posting.Translations.Single().PayNote, Is.EqualTo("plus annual bonus"));
        Assert.That((string?)report["pay"]!["note"], Is.EqualTo("plus annual bonus"));
    }

    [Test]
    public async Task A_city_the_text_places_outside_the_import_countries_is_left_out_and_the_report_says_how_to_keep_it()
    {
        var (posting, report) = await ImportedWithReportAsync($"{GermanQuery}&slug=import-paris",
            "Backend Engineer\nLocation: Berlin, Germany; Paris, France\nWe build payments.");

        Assert.That(posting.Locations.Select(l => l.City), Is.EqualTo(new[] { "Berlin" }));
        var paris = report["locations"]!.AsArray().Single(l => (string?)l!["city"] == "Paris")!;
        Assert.That((string?)paris["country"], Is.EqualTo("FR"));
        Assert.That((string?)paris["reason"], Does.EndWith("left out of the draft (add country=FR to keep it)"));
    }

    [Test]
    public async Task A_pay_line_that_breaks_the_pay_rules_is_left_out_of_the_draft_and_the_report_says_why()
    {
        var (posting, report) = await ImportedWithReportAsync($"{GermanQuery}&slug=import-odd-pay",
            "Backend Engineer\nWe build payments.\nGehalt: 1.000 – 90.000 € brutto/Jahr");

        Assert.That(posting.Pay, Is.Null);
        Assert.That((decimal?)report["pay"]!["min"], Is.EqualTo(1000m));
        Assert.That((string?)report["pay"]!["reason"], Does.Contain("left out of the draft: ").And.Contain("10 times min"));
    }
}
