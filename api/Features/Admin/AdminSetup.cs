using Careers.Api.Features.Admin.Postings;

namespace Careers.Api.Features.Admin;

static class AdminSetup
{
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddOptions<PublishingOptions>().BindConfiguration(PublishingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services
        .AddSingleton<PayRequirement>()
        .AddSingleton<PostingWriter>()
        .AddSingleton<PostingChanges>()
        .AddSingleton<Postings.Import.ImportCommand>();
    }
}
