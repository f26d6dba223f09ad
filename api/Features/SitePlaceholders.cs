using System.Text;
using System.Text.Encodings.Web;
using Careers.Contracts.Postings;
using Microsoft.Extensions.DependencyInjection.Extensions;

// PLACEHOLDERS until main's "Site:" commit (SiteOptions, SiteLinks, PostingRenderer) is merged into
// this branch: the same names and members, kept in this one file so the merge deletes it and nothing else.

namespace Careers.Api.Infrastructure.Site
{
    sealed class SiteOptions
    {
        public const string Section = "Careers:Site";
        public string? PostingUrl { get; set; }
        public string? OrganizationName { get; set; }
        public string? OrganizationUrl { get; set; }
        public string? LogoUrl { get; set; }
    }

    sealed class SiteLinks(Microsoft.Extensions.Options.IOptions<SiteOptions> options)
    {
        public SiteOptions Options { get; } = options.Value;
        public bool HasPostingUrl => !string.IsNullOrEmpty(Options.PostingUrl);

        public string? PostingUrl(string language, string slug, Guid id) =>
            HasPostingUrl ? Fill(Options.PostingUrl!, language, slug, id) : null;

        internal static string Fill(string template, string language, string slug, Guid id) => template
            .Replace("{lang}", language, StringComparison.Ordinal)
            .Replace("{slug}", slug, StringComparison.Ordinal)
            .Replace("{id}", id.ToString("D"), StringComparison.Ordinal);

        public static IResult MissingSetting(string setting) => TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "This API is not configured for this request.",
            detail: $"The setting {setting} is not configured on this deployment, and this answer needs it. Ask the operator to set it.",
            extensions: new Dictionary<string, object?> { ["setting"] = setting });

        public const string PostingUrlSetting = "Careers__Site__PostingUrl";
        public const string OrganizationNameSetting = "Careers__Site__OrganizationName";
        public const string OrganizationUrlSetting = "Careers__Site__OrganizationUrl";
    }

    static class SitePlaceholderSetup
    {
        public static IServiceCollection AddSitePlaceholders(this IServiceCollection services)
        {
            services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section);
            services.TryAddSingleton<SiteLinks>();
            services.TryAddSingleton<Careers.Api.Features.Postings.Rendering.PostingRenderer>();
            return services;
        }
    }
}

namespace Careers.Api.Features.Postings.Rendering
{
    sealed record RenderedPosting(string DescriptionHtml);

    /// <summary>Placeholder: text HTML-encoded into the lead's document shape (summary, then h2 / p / ul per section).</summary>
    sealed class PostingRenderer
    {
        public RenderedPosting Render(string summary, IReadOnlyList<RoleSection> sections)
        {
            var e = HtmlEncoder.Default;
            var html = new StringBuilder();
            if (summary.Length > 0) html.Append("<p>").Append(e.Encode(summary)).Append("</p>");
            foreach (var s in sections)
            {
                html.Append("<h2>").Append(e.Encode(s.Heading)).Append("</h2>");
                foreach (var p in s.Paragraphs) html.Append("<p>").Append(e.Encode(p)).Append("</p>");
                if (s.Items.Count > 0)
                {
                    html.Append("<ul>");
                    foreach (var i in s.Items) html.Append("<li>").Append(e.Encode(i)).Append("</li>");
                    html.Append("</ul>");
                }
            }
            return new RenderedPosting(html.ToString());
        }
    }
}
