using System.ComponentModel.DataAnnotations;

namespace Careers.Api.Features.Sitemaps;

/// <summary>
/// The sitemaps' part of <c>Careers__Site__*</c>. <see cref="ApiBaseUrl"/> is the public setting;
/// the two limits are the protocol's and exist as settings only so tests can split with small ones.
/// </summary>
sealed class SitemapOptions : IValidatableObject
{
    public const string Section = "Careers:Site";
    public const string ApiBaseUrlSetting = "Careers__Site__ApiBaseUrl";

    /// <summary>
    /// Where clients reach this API, e.g. <c>https://api.example.com</c> (or the website's prefix
    /// when it proxies the API): the sitemap index lists its sitemaps by absolute URL. A setting,
    /// not the request's Host: the index is kept and shared by path, so a Host header sent by anyone
    /// must not decide the addresses every crawler is given.
    /// </summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>URLs per sitemap: the protocol's 50,000 (not documented: for tests).</summary>
    [Range(1, 50_000)]
    public int SitemapUrlLimit { get; set; } = 50_000;

    /// <summary>Uncompressed bytes per sitemap: the protocol's 50 MiB (not documented: for tests).</summary>
    [Range(4_096, 52_428_800)]
    public int SitemapMaxBytes { get; set; } = 52_428_800;

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (ApiBaseUrl is { Length: > 0 } url
            && !(Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp) && u.Query.Length == 0 && u.Fragment.Length == 0))
            yield return new ValidationResult($"{ApiBaseUrlSetting} must be an absolute http or https URL without query or fragment, e.g. https://api.example.com.", [nameof(ApiBaseUrl)]);
    }

    /// <summary>The absolute URL of a path of this API (<paramref name="path"/> starts with '/').</summary>
    public string Absolute(string path) => ApiBaseUrl!.TrimEnd('/') + path;
}
