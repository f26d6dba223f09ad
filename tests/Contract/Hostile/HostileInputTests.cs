using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Careers.Contracts.Admin;
using Careers.Tests.Admin;
using CsCheck;

namespace Careers.Tests.Contract.Hostile;

/// <summary>
/// No input is a server error (issue 9). For every operation of openapi.yaml, requests are generated
/// from a valid one by changing exactly one place: a parameter, a JSON body field at any depth, the
/// whole body, its Content-Type, or an unknown field or parameter added. Each must answer within 2 s
/// with a success or a 4xx application/problem+json that the contract documents for the operation.
/// A 400 must name the changed place in <c>errors</c>: the parameter's name (a header's in any case),
/// the field's JSON path, a field holding it (<c>translation.sections[0]</c> for
/// <c>translation.sections[0].items[3]</c>) or a place inside it (<c>countries[0]</c> when
/// <c>countries</c> was changed), and <c>request</c> when the whole body is not a JSON object.
/// A refused write leaves every table as it was.
/// <para>
/// The cases come from a fixed seed. A failure prints the seed of its case: set
/// <c>CAREERS_HOSTILE_SEED</c> to it (and <c>CAREERS_HOSTILE_CASES=1</c> to run only that case) to
/// replay it; <c>CAREERS_HOSTILE_CASES</c> also sets how many cases each operation runs.
/// </para>
/// </summary>
public sealed class HostileInputTests : AdminFixture
{
    const string FixedSeed = "0N0XIzNsQ0O2";
    const int CasesPerPlace = 20;
    static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(2);
    static readonly string Seed = Environment.GetEnvironmentVariable("CAREERS_HOSTILE_SEED") is { Length: > 0 } s ? s : FixedSeed;
    static readonly int? Cases = int.TryParse(Environment.GetEnvironmentVariable("CAREERS_HOSTILE_CASES"), out var n) ? n : null;

    const string PublishedSlug = "hostile-published";

    readonly Dictionary<string, Guid> _subjects = [];
    readonly Dictionary<string, long> _deliveries = [];

    // A deployment with its website configured: the routes that need it (feeds, JSON-LD, sitemaps) answer
    // their own 200s and 400s, not the 400 naming a missing setting.
    // Webhook targets on loopback are allowed, so the subscriptions the operations start from can be registered.
    protected override void ConfigureApp(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        SiteSettings.Apply(builder);
        builder.UseSetting("Careers:Webhooks:AllowInsecure", "true");
        builder.UseSetting("Careers:Webhooks:AllowedTargets", "127.0.0.1");
        // No delivery in the background: its bookkeeping would change webhook_deliveries while a
        // refused request is checked for leaving every table as it was.
        builder.UseSetting("Careers:Webhooks:Deliver", "false");
    }

    static IEnumerable<TestCaseData> Operations() =>
        OpenApiContract.OperationDetails.Select(o => new TestCaseData(o.ToString()).SetArgDisplayNames(o.ToString()));

    // Each operation on a posting gets one of its own, with two language versions, published unless
    // publishing is what the operation does: its cases then start from a request that can succeed.
    protected override async Task ArrangeAdminAsync()
    {
        await Given.PostingAsync(languages: ["en", "fr", "de"], slug: PublishedSlug);
        // Each operation on a webhook subscription gets one of its own, with a delivery (of the posting published below).
        var postingForDeliveries = await CreateAsync(NewPosting("hostile-webhook-deliveries"));
        foreach (var operation in OpenApiContract.OperationDetails.Where(o => o.Path.StartsWith("/v1/admin/webhooks/{id}", StringComparison.Ordinal)))
        {
            var rsp = await Admin.PostAsJsonAsync("/v1/admin/webhooks", new { url = "http://127.0.0.1:9/hostile", events = new[] { "posting.published" } });
            Assert.That((int)rsp.StatusCode, Is.EqualTo(201), await rsp.Content.ReadAsStringAsync());
            _subjects[operation.Id] = (await rsp.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        }
        await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{postingForDeliveries.Id}/publish");
        foreach (var operation in OpenApiContract.OperationDetails.Where(o => o.Parameters.Any(p => p.Name == "deliveryId")))
        {
            var page = await Admin.GetFromJsonAsync<JsonObject>($"/v1/admin/webhooks/{_subjects[operation.Id]}/deliveries");
            _deliveries[operation.Id] = page!["items"]![0]!["id"]!.GetValue<long>();
        }
        foreach (var operation in OpenApiContract.OperationDetails.Where(o => o.Parameters.Any(p => p.Name == "id") && !_subjects.ContainsKey(o.Id)))
        {
            var posting = await CreateAsync(NewPosting($"hostile-{operation.Id.ToLowerInvariant()}"));
            await SendAsync(HttpMethod.Put, $"/v1/admin/postings/{posting.Id}/translations/fr",
                body: new TranslationInput($"hostile-{operation.Id.ToLowerInvariant()}-fr", "Ingénieur plateforme", "", []));
            if (!operation.Path.EndsWith("/publish", StringComparison.Ordinal))
                await SendAsync(HttpMethod.Post, $"/v1/admin/postings/{posting.Id}/publish");
            _subjects[operation.Id] = posting.Id;
        }
    }

    [TestCaseSource(nameof(Operations))]
    public async Task Hostile_requests_get_a_success_or_a_4xx_problem_naming_what_was_changed(string operation)
    {
        var valid = ValidRequestFor(operation);
        var targets = Targets.Of(valid);
        var count = Cases ?? CasesPerPlace * targets.Count;
        var changed = new HashSet<Target>();

        var failures = await RunAsync(valid, Generated(targets, count, changed), mustRefuse: false);

        Assert.That(failures, Is.Empty, () =>
            $"{failures.Count} hostile request(s) to {operation} went wrong (replay one with CAREERS_HOSTILE_SEED=<seed> CAREERS_HOSTILE_CASES=1):\n\n"
            + string.Join("\n\n", failures));
        if (Cases is null)
            Assert.That(targets.Where(t => !changed.Contains(t)).Select(t => t.Name), Is.Empty, "places no case changed");
    }

    // NUL, a control character, the last C0 one, and a lone surrogate (which only JSON can carry).
    static readonly char[] Refused = ['\0', '\u0007', '\u001F', '\uD800'];

    static IEnumerable<TestCaseData> OperationsTakingText() =>
        OpenApiContract.OperationDetails.Where(o => o.Body is not null || o.Parameters.Any(p => p.In is "query" or "path"))
            .Select(o => new TestCaseData(o.ToString()).SetArgDisplayNames(o.ToString()));

    /// <summary>Every query and path value, every JSON string at any depth and the imported text, each holding each refused character.</summary>
    [TestCaseSource(nameof(OperationsTakingText))]
    public async Task Text_holding_a_control_character_or_an_unpaired_surrogate_is_a_400_naming_where(string operation)
    {
        var valid = ValidRequestFor(operation);
        var cases = Targets.Of(valid)
            .SelectMany(t => Refused.Select(t.Holding).OfType<HostileValue>().Select(v => (Label: $"{t} holding {v.Kind}", Target: t, Value: v)))
            .ToList();

        var failures = await RunAsync(valid, cases, mustRefuse: true);

        Assert.That(cases, Is.Not.Empty);
        Assert.That(failures, Is.Empty, () => $"{failures.Count} text(s) holding refused characters went wrong:\n\n" + string.Join("\n\n", failures));
    }

    ValidRequest ValidRequestFor(string operation)
    {
        var contract = OpenApiContract.OperationDetails.Single(o => o.ToString() == operation);
        return ValidRequest.For(contract, new Dictionary<string, string>
        {
            ["idOrSlug"] = PublishedSlug,
            ["id"] = _subjects.GetValueOrDefault(contract.Id).ToString(),
            ["deliveryId"] = _deliveries.GetValueOrDefault(contract.Id).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    // The cases CsCheck draws from the seed, one after another: each case's seed, passed back as
    // CAREERS_HOSTILE_SEED, makes it the first case of a run.
    static IEnumerable<(string Label, Target Target, HostileValue Value)> Generated(IReadOnlyList<Target> targets, int count, HashSet<Target> changed)
    {
        var cases = from i in Gen.Int[0, targets.Count - 1] from value in targets[i].Values select (Target: targets[i], Value: value);
        var pcg = PCG.Parse(Seed);
        for (var n = 0; n < count; n++)
        {
            var seed = pcg.ToString();
            var (target, value) = cases.Generate(pcg, null, out _);
            changed.Add(target);
            yield return ($"seed {seed}", target, value);
        }
    }

    /// <summary>
    /// Sends each case and judges its answer; after every write, compares the tables with how they
    /// were (after the last write that went through). Returns what went wrong, the first ten at most.
    /// </summary>
    async Task<List<string>> RunAsync(ValidRequest valid, IEnumerable<(string Label, Target Target, HostileValue Value)> cases, bool mustRefuse)
    {
        var contract = valid.Operation;
        var failures = new List<string>();
        var tables = await TableFingerprint.TakeAsync(Db);
        var (count, sending, checking) = (0, TimeSpan.Zero, new Stopwatch());
        foreach (var (label, target, value) in cases)
        {
            var request = valid.Parts(count++);
            target.Apply(request, value);

            var answer = await SendAsync(request);
            sending += answer.Elapsed;
            var wrong = mustRefuse && answer.Status != 400 ? $"a {answer.Status}, not a 400" : Judge(contract, target, value, answer);
            // A GET's body means nothing: were it read, the answer would differ from the URL's, which every cache keys on.
            if (wrong is null && target is UnexpectedBody && request.Method == "GET"
                && await SendAsync(valid.Parts(count)) is var plain && (plain.Status, plain.Body) != (answer.Status, answer.Body))
                wrong = $"the body changed the answer; without it: {plain}";
            // HEAD is the GET without its body (RFC 9110): the same status and media type for every hostile GET.
            if (wrong is null && request.Method == "GET")
            {
                using var message = request.ToHttp();
                message.Method = HttpMethod.Head;
                using var head = await Admin.SendAsync(message);
                if ((int)head.StatusCode != answer.Status || head.Content.Headers.ContentType?.MediaType != answer.MediaType)
                    wrong = $"HEAD answered {(int)head.StatusCode} {head.Content.Headers.ContentType?.MediaType}, the GET {answer.Status} {answer.MediaType}";
            }
            if (request.Method != "GET")
            {
                checking.Start();
                var after = await TableFingerprint.TakeAsync(Db);
                checking.Stop();
                if (answer.Status >= 400 && tables.Changed(after).ToList() is { Count: > 0 } touched)
                    wrong ??= $"a refused write changed {string.Join(", ", touched)}";
                tables = after;
            }
            if (wrong is not null)
                failures.Add($"{label}: {wrong}\n  changed {target}: {value}\n  {request}\n  answer: {answer}");
            if (failures.Count == 10) break;
        }
        await TestContext.Out.WriteLineAsync($"{contract}: {count} cases, seed {Seed}; requests {sending.TotalSeconds:0.0} s, table checks {checking.Elapsed.TotalSeconds:0.0} s");
        return failures;
    }

    async Task<Answer> SendAsync(RequestParts request)
    {
        using var message = request.ToHttp();
        var clock = Stopwatch.StartNew();
        using var rsp = await Admin.SendAsync(message);
        var body = await rsp.Content.ReadAsStringAsync();
        return new Answer((int)rsp.StatusCode, rsp.Content.Headers.ContentType?.MediaType, body, clock.Elapsed);
    }

    /// <summary>What is wrong with the answer to a case, or null when it is right.</summary>
    static string? Judge(ContractOperation contract, Target target, HostileValue value, Answer answer)
    {
        if (answer.Status >= 500) return "a server error";
        if (answer.Elapsed > TimeLimit) return $"took {answer.Elapsed.TotalSeconds:0.0} s";
        // A body the operation does not take is outside its contract: too large, or of a type nothing reads, it may be refused.
        if (!contract.Responses.TryGetValue(answer.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var schema)
            && !(target is UnexpectedBody && answer.Status is 413 or 415))
            return $"{answer.Status} is not a status openapi.yaml documents for {contract}";
        if (answer.Status < 400)
            return schema is null || answer.Body.Length == 0 ? null : Conforms(answer, "application/json", schema);
        if (Conforms(answer, "application/problem+json", "Problem") is { } notProblem) return notProblem;
        if (answer.Status != 400) return null;
        var keys = JsonNode.Parse(answer.Body)!["errors"]?.AsObject().Select(e => e.Key).ToList() ?? [];
        return keys.Any(k => target.IsNamedBy(k, value)) ? null : $"the 400 does not name {target} (errors: {string.Join(", ", keys)})";
    }

    static string? Conforms(Answer answer, string mediaType, string schema)
    {
        if (answer.MediaType != mediaType) return $"a {answer.Status} of type {answer.MediaType ?? "none"}, not {mediaType}";
        try
        {
            var violations = OpenApiContract.Violations(answer.Body, schema);
            return violations.Count == 0 ? null : $"the body does not conform to {schema}: {string.Join("; ", violations)}";
        }
        catch (Newtonsoft.Json.JsonException e)
        {
            return $"the body is not JSON: {e.Message}";
        }
    }

    sealed record Answer(int Status, string? MediaType, string Body, TimeSpan Elapsed)
    {
        public override string ToString() =>
            $"{Status} {MediaType} in {Elapsed.TotalMilliseconds:0} ms: {(Body.Length > 500 ? Body[..500] + "…" : Body)}";
    }
}
