using System.Text.Json;
using System.Text.Json.Serialization;

namespace Careers.Client;

/// <summary>JSON metadata for the bodies that have no type in Careers.Contracts (the API writes them by hand).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PostingFeed))]
[JsonSerializable(typeof(CareersProblem))]
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class ClientJsonContext : JsonSerializerContext;
