using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Careers.Contracts;
using Careers.Contracts.Changes;
using Careers.Contracts.Common;
using Careers.Contracts.Facets;
using Careers.Contracts.Postings;

namespace Careers.Client;

/// <summary>
/// The Careers API's public routes over one <see cref="HttpClient"/> (its BaseAddress the API's). Bodies are
/// the API's own contract types. Every call takes <c>ifNoneMatch</c> (an earlier answer's ETag: a
/// <c>304</c> comes back as <see cref="CareersResponse{T}.NotModified"/>), and every error answer is a
/// <see cref="CareersApiException"/> carrying the problem details. Register it with
/// <c>services.AddCareersClient(o => o.BaseAddress = …)</c>, or construct it over an HttpClient of your own.
/// </summary>
public sealed class CareersClient(HttpClient http)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(ContractsJsonContext.Default, ClientJsonContext.Default),
    };

    /// <summary>One page of visible postings (<c>GET /v1/postings</c>), newest first.</summary>
    /// <param name="query">Filters and page size; null: every visible version.</param>
    /// <param name="cursor">The previous page's <c>NextCursor</c>, with the same filters; null for the first page.</param>
    /// <param name="ifNoneMatch">The ETag of the copy held.</param>
    /// <param name="ct">Cancels the request.</param>
    [CareersRoute("GET", "/v1/postings")]
    public Task<CareersResponse<Page<PostingSummary>>> ListPostingsAsync(PostingQuery? query = null, string? cursor = null, string? ifNoneMatch = null, CancellationToken ct = default)
    {
        var q = new Query()
            .Add("lang", query?.Lang)
            .Add("country", query?.Countries)
            .Add("department", query?.Department)
            .Add("workplace", query?.Workplace?.Select(Wire))
            .Add("employment", query?.Employment?.Select(Wire))
            .Add("seniority", query?.Seniority?.Select(Wire))
            .Add("payMin", query?.PayMin?.ToString(CultureInfo.InvariantCulture))
            .Add("currency", query?.Currency)
            .Add("q", query?.Q)
            .Add("limit", query?.Limit)
            .Add("cursor", cursor);
        return GetJsonAsync<Page<PostingSummary>>("v1/postings" + q, ifNoneMatch, ct);
    }

    /// <summary>
    /// Every posting the query matches, page after page, in the API's order: follows each page's cursor
    /// until the last. Pages are fetched as the enumeration reaches them; cancelling stops between items.
    /// </summary>
    public async IAsyncEnumerable<PostingSummary> ListAllPostingsAsync(PostingQuery? query = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        string? cursor = null;
        do
        {
            var page = (await ListPostingsAsync(query, cursor, null, ct).ConfigureAwait(false)).Value!;
            foreach (var item in page.Items)
            {
                ct.ThrowIfCancellationRequested();
                yield return item;
            }
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    /// <summary>One posting in one language (<c>GET /v1/postings/{idOrSlug}</c>). A posting that was public and left is a 410 (<see cref="CareersApiException"/> with <c>reason</c> and <c>closedAt</c> in its extensions).</summary>
    /// <param name="idOrSlug">The posting's id or the slug of one of its language versions.</param>
    /// <param name="lang">The language version; null: the slug's, or the posting's original.</param>
    /// <param name="format">How the text comes; null: Markdown.</param>
    /// <param name="ifNoneMatch">The ETag of the copy held.</param>
    /// <param name="ct">Cancels the request.</param>
    [CareersRoute("GET", "/v1/postings/{idOrSlug}")]
    public Task<CareersResponse<Posting>> GetPostingAsync(string idOrSlug, string? lang = null, TextFormat? format = null, string? ifNoneMatch = null, CancellationToken ct = default) =>
        GetJsonAsync<Posting>($"v1/postings/{Segment(idOrSlug)}" + new Query().Add("lang", lang).Add("format", format?.ToString().ToLowerInvariant()), ifNoneMatch, ct);

    /// <summary>The posting as schema.org JobPosting (<c>GET /v1/postings/{idOrSlug}/jobposting</c>): JSON-LD text, to embed as is in <c>&lt;script type="application/ld+json"&gt;</c>.</summary>
    /// <param name="idOrSlug">The posting's id or a slug.</param>
    /// <param name="lang">The language version.</param>
    /// <param name="ifNoneMatch">The ETag of the copy held.</param>
    /// <param name="ct">Cancels the request.</param>
    [CareersRoute("GET", "/v1/postings/{idOrSlug}/jobposting")]
    public Task<CareersResponse<string>> GetJobPostingJsonLdAsync(string idOrSlug, string? lang = null, string? ifNoneMatch = null, CancellationToken ct = default) =>
        GetTextAsync($"v1/postings/{Segment(idOrSlug)}/jobposting" + new Query().Add("lang", lang), ifNoneMatch, ct);

    /// <summary>One page of the change stream (<c>GET /v1/changes</c>), oldest first. Keep <c>NextCursor</c> (always present) and poll with it; an old cursor is a 410: start again without one.</summary>
    /// <param name="cursor">The previous page's <c>NextCursor</c>; null to start with the current public set.</param>
    /// <param name="lang">Only this language.</param>
    /// <param name="limit">Most changes in the page, 1–1000 (the API's default: 100).</param>
    /// <param name="ifNoneMatch">The ETag of the last page: an empty poll is a 304.</param>
    /// <param name="ct">Cancels the request.</param>
    [CareersRoute("GET", "/v1/changes")]
    public Task<CareersResponse<ChangePage>> ListChangesAsync(string? cursor = null, string? lang = null, int? limit = null, string? ifNoneMatch = null, CancellationToken ct = default) =>
        GetJsonAsync<ChangePage>("v1/changes" + new Query().Add("cursor", cursor).Add("lang", lang).Add("limit", limit), ifNoneMatch, ct);

    /// <summary>
    /// The change stream from <paramref name="cursor"/> up to now, page by page: ends after the first page
    /// with fewer than <paramref name="limit"/> changes. Store each page's changes and then its
    /// <c>NextCursor</c>; poll again later from the last one.
    /// </summary>
    public async IAsyncEnumerable<ChangePage> ReadChangesAsync(string? cursor = null, string? lang = null, int limit = 100, [EnumeratorCancellation] CancellationToken ct = default)
    {
        while (true)
        {
            var page = (await ListChangesAsync(cursor, lang, limit, null, ct).ConfigureAwait(false)).Value!;
            yield return page;
            if (page.Items.Count < limit) yield break;
            cursor = page.NextCursor;
        }
    }

    /// <summary>Countries with postings visible in <paramref name="lang"/>, named in it (<c>GET /v1/countries</c>).</summary>
    [CareersRoute("GET", "/v1/countries")]
    public Task<CareersResponse<CountryFacet>> ListCountriesAsync(string lang, string? ifNoneMatch = null, CancellationToken ct = default) =>
        GetJsonAsync<CountryFacet>("v1/countries" + new Query().Add("lang", lang), ifNoneMatch, ct);

    /// <summary>A filter sidebar's counts for <paramref name="lang"/> (<c>GET /v1/facets</c>).</summary>
    [CareersRoute("GET", "/v1/facets")]
    public Task<CareersResponse<FacetCounts>> GetFacetsAsync(string lang, string? ifNoneMatch = null, CancellationToken ct = default) =>
        GetJsonAsync<FacetCounts>("v1/facets" + new Query().Add("lang", lang), ifNoneMatch, ct);

    /// <summary>Languages with visible postings, each named in itself (<c>GET /v1/languages</c>).</summary>
    [CareersRoute("GET", "/v1/languages")]
    public Task<CareersResponse<LanguageFacet>> ListLanguagesAsync(string? ifNoneMatch = null, CancellationToken ct = default) =>
        GetJsonAsync<LanguageFacet>("v1/languages", ifNoneMatch, ct);

    /// <summary>Departments with visible postings (<c>GET /v1/departments</c>), in one language or all.</summary>
    [CareersRoute("GET", "/v1/departments")]
    public Task<CareersResponse<DepartmentFacet>> ListDepartmentsAsync(string? lang = null, string? ifNoneMatch = null, CancellationToken ct = default) =>
        GetJsonAsync<DepartmentFacet>("v1/departments" + new Query().Add("lang", lang), ifNoneMatch, ct);

    /// <summary>
    /// Every visible version in full (<c>GET /v1/feeds/postings.json</c>), read whole into memory. For a
    /// large site, poll it with <paramref name="ifNoneMatch"/>: a 304 reads no posting on either side.
    /// </summary>
    [CareersRoute("GET", "/v1/feeds/postings.json")]
    public Task<CareersResponse<PostingFeed>> GetPostingsFeedAsync(string? lang = null, string? ifNoneMatch = null, CancellationToken ct = default) =>
        GetJsonAsync<PostingFeed>("v1/feeds/postings.json" + new Query().Add("lang", lang), ifNoneMatch, ct);

    /// <summary>The Indeed XML job feed (<c>GET /v1/feeds/indeed.xml</c>) as a stream, read as it arrives: dispose it when done.</summary>
    [CareersRoute("GET", "/v1/feeds/indeed.xml")]
    public Task<CareersResponse<Stream>> GetIndeedFeedAsync(string? lang = null, string? ifNoneMatch = null, CancellationToken ct = default) =>
        SendAsync("v1/feeds/indeed.xml" + new Query().Add("lang", lang), ifNoneMatch, (c, t) => c.ReadAsStreamAsync(t), keepOpen: true, ct);

    /// <summary>The sitemap index (<c>GET /v1/sitemap.xml</c>), XML text.</summary>
    [CareersRoute("GET", "/v1/sitemap.xml")]
    public Task<CareersResponse<string>> GetSitemapIndexAsync(string? ifNoneMatch = null, CancellationToken ct = default) =>
        GetTextAsync("v1/sitemap.xml", ifNoneMatch, ct);

    /// <summary>One page of a language's sitemap (<c>GET /v1/sitemaps/{lang}.xml</c>), XML text.</summary>
    [CareersRoute("GET", "/v1/sitemaps/{lang}.xml")]
    public Task<CareersResponse<string>> GetSitemapAsync(string lang, int? page = null, string? ifNoneMatch = null, CancellationToken ct = default) =>
        GetTextAsync($"v1/sitemaps/{Segment(lang)}.xml" + new Query().Add("page", page), ifNoneMatch, ct);

    /// <summary>The API's contract, openapi.yaml, as text (<c>GET /openapi.yaml</c>).</summary>
    [CareersRoute("GET", "/openapi.yaml")]
    public Task<CareersResponse<string>> GetOpenApiDocumentAsync(string? ifNoneMatch = null, CancellationToken ct = default) =>
        GetTextAsync("openapi.yaml", ifNoneMatch, ct);

    /// <summary>The liveness probe (<c>GET /health/live</c>).</summary>
    [CareersRoute("GET", "/health/live")]
    public async Task<HealthReport> GetLivenessAsync(CancellationToken ct = default) =>
        (await SendAsync("health/live", null, ReadJson<HealthReport>, keepOpen: false, ct).ConfigureAwait(false)).Value!;

    /// <summary>The readiness probe (<c>GET /health/ready</c>): a 503 (not ready) is answered as a report with status <c>Unhealthy</c>, not thrown.</summary>
    [CareersRoute("GET", "/health/ready")]
    public async Task<HealthReport> GetReadinessAsync(CancellationToken ct = default) =>
        (await SendAsync("health/ready", null, ReadJson<HealthReport>, keepOpen: false, ct, alsoRead: HttpStatusCode.ServiceUnavailable).ConfigureAwait(false)).Value!;

    Task<CareersResponse<T>> GetJsonAsync<T>(string uri, string? ifNoneMatch, CancellationToken ct) =>
        SendAsync(uri, ifNoneMatch, ReadJson<T>, keepOpen: false, ct);

    Task<CareersResponse<string>> GetTextAsync(string uri, string? ifNoneMatch, CancellationToken ct) =>
        SendAsync(uri, ifNoneMatch, (c, t) => c.ReadAsStringAsync(t), keepOpen: false, ct);

    static async Task<T> ReadJson<T>(HttpContent content, CancellationToken ct) =>
        (await content.ReadFromJsonAsync((JsonTypeInfo<T>)Json.GetTypeInfo(typeof(T)), ct).ConfigureAwait(false))!;

    async Task<CareersResponse<T>> SendAsync<T>(
        string uri, string? ifNoneMatch, Func<HttpContent, CancellationToken, Task<T>> read, bool keepOpen, CancellationToken ct, HttpStatusCode? alsoRead = null)
    {
        ct.ThrowIfCancellationRequested();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(uri, UriKind.Relative));
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        // Headers first: a streamed feed is read as it arrives, never buffered whole by HttpClient.
        var rsp = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        var handedOver = false;
        try
        {
            var etag = rsp.Headers.ETag?.ToString();
            var lastModified = rsp.Content.Headers.LastModified;
            if (rsp.StatusCode == HttpStatusCode.NotModified) return new(default, etag ?? ifNoneMatch, lastModified, NotModified: true);
            if (!rsp.IsSuccessStatusCode && rsp.StatusCode != alsoRead)
            {
                // A transport that answers a cancelled request (499) instead of throwing: the caller cancelled, nothing failed.
                ct.ThrowIfCancellationRequested();
                throw await CareersApiException.FromAsync(rsp, ct).ConfigureAwait(false);
            }
            var value = await read(rsp.Content, ct).ConfigureAwait(false);
            handedOver = keepOpen;
            return new(value, etag, lastModified, NotModified: false);
        }
        finally
        {
            // A stream handed to the caller owns the response: disposing the stream releases the connection.
            if (!handedOver) rsp.Dispose();
        }
    }

    static string Wire<T>(T value) => JsonSerializer.SerializeToElement(value, (JsonTypeInfo<T>)Json.GetTypeInfo(typeof(T))).GetString()!;

    static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary>A query string of the parameters given; several values of one parameter comma-separated, as the API takes them.</summary>
    sealed class Query
    {
        readonly StringBuilder _text = new();

        public Query Add(string name, string? value)
        {
            if (value is null) return this;
            _text.Append(_text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            return this;
        }

        public Query Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

        public Query Add(string name, IEnumerable<string>? values) =>
            values?.ToList() is { Count: > 0 } list ? Add(name, string.Join(',', list)) : this;

        public override string ToString() => _text.ToString();
    }
}
