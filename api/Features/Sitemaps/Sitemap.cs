using System.Globalization;
using System.Text;
using System.Xml;
using Careers.Api.Infrastructure;
using Careers.Api.Infrastructure.Site;
using Dapper;

namespace Careers.Api.Features.Sitemaps;

/// <summary>What the sitemap index and the sitemaps share: the protocol's names, the writer's settings, the languages read.</summary>
static class Sitemap
{
    public const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";
    public const string ContentType = "application/xml; charset=utf-8";

    public static XmlWriterSettings WriterSettings(bool async) => new()
    {
        Async = async,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        // Every text written is checked: a character XML cannot carry is an error, not a broken file.
        CheckCharacters = true,
    };

    /// <summary>A W3C datetime (the protocol's lastmod), in UTC to the second.</summary>
    public static string W3cDateTime(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The address of a language's sitemap: page 1 has no query, so its URL stays the same as pages are added.</summary>
    public static string PathOf(string language, int page) =>
        page == 1 ? $"/v1/sitemaps/{language}.xml" : $"/v1/sitemaps/{language}.xml?page={page.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Visible versions per language, the languages list's own count (one rule, one query).</summary>
    public static async Task<IReadOnlyList<LanguageCount>> VisibleLanguagesAsync(ReadDatabase read, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await read.Source.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<LanguageCount>(new CommandDefinition(Languages.List.Endpoint.Sql, new { Now = now }, cancellationToken: ct))];
    }

    /// <summary>The settings a sitemap needs, or the 400 naming the first one missing.</summary>
    public static IResult? MissingSetting(SiteLinks site, SitemapOptions options, bool needsApiBaseUrl) =>
        !site.HasPostingUrl ? SiteLinks.MissingSetting(SiteLinks.PostingUrlSetting)
        : needsApiBaseUrl && string.IsNullOrEmpty(options.ApiBaseUrl) ? SiteLinks.MissingSetting(SitemapOptions.ApiBaseUrlSetting)
        : null;

    public static IResult NoSitemap(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: detail);
}

sealed record LanguageCount(string Code, int Count);
