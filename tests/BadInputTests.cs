using System.Net;
using System.Text;
using Careers.Contracts.Common;
using Careers.Contracts.Postings;

namespace Careers.Tests;

/// <summary>What a client sees when it sends something the API does not take.</summary>
public sealed class BadInputTests : ApiFixture
{
    const string Languages = "one of cs, da, de, el, en, es, fi, fr, hu, it, ja, nb, nl, pl, pt, ro, sv, tr, uk, zh";
    const string CountryCodes = "ISO 3166-1 alpha-2";
    const string Limits = "between 1 and 100";

    protected override async Task ArrangeAsync() =>
        await Given.PostingAsync(languages: ["en", "fr"], slug: "backend-engineer", title: "Backend Engineer");

    static TestCaseData Case(string url, string parameter, string allowed, string? name = null) =>
        new TestCaseData(url, parameter, allowed).SetArgDisplayNames(name ?? url);

    static IEnumerable<TestCaseData> MalformedParameters()
    {
        foreach (var endpoint in new[] { "/v1/postings", "/v1/postings/backend-engineer", "/v1/departments", "/v1/countries" })
        {
            yield return Case($"{endpoint}?lang=english", "lang", Languages);
            yield return Case($"{endpoint}?lang=EN", "lang", Languages);
            yield return Case($"{endpoint}?lang=xx", "lang", Languages);
            yield return Case($"{endpoint}?lang=e", "lang", Languages);
            yield return Case($"{endpoint}?lang=%00", "lang", Languages);
        }
        yield return Case("/v1/postings?lang=", "lang", Languages);
        yield return Case("/v1/countries", "lang", "lang is required");
        yield return Case("/v1/countries?lang=", "lang", "lang is required");

        yield return Case("/v1/postings?country=Germany", "country", CountryCodes);
        yield return Case("/v1/postings?country=ZZ", "country", CountryCodes);
        yield return Case("/v1/postings?country=D", "country", CountryCodes);
        yield return Case("/v1/postings?country=DEU", "country", CountryCodes);
        yield return Case("/v1/postings?country=", "country", CountryCodes);
        yield return Case("/v1/postings?country=" + new string('D', 3000), "country", CountryCodes, "country of 3000 characters");

        yield return Case("/v1/postings?limit=0", "limit", Limits);
        yield return Case("/v1/postings?limit=-1", "limit", Limits);
        yield return Case("/v1/postings?limit=101", "limit", Limits);
        yield return Case("/v1/postings?limit=1000", "limit", Limits);
        // Not a number at all: binding fails before the range rule can run.
        yield return Case("/v1/postings?limit=abc", "limit", "whole number");
        yield return Case("/v1/postings?limit=1.5", "limit", "whole number");
        yield return Case("/v1/postings?limit=99999999999", "limit", "whole number");

        yield return Case("/v1/postings?lang=en&q=" + new string('a', 201), "q", "at most 200 characters", "q of 201 characters");
        yield return Case("/v1/postings?lang=en&q=a%00b", "q", "NUL");
        yield return Case("/v1/postings?q=backend", "lang", "q needs lang");

        yield return Case("/v1/postings?workplace=moon", "workplace", "remote, hybrid, onsite");
        yield return Case("/v1/postings?workplace=Remote", "workplace", "remote, hybrid, onsite");
        yield return Case("/v1/postings?employment=fulltime", "employment", "full_time, part_time, contract, internship, temporary");
        yield return Case("/v1/postings?employment=full-time", "employment", "full_time, part_time, contract, internship, temporary");
        yield return Case("/v1/postings?department=" + new string('d', 101), "department", "at most 100 characters", "department of 101 characters");
        yield return Case("/v1/postings?department=Data%00", "department", "NUL");
        yield return Case("/v1/postings?lang=en&q=a%01b", "q", "control character U+0001");
        yield return Case("/v1/postings?department=Data%1F", "department", "control character U+001F");
        yield return Case("/v1/postings/backend-engineer%07", "idOrSlug", "control character U+0007", "idOrSlug holding U+0007");
        yield return Case("/v1/countries?lang=en%1B", "lang", "control character U+001B");

        yield return Case("/v1/postings?cursor=abc", "cursor", "Start again without cursor");
    }

    [TestCaseSource(nameof(MalformedParameters))]
    public async Task A_malformed_parameter_is_a_400_problem_naming_it_and_saying_what_is_allowed(string url, string parameter, string allowed)
    {
        var rsp = await Http.GetAsync(url);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await rsp.ReadProblemAsync();
        Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo(400));
        var errors = problem["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.EqualTo(new[] { parameter }));
        Assert.That(errors[parameter]!.AsArray().Select(m => m!.GetValue<string>()), Has.Some.Contains(allowed));
    }

    [Test]
    public async Task Every_malformed_parameter_is_reported_at_once()
    {
        var rsp = await Http.GetAsync("/v1/postings?lang=xx&country=ZZ&limit=0&workplace=moon&employment=fulltime");

        var errors = (await rsp.ReadProblemAsync())["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.EquivalentTo(new[] { "lang", "country", "limit", "workplace", "employment" }));
    }

    [TestCase("/v1/nope")]
    [TestCase("/v2/postings")]
    [TestCase("/v1/postings/backend-engineer/apply")]
    [TestCase("/")]
    public async Task An_unknown_route_is_a_404_problem(string url)
    {
        var rsp = await Http.GetAsync(url);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var problem = await rsp.ReadProblemAsync();
        Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo(404));
    }

    [TestCase("POST", "/v1/postings")]
    [TestCase("PUT", "/v1/postings/backend-engineer")]
    [TestCase("DELETE", "/v1/postings/backend-engineer")]
    [TestCase("PATCH", "/v1/countries")]
    [TestCase("POST", "/v1/languages")]
    public async Task A_write_to_the_read_api_is_a_405_problem_allowing_get_and_head(string method, string url)
    {
        var rsp = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{}") });

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(rsp.Content.Headers.Allow, Is.EquivalentTo(new[] { "GET", "HEAD" }));
        var problem = await rsp.ReadProblemAsync();
        Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo(405));
    }

    static IEnumerable<TestCaseData> NastyInputs()
    {
        string[] urls =
        [
            "/v1/postings?lang=en&q=%27%20OR%201%3D1%20--",
            "/v1/postings?lang=en&q=%26%26%26!!",
            "/v1/postings?lang=en&q=a%3A*%20%7C%20!b",
            "/v1/postings?lang=en&q=%5C",
            "/v1/postings?lang=en&q=%22",
            "/v1/postings?lang=en&q=the",
            "/v1/postings?lang=en&q=-",
            "/v1/postings?lang=en&q=%00",
            "/v1/postings?lang=ja&q=%E6%97%A5%E6%9C%AC%E8%AA%9E",
            "/v1/postings?lang=el&q=%CE%BC%CE%B7%CF%87%CE%B1%CE%BD%CE%B9%CE%BA%CF%8C%CF%82",
            "/v1/postings?lang=en&q=%F0%9F%98%80%E2%80%8B%EF%BB%BF",
            "/v1/postings?lang=en&q=%ED%A0%80",
            "/v1/postings?lang=en&q=%FF%FE",
            "/v1/postings?department=Robert%27)%3B%20DROP%20TABLE%20postings%3B--",
            "/v1/postings?department=%00",
            "/v1/postings?department=%ED%A0%80",
            "/v1/postings?country=%00",
            "/v1/postings?country=%C3%9F",
            "/v1/postings?country=" + new string('D', 5000),
            "/v1/postings?workplace=%00",
            "/v1/postings?cursor=%00",
            "/v1/postings?cursor=" + new string('_', 5000),
            "/v1/postings?limit=%00",
            "/v1/postings?limit=99999999999999999999",
            "/v1/postings?lang=en&lang=fr",
            "/v1/postings?limit=1&limit=2",
            "/v1/postings/%20",
            "/v1/postings/%ED%A0%80",
            "/v1/postings/" + new string('a', 3000),
            "/v1/postings/backend-engineer?lang=%00",
            "/v1/countries?lang=%00",
            "/v1/countries?lang=en&lang=fr",
            "/v1/departments?lang=%00",
            "/v1/languages?lang=xx",
        ];
        return urls.Select(u => new TestCaseData(u).SetArgDisplayNames(u.Length > 80 ? u[..60] + $"… ({u.Length} characters)" : u));
    }

    [TestCaseSource(nameof(NastyInputs))]
    public async Task No_input_is_a_server_error(string url)
    {
        var rsp = await Http.GetAsync(url);

        Assert.That((int)rsp.StatusCode, Is.LessThan(500));
        Assert.That(rsp.Content.Headers.ContentType?.MediaType, Is.AnyOf("application/json", "application/problem+json"));
    }

    // FastEndpoints bound a GET's JSON body like its query: this answered the French list, and the
    // response cache kept it for the bare URL, so the next plain request got it too.
    [Test]
    public async Task A_GET_body_is_not_read_so_it_neither_filters_nor_poisons_the_cache()
    {
        var withBody = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/postings")
        {
            Content = new StringContent("""{"lang":"fr","limit":1}""", Encoding.UTF8, "application/json"),
        });
        var plain = await Http.GetAsync("/v1/postings");

        var languages = (await plain.ReadAsAsync<Page<PostingSummary>>("PostingPage")).Items.Select(i => i.Language);
        Assert.That(languages, Is.EquivalentTo(new[] { "en", "fr" }));
        Assert.That(await withBody.Content.ReadAsStringAsync(), Is.EqualTo(await plain.Content.ReadAsStringAsync()));
    }

    [Test]
    public async Task Sql_in_parameters_is_only_ever_data()
    {
        await Http.GetAsync("/v1/postings?department=x%27%3B%20DELETE%20FROM%20postings%3B--");
        await Http.GetAsync("/v1/postings?lang=en&q=x%27%3B%20DELETE%20FROM%20postings%3B--");
        await Http.GetAsync("/v1/postings/x%27%3B%20DELETE%20FROM%20postings%3B--");

        var rsp = await Http.GetAsync("/v1/postings/backend-engineer");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
