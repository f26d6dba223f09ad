using System.Net;
using Careers.Api.Infrastructure;
using Careers.Contracts.Common;
using Careers.Contracts.Postings;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Careers.Tests.Postings;

/// <summary>
/// Issue 11's filters of GET /v1/postings: several values per filter (any of them), seniority, and
/// payMin + currency against a year's pay of any of a posting's ranges.
/// </summary>
public sealed class ListFilterTests : ApiFixture
{
    readonly Dictionary<string, Guid> _ids = [];

    protected override async Task ArrangeAsync()
    {
        async Task Posting(string name, string[] countries, string workplace, string employment, string? seniority, PayRange[] pay,
            DateTimeOffset? publishedAt = null, DateTimeOffset? closesAt = null, string[]? languages = null)
        {
            var id = await Given.PostingAsync(languages: languages ?? ["en"], countries: countries, workplace: workplace, employment: employment,
                publishedAt: publishedAt, closesAt: closesAt);
            await Given.JobAdAsync(id, seniority, pay);
            _ids[name] = id;
        }

        // A year's pay: EUR 60,000–80,000, and in Poland PLN 20,000–25,000 a month (240,000–300,000 a year).
        await Posting("de-fr", ["DE", "FR"], "remote", "full_time", "senior",
            [new("EUR", 60_000, 80_000), new("PLN", 20_000, 25_000, "month", "PL")], languages: ["en", "fr"]);
        // EUR 40–50 an hour: 83,200–104,000 a year.
        await Posting("es", ["ES"], "hybrid", "contract", "lead", [new("EUR", 40, 50, "hour")]);
        await Posting("pl", ["PL"], "onsite", "full_time", null, [new("USD", 100_000, 120_000)]);
        await Posting("it", ["IT"], "remote", "part_time", "entry", []);
        // CHF 400–500 a day: 104,000–130,000 a year; GBP 1,000–1,200 a week: 52,000–62,400 a year.
        await Posting("ch", ["CH"], "onsite", "contract", "principal", [new("CHF", 400, 500, "day")]);
        await Posting("gb", ["GB"], "hybrid", "temporary", "mid", [new("GBP", 1_000, 1_200, "week")]);
        // Matching every filter below, but not visible: scheduled, expired.
        await Posting("scheduled", ["DE", "ES"], "remote", "full_time", "senior", [new("EUR", 900_000, 990_000)], publishedAt: Today.AddDays(1));
        await Posting("expired", ["DE", "ES"], "hybrid", "contract", "lead", [new("EUR", 900_000, 990_000)],
            publishedAt: Today.AddDays(-10), closesAt: Today.AddHours(-1));
        // The expiry job closes "expired" soon after the app starts, a write that ends every kept answer:
        // let it happen now, not between the two requests of a caching test.
        await App.Services.GetRequiredService<Careers.Api.Features.Postings.Expiry.ExpiryJob>().RunDueAsync(wait: true);
        await App.Services.GetRequiredService<Careers.Api.Infrastructure.Changes.PublicChanges>().RefreshAsync(CancellationToken.None);
    }

    async Task<string[]> NamesAsync(string query)
    {
        var rsp = await Http.GetAsync($"/v1/postings?lang=en&limit=100&{query}");
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rsp.Content.ReadAsStringAsync());
        var page = await rsp.ReadAsAsync<Page<PostingSummary>>("PostingPage");
        return [.. page.Items.Select(i => _ids.Single(x => x.Value == i.Id).Key).Order(StringComparer.Ordinal)];
    }

    [TestCase("country=DE", "de-fr")]
    [TestCase("country=DE,ES", "de-fr es")]
    [TestCase("country=DE&country=", "de-fr")] // an empty repeat adds nothing (ASP.NET joins repeats skipping empty ones)
    [TestCase("country=DE&country=ES", "de-fr es")]
    [TestCase("country=es,de&country=DE", "de-fr es")]
    [TestCase("country=FR,DE", "de-fr")]
    [TestCase("country=PL,IT,CH", "ch it pl")]
    [TestCase("country=JP,US", "")]
    [TestCase("workplace=remote", "de-fr it")]
    [TestCase("workplace=remote,hybrid", "de-fr es gb it")]
    [TestCase("workplace=hybrid&workplace=onsite", "ch es gb pl")]
    [TestCase("employment=full_time,contract", "ch de-fr es pl")]
    [TestCase("employment=temporary&employment=part_time", "gb it")]
    [TestCase("seniority=senior", "de-fr")]
    [TestCase("seniority=senior,lead", "de-fr es")]
    [TestCase("seniority=internship,entry,mid,senior,lead,principal,executive", "ch de-fr es gb it")]
    [TestCase("country=DE,ES,PL&workplace=hybrid,onsite", "es pl")]
    [TestCase("country=DE,ES,PL,CH&employment=contract&seniority=lead,principal", "ch es")]
    public async Task A_multi_value_filter_keeps_postings_matching_any_of_its_values(string query, string expected)
    {
        var names = await NamesAsync(query);

        Assert.That(names, Is.EqualTo(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries)), query);
    }

    [Test]
    public async Task A_posting_without_seniority_matches_no_seniority_value()
    {
        var names = await NamesAsync("seniority=internship,entry,mid,senior,lead,principal,executive");

        Assert.That(names, Does.Not.Contain("pl"));
        Assert.That(await NamesAsync(""), Does.Contain("pl"));
    }

    // Inclusive bounds at each period's conversion: hour × 2080, day × 260, week × 52, month × 12, year × 1.
    [TestCase("payMin=80000&currency=EUR", "de-fr es")]
    [TestCase("payMin=80000.01&currency=EUR", "es")]
    [TestCase("payMin=104000&currency=EUR", "es")]
    [TestCase("payMin=104000.01&currency=EUR", "")]
    [TestCase("payMin=1&currency=EUR", "de-fr es")]
    [TestCase("payMin=300000&currency=PLN", "de-fr")]
    [TestCase("payMin=300000.01&currency=PLN", "")]
    [TestCase("payMin=130000&currency=CHF", "ch")]
    [TestCase("payMin=130001&currency=CHF", "")]
    [TestCase("payMin=62400&currency=GBP", "gb")]
    [TestCase("payMin=62400.5&currency=GBP", "")]
    [TestCase("payMin=120000&currency=USD", "pl")]
    [TestCase("payMin=120000.00&currency=usd", "pl")]
    [TestCase("payMin=50000&currency=JPY", "")]
    [TestCase("payMin=50000&currency=EUR&country=ES,IT", "es")]
    [TestCase("payMin=50000&currency=EUR&seniority=senior", "de-fr")]
    public async Task PayMin_keeps_postings_whose_range_in_that_currency_reaches_it_as_a_year_s_pay(string query, string expected)
    {
        var names = await NamesAsync(query);

        Assert.That(names, Is.EqualTo(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries)), query);
    }

    [TestCase("country=DE,ES")]
    [TestCase("workplace=remote,hybrid")]
    [TestCase("employment=full_time,contract")]
    [TestCase("seniority=senior,lead")]
    [TestCase("payMin=1&currency=EUR")]
    public async Task Scheduled_and_expired_postings_match_no_filter(string query)
    {
        var names = await NamesAsync(query);

        Assert.That(names, Is.Not.Empty);
        Assert.That(names, Has.None.AnyOf("scheduled", "expired"));
    }

    [Test]
    public async Task A_language_filter_still_applies_to_every_value()
    {
        var rsp = await Http.GetAsync("/v1/postings?lang=fr&country=DE,ES,PL");

        var page = await rsp.ReadAsAsync<Page<PostingSummary>>("PostingPage");
        Assert.That(page.Items.Select(i => (i.Id, i.Language)), Is.EqualTo(new[] { (_ids["de-fr"], "fr") }));
    }

    [Test]
    public async Task The_same_sets_in_another_order_case_or_form_share_cursors()
    {
        var first = await Pages.GetAsync(Http, "lang=en&limit=1&country=DE,ES,PL&workplace=remote,hybrid,onsite");

        var reordered = await Pages.GetAsync(Http, "workplace=onsite&workplace=remote,hybrid,remote&country=pl,es&country=DE&limit=1&lang=en", first.NextCursor);
        var other = await Http.GetAsync($"/v1/postings?lang=en&limit=1&country=DE,ES&workplace=remote,hybrid,onsite&cursor={Uri.EscapeDataString(first.NextCursor!)}");

        Assert.That(first.NextCursor, Is.Not.Null);
        Assert.That(reordered.Items.Select(i => i.Id), Is.Not.Empty.And.Not.Contains(first.Items[0].Id));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a cursor belongs to its sets of values");
        Assert.That((await other.ReadProblemAsync())["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "cursor" }));
    }

    [Test]
    public async Task Pages_of_a_multi_value_filter_follow_one_another_without_gaps_or_repeats()
    {
        var all = await NamesAsync("country=DE,ES,PL,IT,CH,GB");

        var pages = await Pages.WalkAsync(Http, "lang=en&limit=2&country=GB,CH,IT,PL,ES,DE");

        Assert.That(pages, Has.Count.EqualTo(3));
        Assert.That(pages.SelectMany(p => p.Items).Select(i => _ids.Single(x => x.Value == i.Id).Key).Order(StringComparer.Ordinal), Is.EqualTo(all));
    }

    [Test]
    public async Task A_cursor_issued_before_multi_value_filters_still_pages_the_same_list()
    {
        // As the list signed its filters before issue 11: lang, country, department, workplace, employment, q.
        var key = await Given.ScalarAsync<byte[]>("SELECT value FROM app_secrets WHERE name = 'cursor_signing_key'");
        var all = await Pages.GetAsync(Http, "lang=en&country=DE&workplace=remote&limit=10");
        var first = all.Items[0];
        var old = Cursor.Encode(new Position(first.PublishedAt.UtcDateTime, first.Id, first.Language),
            string.Join('\u001f', "en", "DE", null, "remote", null, null), key);

        var rsp = await Http.GetAsync($"/v1/postings?lang=en&country=de&workplace=remote&cursor={Uri.EscapeDataString(old)}");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rsp.Content.ReadAsStringAsync());
        var page = await rsp.ReadAsAsync<Page<PostingSummary>>("PostingPage");
        Assert.That(page.Items.Select(i => i.Id), Is.EqualTo(all.Items.Skip(1).Select(i => i.Id)));
    }

    [Test]
    public async Task The_same_sets_in_another_order_case_or_form_share_one_cached_answer()
    {
        var first = await Http.GetAsync("/v1/postings?lang=en&country=DE,ES&seniority=senior,lead&payMin=50000.00&currency=eur");

        var same = await Http.GetAsync("/v1/postings?currency=EUR&payMin=50000&seniority=lead&seniority=senior,lead&country=es,de&lang=en");
        var other = await Http.GetAsync("/v1/postings?lang=en&country=DE,ES&seniority=senior&payMin=50000&currency=EUR");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Header(first, "Cache-Status"), Does.Contain("fwd=miss"));
        Assert.That(same.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Header(same, "Cache-Status"), Does.Contain("hit"), "the same sets: the answer kept for the first URL");
        Assert.That(same.Headers.ETag, Is.EqualTo(first.Headers.ETag));
        Assert.That(await same.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
        Assert.That(Header(other, "Cache-Status"), Does.Contain("fwd=miss"), "other sets: an answer of their own");
        Assert.That(other.Headers.ETag, Is.Not.EqualTo(first.Headers.ETag));
    }

    [Test]
    public async Task A_refused_value_is_never_answered_from_the_kept_answer_of_a_valid_one()
    {
        var valid = await Http.GetAsync("/v1/postings?lang=en&country=DE&workplace=remote");

        var withEmpty = await Http.GetAsync("/v1/postings?lang=en&country=DE,&workplace=remote");
        var withBadCase = await Http.GetAsync("/v1/postings?lang=en&country=DE&workplace=REMOTE");

        Assert.That(valid.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(withEmpty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(withBadCase.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    static string Header(HttpResponseMessage rsp, string name) =>
        rsp.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";

    static TestCaseData Refused(string query, string parameter, string says) =>
        new TestCaseData(query, parameter, says).SetArgDisplayNames(query.Length > 60 ? query[..60] + "…" : query);

    static IEnumerable<TestCaseData> RefusedFilters()
    {
        yield return Refused("country=DE,ZZ", "country", "'ZZ' is not a country code: use ISO 3166-1 alpha-2");
        yield return Refused("country=XX,DE&country=YY", "country", "'XX', 'YY' are not country codes");
        yield return Refused("country=DE,,FR", "country", "'' (an empty value) is not a country code");
        yield return Refused("country=DE,%20FR", "country", "' FR' is not");
        yield return Refused("country=" + string.Join(',', Countries.Take(51)), "country", "at most 50 codes, not 51");
        yield return Refused("country=" + string.Join(',', Enumerable.Range(0, 7).Select(i => $"Q{i}")), "country", "and 2 more are not");
        yield return Refused("workplace=remote,moon", "workplace", "'moon' is not a workplace type: use one of remote, hybrid, onsite");
        yield return Refused("workplace=remote&workplace=Remote", "workplace", "'Remote' is not");
        yield return Refused("workplace=remote,", "workplace", "'' (an empty value)");
        yield return Refused("employment=full_time,full-time", "employment", "use one of full_time, part_time, contract, internship, temporary");
        yield return Refused("seniority=junior", "seniority", "'junior' is not a seniority: use one of internship, entry, mid, senior, lead, principal, executive");
        yield return Refused("seniority=", "seniority", "'' (an empty value)");
        yield return Refused("seniority=senior%00", "seniority", "NUL");
        yield return Refused("payMin=60000", "currency", "payMin needs currency");
        yield return Refused("currency=EUR", "payMin", "currency needs payMin");
        yield return Refused("payMin=abc&currency=EUR", "payMin", "digits with at most one decimal point");
        yield return Refused("payMin=-5&currency=EUR", "payMin", "digits with at most one decimal point");
        yield return Refused("payMin=%2B5&currency=EUR", "payMin", "digits with at most one decimal point");
        yield return Refused("payMin=1e5&currency=EUR", "payMin", "digits with at most one decimal point");
        yield return Refused("payMin=1,000&currency=EUR", "payMin", "digits with at most one decimal point");
        yield return Refused("payMin=60000&payMin=70000&currency=EUR", "payMin", "digits with at most one decimal point");
        yield return Refused("payMin=&currency=EUR", "payMin", "digits with at most one decimal point");
        yield return Refused("payMin=" + new string('9', 60) + "&currency=EUR", "payMin", "digits with at most one decimal point");
        yield return Refused("payMin=0&currency=EUR", "payMin", "greater than 0");
        yield return Refused("payMin=0.00&currency=EUR", "payMin", "greater than 0");
        yield return Refused("payMin=10.125&currency=EUR", "payMin", "at most 2 decimal places");
        yield return Refused("payMin=1000000000000.01&currency=EUR", "payMin", "at most 1000000000000");
        yield return Refused("payMin=60000&currency=XYZ", "currency", "'XYZ' is not an ISO 4217 currency code");
        yield return Refused("payMin=60000&currency=EURO", "currency", "ISO 4217");
        yield return Refused("payMin=60000&currency=", "currency", "ISO 4217");
        yield return Refused("payMin=60000&currency=EUR&currency=USD", "currency", "ISO 4217");
    }

    static readonly string[] Countries =
    [
        "AD", "AE", "AF", "AG", "AL", "AM", "AO", "AR", "AT", "AU", "AZ", "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ",
        "BN", "BO", "BR", "BS", "BT", "BW", "BY", "BZ", "CA", "CD", "CF", "CG", "CH", "CI", "CL", "CM", "CN", "CO", "CR", "CU",
        "CV", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "ER", "ES", "ET", "FI", "FJ", "FR", "GA", "GB",
    ];

    [TestCaseSource(nameof(RefusedFilters))]
    public async Task A_refused_filter_is_a_400_problem_naming_it_and_saying_what_is_allowed(string query, string parameter, string says)
    {
        var rsp = await Http.GetAsync($"/v1/postings?{query}");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await rsp.ReadProblemAsync())["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.EqualTo(new[] { parameter }));
        Assert.That(errors[parameter]!.AsArray().Select(m => m!.GetValue<string>()), Has.Some.Contains(says));
    }

    [Test]
    public async Task Fifty_countries_are_taken_and_repeats_count_once()
    {
        var fifty = string.Join(',', Countries.Take(50));

        var rsp = await Http.GetAsync($"/v1/postings?country={fifty}&country={fifty}&country=de");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rsp.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Every_refused_filter_is_reported_at_once()
    {
        var rsp = await Http.GetAsync("/v1/postings?country=ZZ&workplace=moon&employment=x&seniority=junior&payMin=-1&currency=XYZ");

        var errors = (await rsp.ReadProblemAsync())["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.EquivalentTo(new[] { "country", "workplace", "employment", "seniority", "payMin", "currency" }));
    }

    [Test]
    public async Task Values_are_only_ever_data()
    {
        await Http.GetAsync("/v1/postings?country=DE,x%27%3B%20DELETE%20FROM%20postings%3B--");
        await Http.GetAsync("/v1/postings?payMin=1&currency=x%27%3B%20DELETE%20FROM%20posting_pay%3B--");

        await using var conn = await Db.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM posting_pay"), Is.EqualTo(8));
        Assert.That(await NamesAsync(""), Has.Length.EqualTo(6));
    }
}
