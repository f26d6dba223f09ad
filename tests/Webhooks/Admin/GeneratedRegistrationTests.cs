using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Careers.Tests.Admin;
using CsCheck;
using Dapper;
using Microsoft.AspNetCore.Hosting;

namespace Careers.Tests.Webhooks.Admin;

/// <summary>
/// Generated bodies for POST /v1/admin/webhooks, from a fixed seed: each is a 201 or a 4xx
/// problem+json, never a 5xx, and a subscription row appears exactly when the answer is a 201.
/// </summary>
public sealed class GeneratedRegistrationTests : AdminFixture
{
    const string Seed = "0N0XIzNsQ0O2";
    const int Cases = 300;

    protected override void ConfigureApp(IWebHostBuilder builder)
    {
        builder.UseSetting("Careers:Webhooks:AllowInsecure", "true");
        builder.UseSetting("Careers:Webhooks:AllowedTargets", "127.0.0.1");
    }

    static readonly Gen<JsonNode?> Url = Gen.OneOf(
        Gen.OneOf("http://127.0.0.1:9/hook", "https://127.0.0.1/hook", "https://10.0.0.1/x", "https://169.254.169.254/", "https://[::1]/",
                  "ftp://127.0.0.1/", "http://u:p@127.0.0.1/", "http://127.0.0.1/#f", "", " ", "not a url", "https://", "https://hooks.invalid/x",
                  "http://127.0.0.1/" + new string('a', 2000)).Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Const((JsonNode?)null));

    static readonly Gen<JsonNode?> Item = Gen.OneOf(
        Gen.OneOf("posting.published", "posting.updated", "posting.removed", "posting.created", "en", "de", "xx", "", "EN")
            .Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Const((JsonNode?)null));

    static readonly Gen<JsonNode?> List = Gen.OneOf(
        Item.Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())])),
        Gen.Const((JsonNode?)null),
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)));

    static readonly Gen<JsonNode?> Description = Gen.OneOf(
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Int[0, 600].Select(n => (JsonNode?)JsonValue.Create(new string('d', n))),
        Gen.Const((JsonNode?)null));

    // Often valid, so that both answers are reached.
    static Gen<JsonNode?> MostlyValid(Gen<JsonNode?> valid, Gen<JsonNode?> any) => Gen.Frequency((3, valid), (2, any));

    static readonly Gen<JsonNode?> ValidUrl = Gen.OneOf("http://127.0.0.1:9/hook", "https://127.0.0.1:8443/x?y=1").Select(s => (JsonNode?)JsonValue.Create(s));
    static readonly Gen<JsonNode?> ValidEvents = Gen.OneOf("posting.published", "posting.updated", "posting.removed").Array[1, 3]
        .Select(e => (JsonNode?)new JsonArray([.. e.Distinct().Select(x => (JsonNode?)JsonValue.Create(x))]));
    static readonly Gen<JsonNode?> ValidLanguages = Gen.OneOf("en", "de", "fr").Array[1, 3]
        .Select(e => (JsonNode?)new JsonArray([.. e.Distinct().Select(x => (JsonNode?)JsonValue.Create(x))]));

    // A field present (its value in an array of one) or absent (none).
    static Gen<JsonNode?[]> Present(Gen<JsonNode?> value, int absent = 1) =>
        Gen.Frequency((5, value.Select(v => new[] { v })), (absent, Gen.Const(Array.Empty<JsonNode?>())));

    // Each field present or absent, plus sometimes a field no schema has.
    static readonly Gen<string> Body =
        from url in Present(MostlyValid(ValidUrl, Url))
        from events in Present(MostlyValid(ValidEvents, List))
        from languages in Present(MostlyValid(ValidLanguages, List), absent: 5)
        from description in Present(Description, absent: 5)
        from extra in Gen.Int[0, 9].Select(i => i == 0)
        from raw in Gen.Int[0, 20]
        select raw == 0 ? "[1,2]" : raw == 1 ? "not json" : raw == 2 ? "null" : Object(url, events, languages, description, extra);

    static string Object(JsonNode?[]? url, JsonNode?[]? events, JsonNode?[]? languages, JsonNode?[]? description, bool extra)
    {
        var o = new JsonObject();
        if (url is [var u]) o["url"] = u?.DeepClone();
        if (events is [var e]) o["events"] = e?.DeepClone();
        if (languages is [var l]) o["languages"] = l?.DeepClone();
        if (description is [var d]) o["description"] = d?.DeepClone();
        if (extra) o["secret"] = "whsec_mine";
        return o.ToJsonString();
    }

    [Test]
    public async Task Random_bodies_get_a_201_or_a_4xx_problem_and_a_row_only_with_a_201()
    {
        var pcg = PCG.Parse(Seed);
        var (created, refused) = (0, 0);
        await using var conn = await Db.OpenConnectionAsync();
        for (var n = 0; n < Cases; n++)
        {
            var seed = pcg.ToString();
            var body = Body.Generate(pcg, null, out _);
            var before = await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM webhook_subscriptions");
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var rsp = await Admin.PostAsync("/v1/admin/webhooks", content);
            var status = (int)rsp.StatusCode;
            var after = await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM webhook_subscriptions");
            var text = await rsp.Content.ReadAsStringAsync();
            var what = $"case {n} (seed {seed}): {body}\n  answer {status}: {text}";

            Assert.That(status, Is.EqualTo(201).Or.InRange(400, 499), what);
            Assert.That(after - before, Is.EqualTo(status == 201 ? 1 : 0), what);
            if (status == 201)
                created++;
            else
            {
                refused++;
                Assert.That(rsp.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), what);
            }
        }
        await TestContext.Out.WriteLineAsync($"{Cases} bodies from seed {Seed}: {created} registered, {refused} refused");
        Assert.That(created, Is.Positive, "the generator reaches valid bodies too");
    }
}
