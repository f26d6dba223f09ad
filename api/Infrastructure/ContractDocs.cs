namespace Careers.Api.Infrastructure;

static class ContractDocs
{
    /// <summary>Serves the hand-written contract as is, and Swagger UI over it at /docs.</summary>
    public static WebApplication MapContractDocs(this WebApplication app)
    {
        var yaml = ReadContract();
        app.MapMethods("/openapi.yaml", ["GET", "HEAD"], () => Results.Bytes(yaml, "application/yaml"))
           .WithMetadata(Caching.HttpCaching.Contract)
           .RequireCors(Cors.PublicPolicy);
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.DocumentTitle = "Careers API";
            o.SwaggerEndpoint("/openapi.yaml", "Careers API v1");
        });
        return app;
    }

    static byte[] ReadContract()
    {
        using var stream = typeof(ContractDocs).Assembly.GetManifestResourceStream("openapi.yaml")
            ?? throw new InvalidOperationException("openapi.yaml is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
