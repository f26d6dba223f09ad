using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Careers.Api.Features.Postings;
using Careers.Api.Infrastructure;
using Careers.Api.Infrastructure.Caching;
using Careers.Api.Infrastructure.Changes;
using Careers.Api.Infrastructure.Site;
using Careers.Api.Localization;
using Dapper;
using FastEndpoints;
using FluentValidation;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Careers.Api.Features.Sitemaps.Language;

sealed class Request
{
    public string Lang { get; init; } = "";
    public int? Page { get; init; }
}

sealed class Validator : Validator<Request>
{
    public Validator()
    {
        RuleFor(r => r.Lang).SupportedLanguage();
        RuleFor(r => r.Page).GreaterThanOrEqualTo(1).WithMessage("page is a whole number from 1, as the sitemap index lists it.");
    }
}

/// <summary>
/// One language's sitemap (a page of it): every visible version's page URL with its lastmod and
/// hreflang alternates (each visible version of the posting, itself included, and x-default: the
/// original version). Streamed from an unbuffered query through XmlWriter, so up to 50 MiB never
/// sits in memory; for the same reason it is not kept as a public answer. Its ETag is derived, not
/// hashed from the body: the public generation and the next scheduled change fix what every public
/// answer says (as the kept answers rely on), so a revalidation costs two small queries and no rows.
/// </summary>
sealed class Endpoint(ReadDatabase read, SiteLinks site, IOptions<SitemapOptions> options, IOptions<HttpCacheOptions> http,
    PublicChanges changes, IScheduledChanges scheduled, TimeProvider clock) : Endpoint<Request>
{
    // listing_by_language in reverse: (published_at, posting_id) ascending within the language, so
    // a page's rows are a range of the index and new postings land on the last page.
    internal const string Sql = $"""
        SELECT t.posting_id AS id, t.slug, greatest(p.updated_at, t.updated_at) AS updated_at, v.languages, v.slugs
        FROM {Visibility.Translations}
        JOIN postings p ON p.id = t.posting_id
        CROSS JOIN LATERAL (
            SELECT array_agg(o.language ORDER BY o.created_at, o.language) AS languages,
                   array_agg(o.slug ORDER BY o.created_at, o.language) AS slugs
            FROM posting_translations o
            WHERE o.posting_id = t.posting_id) v
        WHERE {Visibility.PublishedNow} AND {Visibility.InLanguage}
        ORDER BY t.published_at, t.posting_id
        LIMIT @Take OFFSET @Skip
        """;

    public override void Configure()
    {
        Get("/v1/sitemaps/{lang}.xml");
        AllowAnonymous();
    }

    public override async Task HandleAsync(Request r, CancellationToken ct)
    {
        var o = options.Value;
        if (Sitemap.MissingSetting(site, o, needsApiBaseUrl: false) is { } missing)
        {
            await Send.ResultAsync(missing);
            return;
        }
        var page = r.Page ?? 1;
        // Read before the data: the answer is at least as new as the generation its ETag names.
        var generation = changes.Current;
        var now = clock.GetUtcNow();
        var next = await scheduled.NextAsync(now, ct);
        var languages = await Sitemap.VisibleLanguagesAsync(read, now, ct);
        var count = languages.FirstOrDefault(l => l.Code == r.Lang)?.Count ?? 0;
        var perPage = SitemapPaging.UrlsPerPage(o, site.Options.PostingUrl!, languages.Count);
        if (count == 0 || page > SitemapPaging.Pages(count, perPage))
        {
            await Send.ResultAsync(Sitemap.NoSitemap(count == 0
                ? $"No posting is visible in '{r.Lang}': it has no sitemap."
                : $"The sitemap of '{r.Lang}' has {SitemapPaging.Pages(count, perPage)} page(s); the sitemap index lists them."));
            return;
        }

        var response = HttpContext.Response;
        response.Headers.Vary = "Accept-Encoding, Origin";
        // Only a generation a read has confirmed lately vouches for the content (as for kept answers).
        if (changes.IsCurrent(generation))
        {
            var etag = ETag(generation, next, r.Lang, page, perPage);
            var encoding = Accepts("br") ? "br" : Accepts("gzip") ? "gzip" : null;
            response.Headers.ETag = encoding is null ? etag : $"{etag[..^1]}-{encoding}\"";
            response.Headers.CacheControl = $"public, max-age={http.Value.ListMaxAgeSeconds}, stale-while-revalidate={http.Value.StaleWhileRevalidateSeconds}";
            if (Matches(etag))
            {
                await Send.ResultAsync(TypedResults.StatusCode(StatusCodes.Status304NotModified));
                return;
            }
            await StreamAsync(r.Lang, page, perPage, encoding, ct);
        }
        else
        {
            response.Headers.CacheControl = "no-cache";
            await StreamAsync(r.Lang, page, perPage, Accepts("br") ? "br" : Accepts("gzip") ? "gzip" : null, ct);
        }
    }

    async Task StreamAsync(string language, int page, int perPage, string? encoding, CancellationToken ct)
    {
        var response = HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = Sitemap.ContentType;
        if (encoding is not null) response.Headers.ContentEncoding = encoding;
        var template = site.Options.PostingUrl!;

        await using var conn = await read.Source.OpenConnectionAsync(ct);
        var rows = conn.QueryUnbufferedAsync<Row>(Sql,
            new { Now = clock.GetUtcNow(), Lang = language, Take = perPage, Skip = (long)(page - 1) * perPage });

        // The writer leaves the body open (CloseOutput is false); a compressor is ended to write its last block.
        await using var compressed = encoding switch
        {
            "br" => new BrotliStream(response.Body, CompressionLevel.Fastest, leaveOpen: true),
            "gzip" => new GZipStream(response.Body, CompressionLevel.Fastest, leaveOpen: true),
            _ => (Stream?)null,
        };
        var body = compressed ?? response.Body;
        await using (var w = XmlWriter.Create(body, Sitemap.WriterSettings(async: true)))
        {
            await w.WriteStartDocumentAsync();
            await w.WriteStartElementAsync(null, "urlset", Sitemap.Namespace);
            await w.WriteAttributeStringAsync("xmlns", "xhtml", null, Sitemap.XhtmlNamespace);
            await foreach (var row in rows.WithCancellation(ct))
            {
                await w.WriteStartElementAsync(null, "url", Sitemap.Namespace);
                await w.WriteElementStringAsync(null, "loc", Sitemap.Namespace, SiteLinks.Fill(template, language, row.Slug, row.Id));
                await w.WriteElementStringAsync(null, "lastmod", Sitemap.Namespace, Sitemap.W3cDateTime(row.UpdatedAt));
                for (var i = 0; i < row.Languages.Length; i++)
                    await WriteAlternateAsync(w, row.Languages[i], SiteLinks.Fill(template, row.Languages[i], row.Slugs[i], row.Id));
                // The original version (the first written) for users whose language has none.
                await WriteAlternateAsync(w, "x-default", SiteLinks.Fill(template, row.Languages[0], row.Slugs[0], row.Id));
                await w.WriteEndElementAsync();
            }
            await w.WriteEndElementAsync();
            await w.WriteEndDocumentAsync();
        }
    }

    static async Task WriteAlternateAsync(XmlWriter w, string hreflang, string href)
    {
        await w.WriteStartElementAsync("xhtml", "link", Sitemap.XhtmlNamespace);
        await w.WriteAttributeStringAsync(null, "rel", null, "alternate");
        await w.WriteAttributeStringAsync(null, "hreflang", null, hreflang);
        await w.WriteAttributeStringAsync(null, "href", null, href);
        await w.WriteEndElementAsync();
    }

    // Everything the body depends on besides the rows: what changes the rows (the generation, the
    // next scheduled change) and what shapes them (the template, the paging, the address).
    string ETag(long generation, DateTimeOffset? next, string language, int page, int perPage)
    {
        var what = string.Join('\n', "sitemap-v1", generation.ToString(CultureInfo.InvariantCulture),
            next?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "-", language, page.ToString(CultureInfo.InvariantCulture),
            perPage.ToString(CultureInfo.InvariantCulture), site.Options.PostingUrl);
        return $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(what)).AsSpan(0, 16))}\"";
    }

    // Any encoding's tag of this body matches, as for kept answers; so does *.
    bool Matches(string etag)
    {
        var header = HttpContext.Request.Headers.IfNoneMatch;
        if (header.Count == 0 || !EntityTagHeaderValue.TryParseList(header, out var tags)) return false;
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || WithoutEncoding(t.Tag.Value) == etag);
    }

    static string? WithoutEncoding(string? tag) =>
        tag is null ? null
        : tag.EndsWith("-br\"", StringComparison.Ordinal) ? tag[..^4] + "\""
        : tag.EndsWith("-gzip\"", StringComparison.Ordinal) ? tag[..^6] + "\""
        : tag;

    // q=0 refuses a coding (RFC 9110, 12.5.3).
    bool Accepts(string coding) =>
        HttpContext.Request.GetTypedHeaders().AcceptEncoding.Any(a =>
            a.Value.Equals(coding, StringComparison.OrdinalIgnoreCase) && (a.Quality ?? 1) > 0);

    sealed record Row
    {
        public Guid Id { get; init; }
        public string Slug { get; init; } = "";
        public DateTime UpdatedAt { get; init; }
        public string[] Languages { get; init; } = [];
        public string[] Slugs { get; init; } = [];
    }
}
