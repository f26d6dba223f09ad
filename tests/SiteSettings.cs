using Microsoft.AspNetCore.Hosting;

namespace Careers.Tests;

/// <summary>The website and employer as a deployment configures them (Careers__Site__*), for fixtures whose routes need them.</summary>
public static class SiteSettings
{
    public const string PostingUrl = "https://careers.example.com/{lang}/jobs/{slug}";
    public const string ApiBaseUrl = "https://api.example.com";
    public const string OrganizationName = "Example GmbH";

    static readonly Dictionary<string, string> All = new()
    {
        ["Careers:Site:PostingUrl"] = PostingUrl,
        ["Careers:Site:OrganizationName"] = OrganizationName,
        ["Careers:Site:OrganizationUrl"] = "https://www.example.com",
        ["Careers:Site:LogoUrl"] = "https://www.example.com/logo.png",
        ["Careers:Site:ApiBaseUrl"] = ApiBaseUrl,
    };

    /// <param name="without">Settings left out, as a deployment that does not configure them (an empty value is a bad value, not an absent one).</param>
    public static void Apply(IWebHostBuilder builder, params string[] without)
    {
        foreach (var (key, value) in All.Where(s => !without.Contains(s.Key)))
            builder.UseSetting(key, value);
    }
}
