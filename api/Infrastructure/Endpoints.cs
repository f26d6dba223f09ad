using System.Text.Json;
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
        c.ConfigureRequestBodies();
        c.Endpoints.Configurator = ep =>
        {
            ep.PreProcessors(Order.Before, new TextInput.Parameters());
            // Every GET answers HEAD as well (RFC 9110 9.3.2): the same status and headers (ETag,
            // Content-Length, RateLimit), no body. An aggregator can ask "changed?" for a listing
            // without downloading it; HttpCaching computes or reuses the body and leaves it unsent.
            if (ep.Verbs.Contains(HttpMethods.Get)) ep.AdditionalVerbs(Http.HEAD);
            // Admin routes authenticate with an API key, and they alone: there is no default scheme,
            // so a public request carrying Authorization costs no key lookup.
            if (ep.Routes.Any(r => r.StartsWith("/v1/admin", StringComparison.Ordinal)))
                ep.AuthSchemes(Auth.ApiKeys.Scheme);
            // Public reads may be called from the company's websites; admin routes never are.
            else
                ep.Options(b => b.RequireCors(Cors.PublicPolicy));
        };
    }

    // A body that is JSON but not an object, or no JSON at all, is named after the document root,
    // "request". So is `null`: valid JSON, but no request, and a [FromBody] property left null
    // would reach the handler. A GET's body is not read at all: it has no meaning (RFC 9110), and
    // FastEndpoints would bind its fields as the query's, so `GET /v1/postings` with the body
    // {"lang":"fr"} answered (and the response cache kept, under the bare URL) the French list.
    static void ConfigureRequestBodies(this Config c)
    {
        c.Serializer.SerializerErrorsField = "request";
        // The contract says additionalProperties: false, and a misspelt field ("closeAt") silently
        // dropped is a write that did not do what its author meant: a field no schema has is a 400 naming it.
        c.Serializer.Options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
        c.Serializer.RequestDeserializer = async (request, type, context, ct) =>
            HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? null
            : await request.ReadFromJsonAsync(type, context?.Options ?? c.Serializer.Options, ct)
              ?? throw new JsonException("The body is null: send a JSON object.", "$", null, null);
    }
}
