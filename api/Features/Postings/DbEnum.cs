using System.Text.Json;

namespace Careers.Api.Features.Postings;

/// <summary>Enum values as stored and sent: snake_case ("full_time", "nice_to_have").</summary>
static class DbEnum
{
    public static T Parse<T>(string value) where T : struct, Enum =>
        Enum.Parse<T>(value.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);

    public static string Name<T>(T value) where T : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static IReadOnlyList<string> Names<T>() where T : struct, Enum =>
        [.. Enum.GetValues<T>().Select(Name)];
}
