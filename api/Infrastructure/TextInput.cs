using System.Buffers;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using FastEndpoints;
using FluentValidation.Results;

namespace Careers.Api.Infrastructure;

/// <summary>
/// The one rule for text a client sends, wherever it comes from (a JSON string at any depth, a query
/// or route value, a text/plain body): no C0 control character but tab, line feed and carriage
/// return, and no unpaired UTF-16 surrogate. PostgreSQL text cannot hold U+0000 (a query or insert
/// with it fails), Npgsql cannot encode a lone surrogate, and none of the others means anything in a
/// posting or a filter. A refusal is a 400 naming the field; nothing is stripped silently.
/// </summary>
static class TextInput
{
    static readonly SearchValues<char> Suspects = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c), .. Enumerable.Range(0xD800, 0x800).Select(c => (char)c)]);

    /// <summary>What is wrong with <paramref name="text"/> ("holds …"), or null when it may be taken.</summary>
    public static string? Refusal(string text)
    {
        var span = text.AsSpan();
        for (var i = span.IndexOfAny(Suspects); i >= 0 && i < span.Length; i++)
        {
            var c = span[i];
            if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1])) i++;
            else if (char.IsSurrogate(c)) return $"holds an unpaired UTF-16 surrogate (U+{(int)c:X4}): send valid Unicode text";
            else if (c == '\0') return "holds U+0000 (NUL), which text cannot contain";
            else if (c < ' ' && c is not ('\t' or '\n' or '\r'))
                return $"holds the control character U+{(int)c:X4}: text may contain tab, line feed and carriage return, no other control character";
        }
        return null;
    }

    /// <summary>Checks every string read with <paramref name="options"/>; set once, as the options may be shared by hosts started in parallel.</summary>
    public static void UseIn(JsonSerializerOptions options)
    {
        lock (Gate)
        {
            if (!options.Converters.OfType<JsonConverter>().Any()) options.Converters.Add(new JsonConverter());
        }
    }

    static readonly Lock Gate = new();

    /// <summary>Every JSON string a request body holds, at any depth: a refusal is a JsonException, which names its JSON path.</summary>
    public sealed class JsonConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            // The exception's path (set by the serializer) names the field.
            return text is not null && Refusal(text) is { } refusal ? throw new JsonException($"The text {refusal}.") : text;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>
    /// Query and route values and text/plain bodies, as an endpoint bound them (its request's text
    /// properties) or reads them (route values): runs before every handler.
    /// </summary>
    public sealed class Parameters : IGlobalPreProcessor
    {
        static readonly ConcurrentDictionary<Type, PropertyInfo[]> TextProperties = new();

        public async Task PreProcessAsync(IPreProcessorContext ctx, CancellationToken ct)
        {
            var before = ctx.ValidationFailures.Count;
            foreach (var (name, value) in ctx.HttpContext.Request.RouteValues)
                Check(ctx, name, value as string);
            if (ctx.Request is { } request)
            {
                foreach (var property in TextProperties.GetOrAdd(request.GetType(), Texts))
                {
                    var name = property.Name == nameof(IPlainTextRequest.Content) && request is IPlainTextRequest ? "content" : JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                    IEnumerable<string?> texts = property.GetValue(request) switch { string one => [one], IEnumerable<string> many => many, _ => [] };
                    foreach (var text in texts) Check(ctx, name, text);
                }
            }
            if (ctx.ValidationFailures.Count > before && !ctx.HttpContext.ResponseStarted())
                await ctx.HttpContext.Response.SendErrorsAsync(ctx.ValidationFailures, cancellation: ct);
        }

        static void Check(IPreProcessorContext ctx, string name, string? text)
        {
            if (text is null || Refusal(text) is not { } refusal) return;
            var message = $"{name} {refusal}.";
            if (!ctx.ValidationFailures.Any(f => f.PropertyName == name && f.ErrorMessage == message))
                ctx.ValidationFailures.Add(new ValidationFailure(name, message));
        }

        // What was bound: properties that can be set (not ones computed from them). Body objects
        // ([FromBody]) were read as JSON, through the converter above.
        static PropertyInfo[] Texts(Type type) =>
            [.. type.GetProperties().Where(p => p.SetMethod is not null && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<FromBodyAttribute>() is null
                && (p.PropertyType == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(p.PropertyType)))];
    }
}
