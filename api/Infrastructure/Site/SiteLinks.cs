using Microsoft.Extensions.Options;

namespace Careers.Api.Infrastructure.Site;

/// <summary>The website's addresses of posting versions, and the answer when a feature needs one that is not configured.</summary>
sealed class SiteLinks(IOptions<SiteOptions> options)
{
    public SiteOptions Options { get; } = options.Value;

    public bool HasPostingUrl => !string.IsNullOrEmpty(Options.PostingUrl);

    /// <summary>The public page of one language version; null without the template.</summary>
    public string? PostingUrl(string language, string slug, Guid id) =>
        HasPostingUrl ? Fill(Options.PostingUrl!, language, slug, id) : null;

    // Slugs are [a-z0-9-], languages [a-z]{2} and ids hex: nothing to escape, the template is trusted configuration.
    internal static string Fill(string template, string language, string slug, Guid id) => template
        .Replace("{lang}", language, StringComparison.Ordinal)
        .Replace("{slug}", slug, StringComparison.Ordinal)
        .Replace("{id}", id.ToString("D"), StringComparison.Ordinal);

    /// <summary>
    /// 400 problem+json naming the missing setting: the request is fine, but this deployment has not
    /// said what the answer needs (a client can tell the operator exactly what to set).
    /// </summary>
    public static IResult MissingSetting(string setting) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "This API is not configured for this request.",
        detail: $"The setting {setting} is not configured on this deployment, and this answer needs it. Ask the operator to set it.",
        extensions: new Dictionary<string, object?> { ["setting"] = setting });

    /// <summary>The settings' names in the environment-variable form operators write.</summary>
    public const string PostingUrlSetting = "Careers__Site__PostingUrl";
    public const string OrganizationNameSetting = "Careers__Site__OrganizationName";
    public const string OrganizationUrlSetting = "Careers__Site__OrganizationUrl";
}

static class SiteSetup
{
    public static IServiceCollection AddSite(this IServiceCollection services)
    {
        services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddSingleton<SiteLinks>();
    }
}
