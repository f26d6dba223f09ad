using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Careers.Tests.Contract.Hostile;

/// <summary>
/// A valid request for one operation of the contract: the fixture's real ids for path parameters,
/// the contract's examples for every other parameter it gives one for (required ones must have
/// one) and for the body. Each case changes exactly one place of it.
/// </summary>
public sealed class ValidRequest
{
    public required ContractOperation Operation { get; init; }
    public required IReadOnlyDictionary<string, string> Path { get; init; }
    public required IReadOnlyList<(string Name, string Value)> Query { get; init; }
    public JsonNode? Json { get; init; }
    public string? Text { get; init; }

    /// <param name="known">Values the contract cannot know, by parameter name: ids of postings made by the fixture.</param>
    public static ValidRequest For(ContractOperation operation, IReadOnlyDictionary<string, string> known)
    {
        string? Value(ContractParameter p) => known.GetValueOrDefault(p.Name) ?? p.Example switch
        {
            JsonArray a => a[0]?.ToString(),
            { } e => e.ToString(),
            null => null,
        };
        var path = operation.Parameters.Where(p => p.In == "path").ToDictionary(p => p.Name,
            p => Value(p) ?? throw new InvalidDataException($"{operation}: no valid value for path parameter {p.Name}"));
        // Optional headers change what a request means (If-Match, Idempotency-Key): a valid request sends none.
        var query = operation.Parameters.Where(p => p.In == "query" && (p.Required || Value(p) is not null))
            .Select(p => (p.Name, Value(p) ?? throw new InvalidDataException($"{operation}: openapi.yaml gives no example for the required parameter {p.Name}")))
            .ToList();
        var body = operation.Body;
        if (body is not null && body.Example is null)
            throw new InvalidDataException($"{operation}: openapi.yaml gives no example of the request body");
        return new ValidRequest
        {
            Operation = operation, Path = path, Query = query,
            Json = body?.MediaType == "application/json" ? body.Example!.DeepClone() : null,
            Text = body?.MediaType == "text/plain" ? body.Example!.GetValue<string>() : null,
        };
    }

    /// <summary>
    /// The request's parts for case <paramref name="n"/>. Slugs are unique per language, so every
    /// case gets fresh ones: a repeated slug would make every valid create a 409.
    /// </summary>
    public RequestParts Parts(int n)
    {
        var json = Json?.DeepClone();
        if (json is not null) FreshSlugs(json, n);
        return new RequestParts
        {
            Method = Operation.Method,
            PathTemplate = Operation.Path,
            Path = Path.ToDictionary(p => p.Key, p => Uri.EscapeDataString(p.Value)),
            Query = [.. Query.Select(q => (q.Name, Uri.EscapeDataString(q.Name == "slug" ? $"{q.Value}-{n}" : q.Value)))],
            Body = json is not null ? Encoding.UTF8.GetBytes(json.ToJsonString()) : Text is not null ? Encoding.UTF8.GetBytes(Text) : null,
            MediaType = Operation.Body?.MediaType,
            Json = json,
        };
    }

    static void FreshSlugs(JsonNode node, int n)
    {
        if (node is JsonObject o)
        {
            if (o["slug"] is JsonValue slug) o["slug"] = $"{slug.GetValue<string>()}-{n}";
            foreach (var child in o.Select(p => p.Value).OfType<JsonNode>().ToList()) FreshSlugs(child, n);
        }
        else if (node is JsonArray a)
            foreach (var child in a.OfType<JsonNode>()) FreshSlugs(child, n);
    }
}

/// <summary>One request being put together: percent-encoded path and query values, raw header and body bytes.</summary>
public sealed class RequestParts
{
    public required string Method { get; init; }
    public required string PathTemplate { get; init; }
    public required Dictionary<string, string> Path { get; init; }
    public required List<(string Name, string Value)> Query { get; init; }
    public List<(string Name, string Value)> Headers { get; } = [];
    public byte[]? Body { get; set; }
    public string? MediaType { get; set; }
    public JsonNode? Json { get; init; }

    public string Url =>
        Path.Aggregate(PathTemplate, (url, p) => url.Replace($"{{{p.Key}}}", p.Value, StringComparison.Ordinal))
        + (Query.Count == 0 ? "" : "?" + string.Join('&', Query.Select(q => $"{Uri.EscapeDataString(q.Name)}={q.Value}")));

    public HttpRequestMessage ToHttp()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Url);
        foreach (var (name, value) in Headers) request.Headers.TryAddWithoutValidation(name, value);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (MediaType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", MediaType);
        }
        return request;
    }

    /// <summary>The JSON body with <paramref name="fragment"/> spliced in where <paramref name="place"/> was put.</summary>
    public void SpliceJson(Action<JsonNode> place, byte[] fragment)
    {
        var json = Json!.DeepClone();
        place(json);
        var text = Encoding.UTF8.GetBytes(json.ToJsonString());
        var at = text.AsSpan().IndexOf(Placeholder);
        Body = [.. text.AsSpan(0, at), .. fragment, .. text.AsSpan(at + Placeholder.Length)];
    }

    public const string PlaceholderText = "@@hostile@@";
    static readonly byte[] Placeholder = Encoding.UTF8.GetBytes($"\"{PlaceholderText}\"");

    public override string ToString()
    {
        var text = new StringBuilder($"{Method} {(Url.Length > 300 ? Url[..300] + $"… ({Url.Length:N0} characters)" : Url)}");
        foreach (var (name, value) in Headers) text.Append($"\n  {name}: {Excerpt.Of(Encoding.UTF8.GetBytes(value), 120)}");
        if (Body is not null) text.Append($"\n  Content-Type: {MediaType}\n  {Excerpt.Of(Body, 300)}");
        return text.ToString();
    }
}

/// <summary>
/// One place of a request a case changes, with the values it may get there and the rule for a 400:
/// its <c>errors</c> must have a key naming this place (see <see cref="IsNamedBy"/>).
/// </summary>
public abstract record Target(string Name)
{
    public abstract Gen<HostileValue> Values { get; }

    public abstract void Apply(RequestParts request, HostileValue value);

    public virtual bool IsNamedBy(string key, HostileValue value) => key == Name;

    /// <summary>A valid value holding <paramref name="c"/>, if this place takes text that can carry it.</summary>
    public virtual HostileValue? Holding(char c) => null;

    public sealed override string ToString() => Name;
}

sealed record QueryParameter(ContractParameter Parameter, string Valid) : Target(Parameter.Name)
{
    public override Gen<HostileValue> Values => HostileValues.Parameter(Parameter, Valid, inPath: false);

    public override void Apply(RequestParts request, HostileValue value)
    {
        request.Query.RemoveAll(q => q.Name == Name);
        if (value.Bytes is not null) request.Query.Add((Name, value.Text));
    }

    public override HostileValue? Holding(char c) => HostileValues.InUrl(Valid, c);
}

sealed record PathParameter(ContractParameter Parameter, string Valid) : Target(Parameter.Name)
{
    public override Gen<HostileValue> Values => HostileValues.Parameter(Parameter, Valid, inPath: true);

    public override void Apply(RequestParts request, HostileValue value) => request.Path[Name] = value.Text;

    // The test server refuses a path holding NUL before the app sees it, as Kestrel does.
    public override HostileValue? Holding(char c) => c == '\0' ? null : HostileValues.InUrl(Valid, c);
}

sealed record HeaderParameter(ContractParameter Parameter) : Target(Parameter.Name)
{
    // Hostile values are made from a UUID, as a client sends for Idempotency-Key.
    public override Gen<HostileValue> Values => HostileValues.Header(Parameter.Schema, "0196f3a2-7c41-7b8e-9d2f-5a1c3e8b4d60");

    public override void Apply(RequestParts request, HostileValue value) => request.Headers.Add((Name, value.Text));

    // Header names are case-insensitive.
    public override bool IsNamedBy(string key, HostileValue value) => key.Equals(Name, StringComparison.OrdinalIgnoreCase);
}

sealed record UnknownQueryParameter() : Target("(unknown query parameter)")
{
    public override Gen<HostileValue> Values { get; } =
        from name in HostileValues.UnknownName
        from value in HostileValues.Parameter(new ContractParameter("x", "query", false, new JsonObject(), null), "text", inPath: false)
        where value.Bytes is not null
        select value with { Name = name };

    public override void Apply(RequestParts request, HostileValue value) => request.Query.Add((value.Name!, value.Text));

    public override bool IsNamedBy(string key, HostileValue value) => key == value.Name;
}

/// <summary>A field of a JSON body, at its JSON path (<c>translation.sections[0].items[0]</c>).</summary>
sealed record BodyField(string Path, JsonObject Schema, JsonNode? Valid) : Target(Path)
{
    public override Gen<HostileValue> Values => HostileValues.Json(Schema, Valid);

    public override void Apply(RequestParts request, HostileValue value) =>
        request.SpliceJson(json => JsonPaths.Put(json, Path, RequestParts.PlaceholderText), value.Bytes!);

    // The field itself, a field holding it (translation.sections[0] for translation.sections[0].items[3])
    // or a place inside it (countries[0] when countries became an array of numbers); never the document root.
    public override bool IsNamedBy(string key, HostileValue value) => JsonPaths.Related(key, Path);

    public override HostileValue? Holding(char c) => HostileValues.InJson(Schema, Valid, c);
}

/// <summary>A field no schema has, added to the object at <paramref name="Parent"/> ("" for the root).</summary>
sealed record UnknownField(string Parent) : Target(Parent.Length == 0 ? "(unknown field)" : $"(unknown field in {Parent})")
{
    public override Gen<HostileValue> Values { get; } =
        from name in HostileValues.UnknownName
        from value in HostileValues.AnyJson
        select value with { Name = name };

    public override void Apply(RequestParts request, HostileValue value) =>
        request.SpliceJson(json => JsonPaths.Put(json, JsonPaths.Join(Parent, value.Name!), RequestParts.PlaceholderText), value.Bytes!);

    public override bool IsNamedBy(string key, HostileValue value) => JsonPaths.Related(key, JsonPaths.Join(Parent, value.Name!));
}

/// <summary>
/// The whole JSON body. A body that is JSON but not an object, or no JSON at all, must be named
/// <c>request</c>, the document root; an empty object is named by the fields it lacks, and a body
/// that breaks off or nests too deep by the place where reading stopped, so any key will do.
/// </summary>
sealed record JsonBody(string Valid) : Target("request")
{
    public override Gen<HostileValue> Values => HostileValues.JsonBody(Valid);

    public override void Apply(RequestParts request, HostileValue value) => request.Body = value.Bytes;

    public override bool IsNamedBy(string key, HostileValue value) =>
        value.Kind is not ("not an object" or "no JSON at all") || key == Name;
}

/// <summary>A text/plain body: FastEndpoints binds it to <c>content</c>.</summary>
sealed record TextBody(string Valid) : Target("content")
{
    public override Gen<HostileValue> Values => HostileValues.TextBody(Valid);

    public override void Apply(RequestParts request, HostileValue value) => request.Body = value.Bytes;

    // UTF-8 cannot carry a lone surrogate at all: that is invalid UTF-8, generated above.
    public override HostileValue? Holding(char c) => char.IsSurrogate(c) ? null : HostileValue.Raw($"U+{(int)c:X4}", Valid.Insert(Valid.Length / 2, c.ToString()));
}

/// <summary>The body's Content-Type: a wrong one is a 415, or a 400 naming the body.</summary>
sealed record ContentType() : Target("Content-Type")
{
    public override Gen<HostileValue> Values { get; } = Gen.OneOf(
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/json; charset=utf-16", "application/merge-patch+json", "application/json", "*/*", "", "garbage")
        .Select(t => HostileValue.Raw("content type", t));

    public override void Apply(RequestParts request, HostileValue value) => request.MediaType = value.Text.Length == 0 ? null : value.Text;

    public override bool IsNamedBy(string key, HostileValue value) => true;
}

/// <summary>
/// A JSON body sent to an operation that takes none: ignored, or refused naming what it holds.
/// Objects naming the operation's query parameters try to pass them in the body instead.
/// </summary>
sealed record UnexpectedBody(IReadOnlyList<string> Parameters) : Target("(unexpected body)")
{
    public override Gen<HostileValue> Values => HostileValues.Either(
        HostileValues.JsonBody("{\"a\":\"b\"}"),
        HostileValues.AnyJson,
        from name in Gen.OneOf([.. Parameters.DefaultIfEmpty("id")])
        from value in Gen.OneOf("\"fr\"", "\"closed\"", "1", "\"xx\"", "null")
        select HostileValue.Raw("a parameter in the body", $"{{\"{name}\":{value}}}"));

    public override void Apply(RequestParts request, HostileValue value)
    {
        request.Body = value.Bytes;
        request.MediaType = "application/json";
    }

    public override bool IsNamedBy(string key, HostileValue value) => true;
}

/// <summary>The places of an operation's requests, read from the contract.</summary>
public static class Targets
{
    public static IReadOnlyList<Target> Of(ValidRequest valid)
    {
        var operation = valid.Operation;
        var targets = new List<Target>();
        foreach (var p in operation.Parameters)
        {
            targets.Add(p.In switch
            {
                "path" => new PathParameter(p, valid.Path[p.Name]),
                "query" => new QueryParameter(p, valid.Query.FirstOrDefault(q => q.Name == p.Name).Value ?? "text"),
                "header" => new HeaderParameter(p),
                var where => throw new InvalidDataException($"{operation}: parameters in {where} are not generated"),
            });
        }
        targets.Add(new UnknownQueryParameter());
        switch (operation.Body?.MediaType)
        {
            case null:
                targets.Add(new UnexpectedBody([.. operation.Parameters.Where(p => p.In == "query").Select(p => p.Name)]));
                break;
            case "text/plain":
                targets.Add(new TextBody(valid.Text!));
                targets.Add(new ContentType());
                break;
            case "application/json":
                targets.Add(new JsonBody(valid.Json!.ToJsonString()));
                targets.Add(new ContentType());
                targets.AddRange(Fields(operation.Body.Schema, valid.Json, ""));
                break;
            case var other:
                throw new InvalidDataException($"{operation}: request bodies of type {other} are not generated");
        }
        return targets;
    }

    // Every property, recursively, and the first element of every array: a 400 about any of them
    // names its JSON path. Fields the example leaves out are generated too.
    static IEnumerable<Target> Fields(JsonObject schema, JsonNode? value, string path)
    {
        yield return new UnknownField(path);
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            var field = OpenApiContract.Resolve(property!);
            var fieldPath = JsonPaths.Join(path, name);
            var fieldValue = value?[name];
            yield return new BodyField(fieldPath, field, fieldValue);
            foreach (var inner in Inside(field, fieldValue, fieldPath)) yield return inner;
        }
    }

    static IEnumerable<Target> Inside(JsonObject schema, JsonNode? value, string path)
    {
        if (schema["properties"] is not null)
            foreach (var t in Fields(schema, value, path)) yield return t;
        if (schema["items"] is { } items)
        {
            var item = OpenApiContract.Resolve(items);
            var first = value is JsonArray { Count: > 0 } a ? a[0] : null;
            yield return new BodyField($"{path}[0]", item, first);
            foreach (var t in Inside(item, first, $"{path}[0]")) yield return t;
        }
    }
}

/// <summary>JSON paths as the API names fields in errors: <c>translation.sections[0].items[2]</c>.</summary>
public static class JsonPaths
{
    public static string Join(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    /// <summary>The key names the path, a field holding it, or a place inside it (never only the document root).</summary>
    public static bool Related(string key, string path) => key == path || Within(path, key) || Within(key, path);

    static bool Within(string inner, string outer) =>
        outer.Length > 0 && inner.Length > outer.Length && inner.StartsWith(outer, StringComparison.Ordinal) && inner[outer.Length] is '.' or '[';

    /// <summary>Sets the value at <paramref name="path"/>, making the objects and arrays on the way.</summary>
    public static void Put(JsonNode root, string path, string value)
    {
        var steps = Steps(path).ToList();
        var node = root;
        for (var i = 0; i < steps.Count; i++)
        {
            var last = i == steps.Count - 1;
            JsonNode? next = last ? JsonValue.Create(value) : steps[i + 1] is int ? new JsonArray() : new JsonObject();
            switch (steps[i])
            {
                case string name:
                    var o = node.AsObject();
                    if (last || o[name] is null) o[name] = next;
                    node = o[name]!;
                    break;
                case int index:
                    var a = node.AsArray();
                    if (a.Count == 0) a.Add(next);
                    else if (last) a[index] = next;
                    node = a[index]!;
                    break;
            }
        }
    }

    static IEnumerable<object> Steps(string path)
    {
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            yield return bracket < 0 ? part : part[..bracket];
            if (bracket >= 0) yield return int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
