using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;
using YamlDotNet.Serialization;

namespace Careers.Tests.Contract;

/// <summary>openapi.yaml, read once: its paths and verbs, and its schemas for validating bodies.</summary>
public static class OpenApiContract
{
    static readonly Lazy<JsonNode> Parsed = new(() =>
    {
        var yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi.yaml"));
        var graph = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize(new StringReader(yaml));
        var json = new SerializerBuilder().JsonCompatible().Build().Serialize(graph);
        return JsonNode.Parse(json)!;
    });

    // NJsonSchema resolves '#/definitions/X', so the components are loaded as definitions.
    static readonly Lazy<JsonSchema> Schemas = new(() =>
    {
        var components = Parsed.Value["components"]!["schemas"]!.ToJsonString().Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
        return JsonSchema.FromJsonAsync($$"""{ "definitions": {{components}} }""").GetAwaiter().GetResult();
    });

    static readonly string[] Verbs = ["get", "put", "post", "delete", "patch", "head", "options"];

    public static IReadOnlySet<string> Operations =>
        Parsed.Value["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(op => Verbs.Contains(op.Key)).Select(op => $"{op.Key.ToUpperInvariant()} {p.Key}"))
            .ToHashSet();

    /// <summary>Every operation with its parameters (the path's and its own) and its request body, references resolved.</summary>
    public static IReadOnlyList<ContractOperation> OperationDetails =>
        [.. Parsed.Value["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(op => Verbs.Contains(op.Key))
            .Select(op => new ContractOperation(
                op.Key.ToUpperInvariant(), path.Key, op.Value!["operationId"]!.GetValue<string>(),
                [.. ParametersOf(path.Value!).Concat(ParametersOf(op.Value!))],
                BodyOf(op.Value!),
                op.Value!["responses"]!.AsObject().ToDictionary(r => r.Key, r => SchemaNameOf(Resolve(r.Value!))))))];

    /// <summary>The node a <c>$ref</c> points to, or the node itself.</summary>
    public static JsonObject Resolve(JsonNode node)
    {
        while (node["$ref"]?.GetValue<string>() is { } reference)
            node = reference[2..].Split('/').Aggregate(Parsed.Value, (n, segment) => n[segment]!);
        return node.AsObject();
    }

    static IEnumerable<ContractParameter> ParametersOf(JsonNode owner) =>
        (owner["parameters"]?.AsArray() ?? []).Select(p => Resolve(p!)).Select(p => new ContractParameter(
            p["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), p["required"]?.GetValue<bool>() ?? false,
            Resolve(p["schema"]!), ExampleOf(p)));

    static ContractBody? BodyOf(JsonNode operation)
    {
        if (operation["requestBody"] is not { } body) return null;
        var (mediaType, content) = Resolve(body)["content"]!.AsObject().Single();
        var schema = Resolve(content!["schema"]!);
        return new ContractBody(mediaType, schema, content["example"] ?? schema["example"]);
    }

    // The named schema of a JSON response, if it has one.
    static string? SchemaNameOf(JsonObject response) =>
        response["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>().Replace("#/components/schemas/", "", StringComparison.Ordinal);

    // The parameter's example, its first named example, or what its schema suggests.
    static JsonNode? ExampleOf(JsonObject parameter)
    {
        var schema = Resolve(parameter["schema"]!);
        return parameter["example"]
            ?? parameter["examples"]?.AsObject().FirstOrDefault().Value?["value"]
            ?? schema["example"] ?? schema["enum"]?[0] ?? schema["default"];
    }

    /// <summary>Fails the test unless the body conforms to components/schemas/{schemaName}.</summary>
    public static void AssertConforms(string body, string schemaName)
    {
        var errors = Violations(body, schemaName);
        Assert.That(errors, Is.Empty, () => $"Body does not conform to {schemaName}: {string.Join("; ", errors)}\n{body}");
    }

    /// <summary>Where the body does not conform to components/schemas/{schemaName}; empty when it does.</summary>
    public static IReadOnlyList<string> Violations(string body, string schemaName)
    {
        Assert.That(Schemas.Value.Definitions.ContainsKey(schemaName), $"openapi.yaml has no schema {schemaName}");
        return [.. Schemas.Value.Definitions[schemaName].Validate(body).Select(e => $"{e.Path}: {e.Kind}")];
    }
}

/// <summary>One operation of openapi.yaml, as a client would call it.</summary>
/// <param name="Responses">Each documented status, with the named schema of its JSON body if it has one.</param>
public sealed record ContractOperation(
    string Method, string Path, string Id, IReadOnlyList<ContractParameter> Parameters, ContractBody? Body,
    IReadOnlyDictionary<string, string?> Responses)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>A path, query or header parameter; <paramref name="Example"/> is a valid value when the contract gives one.</summary>
public sealed record ContractParameter(string Name, string In, bool Required, JsonObject Schema, JsonNode? Example);

/// <summary>A request body: its media type, its schema and the contract's example of it.</summary>
public sealed record ContractBody(string MediaType, JsonObject Schema, JsonNode? Example);
