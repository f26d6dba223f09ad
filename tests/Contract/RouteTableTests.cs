using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using YamlDotNet.Serialization;

namespace Careers.Tests.Contract;

/// <summary>openapi.yaml is the source of truth: the app serves exactly its operations.</summary>
public sealed class RouteTableTests : ApiFixture
{
    // FastEndpoints maps this for its test helpers (GetTestUrlFor); it is no part of the API.
    const string FastEndpointsTestUrlCache = "/_test_url_cache_";

    [Test]
    public void The_app_serves_exactly_the_operations_of_the_contract()
    {
        var documented = OpenApiContract.Operations;

        // HEAD is not an operation of its own: the contract's description promises it for every GET (RFC 9110).
        var served = AppOperations().Where(o => !o.StartsWith("HEAD ", StringComparison.Ordinal)).ToHashSet();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(served.Except(documented).Order(StringComparer.Ordinal), Is.Empty, "routes the app serves that openapi.yaml does not document");
            Assert.That(documented.Except(served).Order(StringComparer.Ordinal), Is.Empty, "operations openapi.yaml documents that the app does not serve");
        }
    }

    [Test]
    public void Every_GET_route_answers_HEAD_and_nothing_else_does()
    {
        var served = AppOperations();
        var gets = served.Where(o => o.StartsWith("GET ", StringComparison.Ordinal)).Select(o => o[4..]).ToHashSet();
        var heads = served.Where(o => o.StartsWith("HEAD ", StringComparison.Ordinal)).Select(o => o[5..]).ToHashSet();

        Assert.That(gets, Is.Not.Empty);
        Assert.That(heads, Is.EquivalentTo(gets));
    }

    [Test]
    public void Every_reference_in_the_contract_resolves()
    {
        var document = ReadContract();

        var refs = Descendants(document).OfType<JsonObject>()
            .Select(o => o["$ref"]?.GetValue<string>()).OfType<string>().Distinct().ToList();

        Assert.That(refs, Is.Not.Empty);
        Assert.That(refs.Where(r => Resolve(document, r) is null), Is.Empty, "$refs that point nowhere");
    }

    [Test]
    public void Every_response_body_names_a_schema_of_the_contract()
    {
        var document = ReadContract();
        var schemas = document["components"]!["schemas"]!.AsObject();

        var bodies = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(op => op.Value is JsonObject o && o.ContainsKey("responses"))
                .SelectMany(op => op.Value!["responses"]!.AsObject()
                    .Select(r => (Where: $"{op.Key.ToUpperInvariant()} {path.Key} {r.Key}", Response: Follow(document, r.Value!)))))
            .SelectMany(r => (r.Response["content"] as JsonObject ?? new JsonObject()).Select(c => (Where: $"{r.Where} {c.Key}", Schema: c.Value!["schema"]?["$ref"]?.GetValue<string>())))
            .ToList();

        Assert.That(bodies, Is.Not.Empty);
        Assert.That(bodies.Where(b => b.Schema is null).Select(b => b.Where), Is.Empty, "response bodies without a $ref to a named schema");
        Assert.That(bodies.Where(b => b.Schema is not null && !schemas.ContainsKey(b.Schema.Replace("#/components/schemas/", "", StringComparison.Ordinal)))
            .Select(b => $"{b.Where}: {b.Schema}"), Is.Empty, "response bodies naming a schema that does not exist");
    }

    HashSet<string> AppOperations() =>
        App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Path: "/" + e.RoutePattern.RawText!.TrimStart('/'),
                          Verbs: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])) // health checks carry no verb: probes GET
            .Where(e => e.Path != FastEndpointsTestUrlCache)
            .SelectMany(e => e.Verbs.Select(v => $"{v} {e.Path}"))
            .ToHashSet();

    static JsonNode Follow(JsonNode document, JsonNode node) =>
        node["$ref"]?.GetValue<string>() is { } r ? Resolve(document, r) ?? throw new InvalidDataException($"{r} points nowhere") : node;

    static JsonNode? Resolve(JsonNode document, string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal)) return null;
        JsonNode? node = document;
        foreach (var segment in reference[2..].Split('/'))
            node = node is JsonObject o && o.TryGetPropertyValue(segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal), out var child) ? child : null;
        return node;
    }

    static IEnumerable<JsonNode> Descendants(JsonNode node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants).Prepend(node),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Descendants).Prepend(node),
        _ => [node],
    };

    static JsonNode ReadContract()
    {
        var yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi.yaml"));
        var graph = new DeserializerBuilder().Build().Deserialize(new StringReader(yaml));
        return JsonNode.Parse(new SerializerBuilder().JsonCompatible().Build().Serialize(graph))!;
    }
}
