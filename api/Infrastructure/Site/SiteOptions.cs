using System.ComponentModel.DataAnnotations;

namespace Careers.Api.Infrastructure.Site;

/// <summary>
/// <c>Careers__Site__*</c>: where the company's own pages live and who the employer is. The API serves
/// data, the website renders it: aggregators, search engines and sitemaps need the website's URL of
/// each posting version, which only this template knows. All optional: without them the features
/// that need them answer 400 naming the setting.
/// </summary>
sealed class SiteOptions
{
    public const string Section = "Careers:Site";

    /// <summary>The public page of a posting version, e.g. <c>https://careers.example.com/{lang}/jobs/{slug}</c>; placeholders {lang}, {slug}, {id}.</summary>
    [PostingUrlTemplate]
    public string? PostingUrl { get; set; }

    /// <summary>The employer's name (JSON-LD hiringOrganization, Indeed's company and publisher).</summary>
    [MaxLength(200)]
    public string? OrganizationName { get; set; }

    /// <summary>The employer's home page (JSON-LD sameAs, Indeed's publisherurl).</summary>
    [AbsoluteHttpUrl]
    public string? OrganizationUrl { get; set; }

    /// <summary>The employer's logo (JSON-LD hiringOrganization.logo).</summary>
    [AbsoluteHttpUrl]
    public string? LogoUrl { get; set; }
}

/// <summary>An absolute http(s) URL, or nothing.</summary>
sealed class AbsoluteHttpUrlAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is null || value is string s && IsHttpUrl(s);

    public override string FormatErrorMessage(string name) => $"{name} must be an absolute http or https URL.";

    internal static bool IsHttpUrl(string s) =>
        Uri.TryCreate(s, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp);
}

/// <summary>An absolute http(s) URL template that names the version: {slug} or {id}.</summary>
sealed class PostingUrlTemplateAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is null || value is string s
        && (s.Contains("{slug}") || s.Contains("{id}"))
        && AbsoluteHttpUrlAttribute.IsHttpUrl(SiteLinks.Fill(s, "xx", "slug", Guid.Empty));

    public override string FormatErrorMessage(string name) =>
        $"{name} must be an absolute http or https URL template with {{slug}} or {{id}} (and usually {{lang}}), e.g. https://careers.example.com/{{lang}}/jobs/{{slug}}.";
}
