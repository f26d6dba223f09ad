using FastEndpoints;

namespace Careers.Api.Infrastructure;

static class Endpoints
{
    public static void ConfigureCareers(this Config c)
    {
        c.ConfigureErrors();
        // Public reads may be called from the company's websites; admin routes never are.
        c.Endpoints.Configurator = ep =>
        {
            if (!ep.Routes.Any(r => r.StartsWith("/v1/admin", StringComparison.Ordinal)))
                ep.Options(b => b.RequireCors(Cors.PublicPolicy));
        };
    }
}
