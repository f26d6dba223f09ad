using Careers.Contracts;
using FastEndpoints;

namespace Careers.Api.Infrastructure;

static class Endpoints
{
    /// <summary>Results written through ASP.NET (TypedResults.Ok, Created) use the generated contract metadata too.</summary>
    public static IServiceCollection AddContractJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o => ContractsJsonContext.UseIn(o.SerializerOptions));

    public static void ConfigureCareers(this Config c)
    {
        // Request bodies and Send.OkAsync answers: contract types from the generated metadata.
        ContractsJsonContext.UseIn(c.Serializer.Options);
        TextInput.UseIn(c.Serializer.Options);
        c.ConfigureErrors();
        c.Endpoints.Configurator = ep =>
        {
            ep.PreProcessors(Order.Before, new TextInput.Parameters());
            // Public reads may be called from the company's websites; admin routes never are.
            if (!ep.Routes.Any(r => r.StartsWith("/v1/admin", StringComparison.Ordinal)))
                ep.Options(b => b.RequireCors(Cors.PublicPolicy));
        };
    }
}
