using System.IO.Compression;
using System.Net;
using Careers.Contracts.Admin;
using Careers.Tests.Admin;
using Microsoft.AspNetCore.Hosting;

namespace Careers.Tests.Caching;

/// <summary>
/// HTTP caching of the public GETs as a client or a shared cache sees it: strong ETags and 304,
/// Last-Modified and If-Modified-Since, Cache-Control per kind of answer, Vary, Brotli and gzip.
/// Admin answers and errors are never kept as public.
/// </summary>
public sealed class HttpCachingTests : AdminFixture
{
    const string Detail = "caching-detail"; // a posting whose answer is over 1 KiB
    const string Edited = "caching-edited"; // the posting the Last-Modified tests change
    const string DetailUrl = "/v1/postings/" + Detail + "?lang=en";
    const string EditedUrl = "/v1/postings/" + Edited + "?lang=en";
    const string ListsAndFacets = "public, max-age=15, stale-while-revalidate=30, stale-if-error=600";
    const string Posting = "public, max-age=60, stale-while-revalidate=30, stale-if-error=600";

    static readonly string[] PublicGets =
    [
        "/v1/postings", "/v1/postings?lang=fr", DetailUrl, "/v1/postings/" + Detail + "?lang=de",
        "/v1/countries?lang=en", "/v1/languages", "/v1/departments", "/v1/departments?lang=fr", "/openapi.yaml",
    ];

    Guid _editedId;
    int _edits;

    protected override async Task ArrangeAdminAsync()
    {
        await Given.PostingAsync(languages: ["en", "fr", "de"], countries: ["DE", "FR"], slug: Detail,
            summary: string.Concat(Enumerable.Repeat("Build and run the systems behind our careers pages. ", 30)));
        _editedId = await Given.PostingAsync(countries: ["ES"], slug: Edited);
        await Given.PostingAsync(countries: ["IT"]);
        await Given.PostingAsync(countries: ["PL"], department: "Sales");
        await Given.PostingAsync(countries: ["SE"], department: "Design");
    }

    [TestCaseSource(nameof(PublicGets))]
    public async Task Every_public_GET_has_a_strong_ETag_that_stays_while_the_content_does(string url)
    {
        var first = await GetAsync(url);
        var second = await GetAsync(url);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ETag(first), Does.Match("^\"[^\"]+\"$"), "quoted, not W/");
        Assert.That(ETag(second), Is.EqualTo(ETag(first)));
    }

    [TestCaseSource(nameof(PublicGets))]
    public async Task If_None_Match_with_the_ETag_is_a_304_without_body_with_the_same_ETag_and_caching_headers(string url)
    {
        var ok = await GetAsync(url);

        var rsp = await GetAsync(url, ifNoneMatch: ETag(ok));

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(await rsp.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(ETag(rsp), Is.EqualTo(ETag(ok)));
        Assert.That(Header(rsp, "Cache-Control"), Is.Not.Null.And.EqualTo(Header(ok, "Cache-Control")));
        Assert.That(Header(rsp, "Vary"), Is.EqualTo(Header(ok, "Vary")));
    }

    [TestCaseSource(nameof(PublicGets))]
    public async Task If_None_Match_with_another_ETag_is_a_200_with_the_body(string url)
    {
        var ok = await GetAsync(url);

        var rsp = await GetAsync(url, ifNoneMatch: "\"0123456789abcdef\"");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await rsp.Content.ReadAsByteArrayAsync(), Is.EqualTo(await ok.Content.ReadAsByteArrayAsync()));
        Assert.That(ETag(rsp), Is.EqualTo(ETag(ok)));
    }

    [TestCaseSource(nameof(PublicGets))]
    public async Task If_None_Match_star_is_a_304(string url)
    {
        var rsp = await GetAsync(url, ifNoneMatch: "*");

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(await rsp.Content.ReadAsByteArrayAsync(), Is.Empty);
    }

    [Test]
    public async Task If_None_Match_is_a_304_when_any_listed_tag_matches_even_weakly()
    {
        var tag = ETag(await GetAsync("/v1/postings"));

        var listed = await GetAsync("/v1/postings", ifNoneMatch: $"\"other\", {tag}, \"another\"");
        var weak = await GetAsync("/v1/postings", ifNoneMatch: $"W/{tag}");
        var none = await GetAsync("/v1/postings", ifNoneMatch: "\"other\", \"another\"");

        Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(weak.StatusCode, Is.EqualTo(HttpStatusCode.NotModified), "If-None-Match compares weakly (RFC 9110, 13.1.2)");
        Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Publishing_changes_the_ETag_of_the_list_and_of_each_facet_and_their_old_ETags_get_a_200()
    {
        string[] urls = ["/v1/postings?lang=en", "/v1/countries?lang=en", "/v1/languages", "/v1/departments", "/v1/departments?lang=en"];
        var draft = await CreateAsync(NewPosting("caching-publish", countries: ["NO"]));
        var before = new List<string?>();
        foreach (var url in urls) before.Add(ETag(await GetAsync(url)));

        var published = await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{draft.Id}/publish");

        Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (Assert.EnterMultipleScope())
        {
            for (var i = 0; i < urls.Length; i++)
            {
                var rsp = await GetAsync(urls[i], ifNoneMatch: before[i]);
                Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), urls[i]);
                Assert.That(ETag(rsp), Is.Not.EqualTo(before[i]), urls[i]);
            }
        }
        Assert.That(await (await GetAsync("/v1/countries?lang=en")).Content.ReadAsStringAsync(), Does.Contain("\"NO\""));
    }

    [Test]
    public async Task Changing_a_posting_changes_its_ETag_and_the_old_ETag_gets_a_200()
    {
        var before = ETag(await GetAsync(EditedUrl));

        await EditAsync();
        var rsp = await GetAsync(EditedUrl, ifNoneMatch: before);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ETag(rsp), Is.Not.EqualTo(before));
        Assert.That(await rsp.Content.ReadAsStringAsync(), Does.Contain($"Edited Engineer {_edits}"));
    }

    [TestCase("/v1/postings", ListsAndFacets)]
    [TestCase("/v1/postings?lang=en&limit=2", ListsAndFacets)]
    [TestCase("/v1/countries?lang=en", ListsAndFacets)]
    [TestCase("/v1/languages", ListsAndFacets)]
    [TestCase("/v1/departments", ListsAndFacets)]
    [TestCase(DetailUrl, Posting)]
    [TestCase("/openapi.yaml", "public, max-age=300")]
    public async Task Cache_Control_is_public_with_the_lifetime_of_the_kind_of_answer(string url, string expected)
    {
        var rsp = await GetAsync(url);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Header(rsp, "Cache-Control"), Is.EqualTo(expected));
    }

    [Test]
    public async Task A_posting_is_kept_longer_than_lists_and_facets()
    {
        var posting = MaxAge(await GetAsync(DetailUrl));

        var others = new List<int>();
        foreach (var url in new[] { "/v1/postings", "/v1/countries?lang=en", "/v1/languages", "/v1/departments" })
            others.Add(MaxAge(await GetAsync(url)));

        Assert.That(others, Has.All.InRange(1, posting - 1));
    }

    [Test]
    public async Task Lifetimes_come_from_configuration()
    {
        await using var app = App.WithWebHostBuilder(b => b
            .UseSetting("Careers:HttpCache:ListMaxAgeSeconds", "5")
            .UseSetting("Careers:HttpCache:FacetMaxAgeSeconds", "7")
            .UseSetting("Careers:HttpCache:PostingMaxAgeSeconds", "120")
            .UseSetting("Careers:HttpCache:StaleWhileRevalidateSeconds", "10"));
        using var http = app.CreateClient();

        var list = await http.GetAsync("/v1/postings");
        var countries = await http.GetAsync("/v1/countries?lang=en");
        var languages = await http.GetAsync("/v1/languages");
        var posting = await http.GetAsync(DetailUrl);

        Assert.That(Header(list, "Cache-Control"), Is.EqualTo("public, max-age=5, stale-while-revalidate=10, stale-if-error=600"));
        Assert.That(Header(countries, "Cache-Control"), Is.EqualTo("public, max-age=7, stale-while-revalidate=10, stale-if-error=600"));
        Assert.That(Header(languages, "Cache-Control"), Is.EqualTo("public, max-age=7, stale-while-revalidate=10, stale-if-error=600"));
        Assert.That(Header(posting, "Cache-Control"), Is.EqualTo("public, max-age=120, stale-while-revalidate=10, stale-if-error=600"));
    }

    [TestCaseSource(nameof(PublicGets))]
    public async Task Every_public_GET_varies_by_Accept_Encoding_and_Origin_even_when_not_modified(string url)
    {
        var ok = await GetAsync(url);
        var notModified = await GetAsync(url, ifNoneMatch: "*");

        // Origin: the CORS headers differ by it, and a shared cache must not hand an answer
        // fetched without Origin (so without Access-Control-Allow-Origin) to a browser.
        Assert.That(Vary(ok), Is.SupersetOf(new[] { "accept-encoding", "origin" }));
        Assert.That(Vary(notModified), Is.SupersetOf(new[] { "accept-encoding", "origin" }));
    }

    [Test]
    public async Task Admin_answers_are_no_store_and_never_304()
    {
        var created = await CreateAsync(NewPosting("caching-admin"));

        var list = await AdminGetAsync("/v1/admin/postings", ifNoneMatch: "*");
        var one = await AdminGetAsync($"/v1/admin/postings/{created.Id}", ifNoneMatch: "\"1\"");
        var missing = await AdminGetAsync($"/v1/admin/postings/{Guid.NewGuid()}");
        var anonymous = await GetAsync("/v1/admin/postings");
        var published = await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{created.Id}/publish");

        Assert.That(new[] { list.StatusCode, one.StatusCode, missing.StatusCode, anonymous.StatusCode, published.StatusCode },
            Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized, HttpStatusCode.OK }));
        Assert.That(new[] { list, one, missing, anonymous, published }.Select(r => Header(r, "Cache-Control")), Has.All.EqualTo("no-store"));
        Assert.That(Vary(list), Does.Not.Contain("accept-encoding"));
    }

    [TestCase("/v1/postings?limit=0", 400)]
    [TestCase("/v1/postings?lang=xx", 400)]
    [TestCase("/v1/postings?cursor=not-a-cursor", 400)]
    [TestCase("/v1/postings/no-such-posting?lang=en", 404)]
    [TestCase("/v1/postings/" + Detail + "?lang=ja", 404)]
    [TestCase("/v1/postings/" + Detail + "?lang=xx", 400)]
    [TestCase("/v1/countries", 400)]
    [TestCase("/v1/countries?lang=xx", 400)]
    [TestCase("/v1/departments?lang=xx", 400)]
    public async Task Errors_are_no_cache_without_validators_and_never_304(string url, int status)
    {
        var rsp = await GetAsync(url);
        var conditional = await GetAsync(url, ifNoneMatch: "*");

        Assert.That((int)rsp.StatusCode, Is.EqualTo(status));
        await rsp.ReadProblemAsync();
        Assert.That(Header(rsp, "Cache-Control"), Is.EqualTo("no-cache"));
        Assert.That(ETag(rsp), Is.Null);
        Assert.That(rsp.Content.Headers.LastModified, Is.Null);
        Assert.That((int)conditional.StatusCode, Is.EqualTo(status));
        Assert.That(Header(conditional, "Cache-Control"), Is.EqualTo("no-cache"));
    }

    [TestCase("/v1/postings")]
    [TestCase("/v1/postings?lang=en&department=Engineering")]
    [TestCase(EditedUrl)]
    public async Task Last_Modified_is_withheld_in_the_second_of_the_newest_change_and_sent_once_it_is_over(string url)
    {
        var changed = await EditAsync();

        var sameSecond = await GetAsync(url);
        Clock.Now = WholeSecond(changed).AddSeconds(1);
        var nextSecond = await GetAsync(url);

        Assert.That(sameSecond.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(sameSecond.Content.Headers.LastModified, Is.Null, "a second change within that second would not move it");
        Assert.That(nextSecond.Content.Headers.LastModified, Is.EqualTo(WholeSecond(changed)));
    }

    [TestCase("/v1/postings")]
    [TestCase(EditedUrl)]
    public async Task If_Modified_Since_the_Last_Modified_is_a_304_and_an_earlier_date_a_200(string url)
    {
        var changed = await EditAsync();
        Clock.Now = WholeSecond(changed).AddSeconds(1);
        var ok = await GetAsync(url);
        var lastModified = ok.Content.Headers.LastModified!.Value;

        var same = await GetAsync(url, ifModifiedSince: lastModified);
        var earlier = await GetAsync(url, ifModifiedSince: lastModified.AddSeconds(-1));

        Assert.That(same.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(await same.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(ETag(same), Is.EqualTo(ETag(ok)));
        Assert.That(Header(same, "Cache-Control"), Is.EqualTo(Header(ok, "Cache-Control")));
        Assert.That(earlier.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await earlier.Content.ReadAsByteArrayAsync(), Is.EqualTo(await ok.Content.ReadAsByteArrayAsync()));
    }

    [TestCase("/v1/postings")]
    [TestCase(EditedUrl)]
    public async Task After_a_change_the_previous_Last_Modified_gets_a_200_with_the_new_one(string url)
    {
        var first = await EditAsync();
        Clock.Now = WholeSecond(first).AddSeconds(1);
        var before = (await GetAsync(url)).Content.Headers.LastModified!.Value;

        var second = await EditAsync();
        Clock.Now = WholeSecond(second).AddSeconds(1);
        var rsp = await GetAsync(url, ifModifiedSince: before);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(rsp.Content.Headers.LastModified, Is.EqualTo(WholeSecond(second)).And.GreaterThan(before));
    }

    [TestCase("/v1/postings")]
    [TestCase(EditedUrl)]
    public async Task If_None_Match_decides_when_sent_with_If_Modified_Since(string url)
    {
        var changed = await EditAsync();
        Clock.Now = WholeSecond(changed).AddSeconds(1);
        var ok = await GetAsync(url);

        var staleTag = await GetAsync(url, ifNoneMatch: "\"stale\"", ifModifiedSince: ok.Content.Headers.LastModified);
        var currentTag = await GetAsync(url, ifNoneMatch: ETag(ok), ifModifiedSince: ok.Content.Headers.LastModified!.Value.AddDays(-1));

        Assert.That(staleTag.StatusCode, Is.EqualTo(HttpStatusCode.OK), "If-Modified-Since is ignored when If-None-Match is sent (RFC 9110, 13.1.3)");
        Assert.That(currentTag.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [TestCase("/v1/postings", "br")]
    [TestCase("/v1/postings", "gzip")]
    [TestCase(DetailUrl, "br")]
    [TestCase(DetailUrl, "gzip")]
    [TestCase("/openapi.yaml", "br")]
    [TestCase("/openapi.yaml", "gzip")]
    public async Task A_body_over_1_KiB_is_compressed_under_its_own_ETag_and_decompresses_to_the_identity_body(string url, string encoding)
    {
        var identity = await GetAsync(url);
        var identityBody = await identity.Content.ReadAsByteArrayAsync();

        var encoded = await GetAsync(url, acceptEncoding: encoding);
        var encodedBody = await encoded.Content.ReadAsByteArrayAsync();

        Assert.That(identityBody, Has.Length.GreaterThan(1024));
        Assert.That(identity.Content.Headers.ContentEncoding, Is.Empty);
        Assert.That(encoded.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(encoded.Content.Headers.ContentEncoding, Is.EqualTo(new[] { encoding }));
        Assert.That(ETag(encoded), Is.EqualTo($"{ETag(identity)![..^1]}-{encoding}\""));
        Assert.That(encoded.Content.Headers.ContentType, Is.EqualTo(identity.Content.Headers.ContentType));
        Assert.That(encoded.Content.Headers.ContentLength, Is.EqualTo(encodedBody.Length));
        Assert.That(encodedBody, Has.Length.LessThan(identityBody.Length));
        Assert.That(Decompress(encodedBody, encoding), Is.EqualTo(identityBody));
    }

    [TestCase("gzip, deflate, br", "br")]
    [TestCase("GZIP", "gzip")]
    [TestCase("br;q=0, gzip", "gzip")]
    [TestCase("gzip;q=0, br;q=0", null)]
    [TestCase("deflate", null)]
    [TestCase("identity", null)]
    public async Task The_encoding_is_Brotli_else_gzip_among_those_the_client_accepts(string acceptEncoding, string? expected)
    {
        var rsp = await GetAsync("/v1/postings", acceptEncoding: acceptEncoding);

        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(rsp.Content.Headers.ContentEncoding.ToArray(), Is.EqualTo(expected is null ? Array.Empty<string>() : new[] { expected }));
    }

    [TestCase("br", null)]
    [TestCase(null, "br")]
    [TestCase("gzip", "br")]
    [TestCase("br", "gzip")]
    public async Task The_ETag_of_any_encoding_validates_every_encoding_of_the_same_body(string? held, string? asked)
    {
        var copy = await GetAsync(DetailUrl, acceptEncoding: held);
        var expected = await GetAsync(DetailUrl, acceptEncoding: asked);

        var rsp = await GetAsync(DetailUrl, ifNoneMatch: ETag(copy), acceptEncoding: asked);

        Assert.That(ETag(copy), Is.Not.EqualTo(ETag(expected)), "the two encodings carry different tags");
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(ETag(rsp), Is.EqualTo(ETag(expected)), "a 304 carries the tag a 200 to this request would");
    }

    [TestCase("/v1/countries?lang=de")]
    [TestCase("/v1/languages")]
    [TestCase("/v1/departments?lang=de")]
    public async Task A_body_of_1_KiB_or_less_is_sent_as_is_whatever_the_client_accepts(string url)
    {
        var identity = await GetAsync(url);

        var rsp = await GetAsync(url, acceptEncoding: "br, gzip");

        Assert.That(await rsp.Content.ReadAsByteArrayAsync(), Has.Length.LessThanOrEqualTo(1024).And.EqualTo(await identity.Content.ReadAsByteArrayAsync()));
        Assert.That(rsp.Content.Headers.ContentEncoding, Is.Empty);
        Assert.That(ETag(rsp), Is.EqualTo(ETag(identity)));
    }

    /// <summary>
    /// Changes the edited posting through the admin API, half a second into a second of the app's
    /// clock, and returns that moment. The app's clock stamps the posting (updated_at) and the audit
    /// trail; the database's own clock stamps its language versions. Kept ahead of the database's
    /// clock, the app's stamp is the newest one, the one Last-Modified reports.
    /// </summary>
    async Task<DateTimeOffset> EditAsync()
    {
        var ahead = (Clock.Now > DateTimeOffset.UtcNow ? Clock.Now : DateTimeOffset.UtcNow).AddMinutes(1);
        Clock.Now = WholeSecond(ahead).AddMilliseconds(500);
        var rsp = await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{_editedId}/translations/en",
            body: new TranslationInput(Edited, $"Edited Engineer {++_edits}", "Edited for caching tests.", []));
        Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rsp.Content.ReadAsStringAsync());
        return Clock.Now;
    }

    Task<HttpResponseMessage> GetAsync(string url, string? ifNoneMatch = null, DateTimeOffset? ifModifiedSince = null, string? acceptEncoding = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        if (ifModifiedSince is { } since) request.Headers.IfModifiedSince = since;
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return Http.SendAsync(request);
    }

    Task<HttpResponseMessage> AdminGetAsync(string url, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return Admin.SendAsync(request);
    }

    /// <summary>A header as sent, from the response or its content; null when absent.</summary>
    static string? Header(HttpResponseMessage rsp, string name) =>
        rsp.Headers.NonValidated.TryGetValues(name, out var values) || rsp.Content.Headers.NonValidated.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    static string? ETag(HttpResponseMessage rsp) => Header(rsp, "ETag");

    static string[] Vary(HttpResponseMessage rsp) =>
        [.. (Header(rsp, "Vary") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => v.ToLowerInvariant())];

    static int MaxAge(HttpResponseMessage rsp) => (int)(rsp.Headers.CacheControl?.MaxAge?.TotalSeconds ?? 0);

    static DateTimeOffset WholeSecond(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds());

    static byte[] Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }
}
