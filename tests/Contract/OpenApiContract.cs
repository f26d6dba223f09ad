using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;
using YamlDotNet.Serialization;

namespace Careers.Tests.Contract;

/// <summary>openapi.yaml, read once: its paths and verbs, and its schemas for validating bodies.</summary>
public static class OpenApiContract
{
    static readonly Lazy<JsonNode> Document = new(() =>
    {
        var yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi.yaml"));
        var graph = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize(new StringReader(yaml));
        var json = new SerializerBuilder().JsonCompatible().Build().Serialize(graph);
        return JsonNode.Parse(json)!;
    });

    // NJsonSchema resolves '#/definitions/X', so the components are loaded as definitions.
    static readonly Lazy<JsonSchema> Schemas = new(() =>
    {
        var components = Document.Value["components"]!["schemas"]!.ToJsonString().Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
        return JsonSchema.FromJsonAsync($$"""{ "definitions": {{components}} }""").GetAwaiter().GetResult();
    });

    static readonly string[] Verbs = ["get", "put", "post", "delete", "patch", "head", "options"];

    public static IReadOnlySet<string> Operations =>
        Document.Value["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(op => Verbs.Contains(op.Key)).Select(op => $"{op.Key.ToUpperInvariant()} {p.Key}"))
            .ToHashSet();

    /// <summary>Fails the test unless the body conforms to components/schemas/{schemaName}.</summary>
    public static void AssertConforms(string body, string schemaName)
    {
        Assert.That(Schemas.Value.Definitions.ContainsKey(schemaName), $"openapi.yaml has no schema {schemaName}");
        var errors = Schemas.Value.Definitions[schemaName].Validate(body);
        Assert.That(errors, Is.Empty, () => $"Body does not conform to {schemaName}: {string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}"))}\n{body}");
    }
}
