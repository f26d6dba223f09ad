using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Careers.Tests.Contract;

namespace Careers.Tests;

/// <summary>Reads responses the way a client does, checking them against the contract.</summary>
public static class HttpExtensions
{
    public static async Task<T> ReadAsAsync<T>(this HttpResponseMessage rsp, string schemaName)
    {
        var body = await rsp.Content.ReadAsStringAsync();
        OpenApiContract.AssertConforms(body, schemaName);
        return JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web)!;
    }

    /// <summary>A problem+json body conforming to Problem; returns it for further checks.</summary>
    public static async Task<JsonObject> ReadProblemAsync(this HttpResponseMessage rsp)
    {
        Assert.That(rsp.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var body = await rsp.Content.ReadAsStringAsync();
        OpenApiContract.AssertConforms(body, "Problem");
        return JsonNode.Parse(body)!.AsObject();
    }

    public static MediaTypeHeaderValue? MediaType(this HttpResponseMessage rsp) => rsp.Content.Headers.ContentType;
}
