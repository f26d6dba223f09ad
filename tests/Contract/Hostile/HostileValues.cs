using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace Careers.Tests.Contract.Hostile;

/// <summary>
/// What one case puts in one place of a request: its kind (for the report) and the bytes sent there:
/// a JSON fragment for a body field, a percent-encoded string for a query or path value, a header
/// value. No bytes means the place is left out.
/// </summary>
/// <param name="Name">The name of an unknown field or parameter the value comes with.</param>
public sealed record HostileValue(string Kind, byte[]? Bytes, string? Name = null)
{
    public static HostileValue Raw(string kind, string text) => new(kind, Encoding.UTF8.GetBytes(text));

    public string Text => Encoding.UTF8.GetString(Bytes ?? []);

    public override string ToString() =>
        (Name is null ? "" : $"'{Name}' = ") + (Bytes is null ? $"{Kind}: (left out)" : $"{Kind}: {Excerpt.Of(Bytes, 160)}");
}

/// <summary>
/// CsCheck generators of hostile values, chosen from what the contract says a value is (its type,
/// format, enum, length and item limits): wrong types, null, empty, past every limit, deeply nested,
/// control characters, unpaired surrogates, invalid UTF-8 and strings that have hurt other servers.
/// </summary>
public static class HostileValues
{
    // Every C0 control character but tab, line feed and carriage return: the API refuses these in text.
    static readonly char[] Controls = [.. Enumerable.Range(0, 32).Where(c => c is not (9 or 10 or 13)).Select(c => (char)c)];

    // As JSON escapes: a lone high, a lone low, a pair in the wrong order, a high at the very end.
    static readonly string[] Surrogates = [@"\ud800", @"\udbff", @"\udc00", @"\udfff", @"\udc00\ud800", @"\ud83d"];

    // Bytes no UTF-8 decoder may accept: a stray continuation, overlong '/', a truncated sequence,
    // an encoded surrogate (CESU-8), a code point past U+10FFFF, bytes that never occur.
    static readonly byte[][] InvalidUtf8 = [[0x80], [0xC0, 0xAF], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFE], [0xFF]];

    // Valid text that has hurt servers: injections, markup, bidi overrides, invisible and combining characters.
    static readonly string[] Nasty =
    [
        "' OR 1=1 --", "Robert'); DROP TABLE postings;--", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))", "${jndi:ldap://x/a}", "{{7*7}}", "../../etc/passwd", "%00", @"\u0000", "\u202Eevil",
        "👩‍💻🚀", "\u200B", "\uFEFF", "e\u0301", "\u0085", "\u007F", "\u2028", "   ", "\t", "ﷺ", "𝕏", "&amp;&lt;&#0;",
    ];

    static readonly string[] HugeNumbers =
    [
        "9223372036854775808", "-9223372036854775809", "99999999999999999999999999999999", "1e400", "-1e400",
        "1E+2147483648", "0.00000000000000000000000000000000000001", "-0",
    ];

    static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON fragment to put where <paramref name="schema"/> is expected, in place of <paramref name="valid"/>.</summary>
    public static Gen<HostileValue> Json(JsonObject schema, JsonNode? valid)
    {
        var types = TypesOf(schema);
        var text = valid?.GetValueKind() == JsonValueKind.String ? valid.GetValue<string>() : "text";
        var gens = new List<Gen<HostileValue>>
        {
            Gen.Const(HostileValue.Raw("null", "null")),
            Gen.OneOf(HugeNumbers).Select(n => HostileValue.Raw("huge number", n)),
            Gen.OneOf("true", "{}", "[1,2]", "\"7\"", "{\"a\":1}").Where(j => !types.Contains(TypeOf(j))).Select(j => HostileValue.Raw("wrong type", j)),
            Deep(),
        };
        if (types.Contains("string"))
        {
            gens.Add(Gen.Const(HostileValue.Raw("empty", "\"\"")));
            gens.Add(LongString(schema).Select(s => HostileValue.Raw($"string of {s.Length} characters", Quote(s))));
            gens.Add(Control(text).Select(t => HostileValue.Raw(t.Kind, Quote(t.Text))));
            gens.Add(Control(text).Select(t => new HostileValue($"{t.Kind}, unescaped", RawJsonString(t.Text, t.At))));
            gens.Add(InsertedJson(text, Gen.OneOf(Surrogates)).Select(s => HostileValue.Raw("unpaired surrogate", s)));
            gens.Add(InvalidUtf8In(text).Select(b => new HostileValue("invalid UTF-8", [(byte)'"', .. b, (byte)'"'])));
            gens.Add(Gen.OneOf(Nasty).Select(s => HostileValue.Raw("nasty text", Quote(s))));
            gens.Add(Formatted(schema).Select(s => HostileValue.Raw("malformed value", Quote(s))));
        }
        if (types.Contains("array"))
        {
            var item = schema["items"] is { } items ? OpenApiContract.Resolve(items) : new JsonObject();
            var element = valid is JsonArray { Count: > 0 } a ? a[0]!.ToJsonString() : ValidJson(item);
            gens.Add(Gen.Const(HostileValue.Raw("empty", "[]")));
            gens.Add(Gen.OneOf(10_000, (schema["maxItems"]?.GetValue<int>() ?? 10) + 1)
                .Select(n => HostileValue.Raw($"array of {n} elements", "[" + string.Join(',', Enumerable.Repeat(element, n)) + "]")));
        }
        if (types.Contains("object"))
            gens.Add(Gen.Const(HostileValue.Raw("empty", "{}")));
        return Either([.. gens]);
    }

    /// <summary>A percent-encoded value for a query or path parameter, in place of <paramref name="valid"/>.</summary>
    public static Gen<HostileValue> Parameter(ContractParameter parameter, string valid, bool inPath)
    {
        var schema = parameter.Schema["items"] is { } items ? OpenApiContract.Resolve(items) : parameter.Schema;
        var gens = new List<Gen<HostileValue>>
        {
            LongString(schema).Select(s => Encoded($"string of {s.Length} characters", s)),
            Formatted(schema).Select(s => Encoded("malformed value", s)),
            Gen.OneOf(Nasty).Select(s => Encoded("nasty text", s)),
            Gen.OneOf("%2F", "%25", "%3F", "%23", "..", "%2E%2E", "+", "%20", "%")
                .Select(r => HostileValue.Raw("reserved characters", Uri.EscapeDataString(valid) + r)),
            // The test server refuses a path holding NUL before the app sees it, as Kestrel does.
            Control(valid).Where(t => !inPath || !t.Text.Contains('\0', StringComparison.Ordinal)).Select(t => Encoded(t.Kind, t.Text)),
            InvalidUtf8In(valid).Select(b => HostileValue.Raw("invalid UTF-8", string.Concat(b.Select(x => x < 0x80 ? Uri.EscapeDataString(((char)x).ToString()) : $"%{x:X2}")))),
        };
        // An empty path segment addresses another resource (/v1/admin/postings/ is the list).
        if (!inPath)
        {
            gens.Add(Gen.Const(Encoded("empty", "")));
            gens.Add(Gen.Const(new HostileValue("left out", null)));
            gens.Add(Gen.OneOf("", "xx", valid).Select(other => HostileValue.Raw("given twice",
                $"{Uri.EscapeDataString(valid)}&{Uri.EscapeDataString(parameter.Name)}={Uri.EscapeDataString(other)}")));
        }
        return Either([.. gens]);
    }

    /// <summary>A header value in place of <paramref name="valid"/> (never CR or LF, which HTTP itself cannot carry).</summary>
    public static Gen<HostileValue> Header(JsonObject schema, string valid) => Either(
        Gen.Const(new HostileValue("empty", [])),
        LongString(schema).Select(s => HostileValue.Raw($"string of {s.Length} characters", s)),
        Formatted(schema).Select(s => HostileValue.Raw("malformed value", s)),
        Control(valid).Where(t => !t.Text.Contains('\0', StringComparison.Ordinal)).Select(t => HostileValue.Raw(t.Kind, t.Text)),
        Gen.OneOf("\"7\", \"8\"", "W/\"1\"", "*, \"1\"", "\"", "\"\"", "\"-1\"", "\"99999999999999999999\"").Select(s => HostileValue.Raw("odd entity tag", s)));

    /// <summary>A whole JSON body in place of a valid one.</summary>
    public static Gen<HostileValue> JsonBody(string valid) => Either(
        Gen.OneOf("null", "true", "0", "\"text\"", "[]", "[{}]").Select(j => HostileValue.Raw("not an object", j)),
        Gen.Const(HostileValue.Raw("empty object", "{}")),
        Gen.Const(HostileValue.Raw("no JSON at all", "")),
        Gen.Int[1, Math.Max(1, valid.Length - 1)].Select(n => HostileValue.Raw("cut short", valid[..n])),
        Gen.OneOf("not json", "{\"a\":}", "{'a':1}", "{\"a\":1,}", "[1 2]", "\uFEFF{}", "{} {}").Select(j => HostileValue.Raw("malformed JSON", j)),
        Deep(),
        InvalidUtf8In(valid).Select(b => new HostileValue("invalid UTF-8", b)),
        Gen.Const(HostileValue.Raw("over 256 KiB", "{\"x\":\"" + new string('x', 300 * 1024) + "\"}")),
        Gen.Const(HostileValue.Raw("duplicate properties", valid.TrimEnd('}') + "," + valid.TrimStart('{'))));

    /// <summary>A whole text body in place of a valid one.</summary>
    public static Gen<HostileValue> TextBody(string valid) => Either(
        Gen.Const(HostileValue.Raw("empty", "")),
        Control(valid).Select(t => HostileValue.Raw(t.Kind, t.Text)),
        InvalidUtf8In(valid).Select(b => new HostileValue("invalid UTF-8", b)),
        Gen.OneOf(Nasty).Select(s => HostileValue.Raw("nasty text", valid + "\n" + s)),
        Gen.Const(HostileValue.Raw("over 256 KiB", valid + new string('x', 300 * 1024))),
        Gen.Const(HostileValue.Raw("one line of 200,000 characters", new string('a', 200_000))),
        Gen.Const(HostileValue.Raw("100,000 empty lines", new string('\n', 100_000))));

    /// <summary>A name no schema has, for an unknown field or query parameter.</summary>
    public static Gen<string> UnknownName { get; } = Either(
        Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz"], 1, 12].Select(n => "x" + n),
        Gen.OneOf("__proto__", "constructor", "$ref", "id", "version", "status"));

    /// <summary>A JSON value for a field no schema has.</summary>
    public static Gen<HostileValue> AnyJson { get; } = Json(new JsonObject { ["type"] = "string", ["maxLength"] = 100 }, "text");

    /// <summary>A valid JSON value for a schema, for array elements.</summary>
    public static string ValidJson(JsonObject schema) =>
        schema["example"]?.ToJsonString() ?? schema["enum"]?[0]?.ToJsonString() ?? (TypesOf(schema).Contains("object") ? "{}" : "\"DE\"");

    /// <summary>The valid JSON string with <paramref name="c"/> in its middle, escaped; null where the schema takes no string.</summary>
    public static HostileValue? InJson(JsonObject schema, JsonNode? valid, char c)
    {
        if (!TypesOf(schema).Contains("string")) return null;
        var text = valid?.GetValueKind() == JsonValueKind.String ? valid.GetValue<string>() : "text";
        var middle = text.Length / 2;
        // Escaped by hand: a serializer writes a lone surrogate as U+FFFD.
        return HostileValue.Raw($"U+{(int)c:X4}", $"\"{Quote(text[..middle])[1..^1]}\\u{(int)c:X4}{Quote(text[middle..])[1..^1]}\"");
    }

    /// <summary>The valid value with <paramref name="c"/> in its middle, percent-encoded; null for a surrogate, which a URL cannot carry.</summary>
    public static HostileValue? InUrl(string valid, char c) =>
        char.IsSurrogate(c) ? null : Encoded($"U+{(int)c:X4}", valid.Insert(valid.Length / 2, c.ToString()));

    /// <summary>One of the generators, each as likely (Gen.OneOf would take generators for constants).</summary>
    public static Gen<T> Either<T>(params IGen<T>[] gens) => Gen.OneOf(gens);

    static HostileValue Encoded(string kind, string text) => HostileValue.Raw(kind, Uri.EscapeDataString(text));

    static string Quote(string s) => JsonSerializer.Serialize(s, Relaxed);

    // A JSON string holding the control character at `at` as itself, which JSON does not allow.
    static byte[] RawJsonString(string text, int at) =>
        [(byte)'"', .. Encoding.UTF8.GetBytes(Quote(text[..at])[1..^1]), (byte)text[at], .. Encoding.UTF8.GetBytes(Quote(text[(at + 1)..])[1..^1]), (byte)'"'];

    static Gen<HostileValue> Deep() =>
        from depth in Gen.OneOf(65, 100, 1_000, 10_000)
        from open in Gen.OneOf("[", "{\"a\":")
        select HostileValue.Raw($"nested {depth} deep", string.Concat(Enumerable.Repeat(open, depth)) + "1" + new string(open == "[" ? ']' : '}', depth));

    static Gen<(string Kind, string Text, int At)> Control(string valid) =>
        from c in Gen.OneOf(Controls)
        from at in Gen.Int[0, valid.Length]
        select ($"control character U+{(int)c:X4}", valid.Insert(at, c.ToString()), at);

    static Gen<string> InsertedJson(string valid, Gen<string> escape) =>
        from e in escape
        from at in Gen.Int[0, valid.Length]
        select "\"" + Quote(valid[..at])[1..^1] + e + Quote(valid[at..])[1..^1] + "\"";

    static Gen<byte[]> InvalidUtf8In(string valid) =>
        from bad in Gen.OneOf(InvalidUtf8)
        from at in Gen.Int[0, valid.Length]
        select (byte[])[.. Encoding.UTF8.GetBytes(valid[..at]), .. bad, .. Encoding.UTF8.GetBytes(valid[at..])];

    // One past the limit, and far past it; 10,000 characters where there is none.
    static Gen<string> LongString(JsonObject schema) =>
        schema["maxLength"]?.GetValue<int>() is { } max
            ? Gen.OneOf(max + 1, max * 10 + 1, 10_000).Select(n => new string('a', n))
            : Gen.Const(new string('a', 10_000));

    // Values of the right JSON type that are not what the schema says: an unknown enum member, a
    // malformed UUID or date, a number out of range or not a number at all.
    static Gen<string> Formatted(JsonObject schema)
    {
        if (schema["enum"] is JsonArray members)
        {
            var first = members[0]!.GetValue<string>();
            return Gen.OneOf("moon", first.ToUpperInvariant(), " " + first, first + "s", "*");
        }
        return (TypesOf(schema).Contains("integer") ? "integer" : null, schema["format"]?.GetValue<string>()) switch
        {
            ("integer", _) => Gen.OneOf("abc", "1.5", "-1", "0", "1e3", " 7", "0x10", "99999999999999999999", "9223372036854775808", "-9223372036854775809"),
            (_, "uuid") => Gen.OneOf("not-a-uuid", "00000000-0000-0000-0000-000000000000", "0196f3a2-7c41-7b8e-9d2f-5a1c3e8b4d61", "{" + Guid.Empty + "}", "0196f3a2-7c41-7b8e-9d2f"),
            (_, "date-time") => Gen.OneOf("next tuesday", "2026-02-30T00:00:00Z", "99999-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59.9999999+14:00", "2026-11-24", "1732449600", "2026-11-24T25:00:00Z"),
            _ => Gen.OneOf("x", "ZZ", "Germany", "-", "a b", "ÄÖ"),
        };
    }

    static string[] TypesOf(JsonObject schema) => schema["type"] switch
    {
        JsonArray many => [.. many.Select(t => t!.GetValue<string>())],
        JsonValue one => [one.GetValue<string>()],
        _ => schema["properties"] is not null ? ["object"] : ["string"],
    };

    static string TypeOf(string json) => json[0] switch
    {
        '{' => "object",
        '[' => "array",
        '"' => "string",
        't' or 'f' => "boolean",
        _ => json.Contains('.', StringComparison.Ordinal) || json.Contains('e', StringComparison.OrdinalIgnoreCase) ? "number" : "integer",
    };
}

/// <summary>Bytes as a short printable excerpt for a failure report: control bytes and invalid UTF-8 shown as \xNN.</summary>
public static class Excerpt
{
    public static string Of(byte[] bytes, int max)
    {
        var text = new StringBuilder();
        var decoder = new UTF8Encoding(false, true);
        for (var i = 0; i < bytes.Length && text.Length < max; i++)
        {
            var b = bytes[i];
            var length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
            string? decoded = null;
            if (length > 0 && i + length <= bytes.Length)
            {
                try { decoded = decoder.GetString(bytes, i, length); }
                catch (DecoderFallbackException) { }
            }
            if (decoded is null || (length == 1 && b < 0x20))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{b:X2}");
                continue;
            }
            text.Append(decoded);
            i += length - 1;
        }
        return bytes.Length > text.Length ? $"{text}… ({bytes.Length:N0} bytes)" : text.ToString();
    }
}
