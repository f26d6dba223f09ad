using System.Text.Json;
using Careers.Contracts;
using Careers.Contracts.Admin;
using Careers.Contracts.Common;
using Careers.Contracts.Postings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Careers.Tests.Contract;

/// <summary>
/// Every contract type is (de)serialized from compile-time metadata, not reflection: a type added to
/// contracts/ without a place in ContractsJsonContext fails here.
/// </summary>
public sealed class SourceGeneratedJsonTests : ApiFixture
{
    static IEnumerable<Type> ContractTypes() =>
        typeof(Posting).Assembly.GetExportedTypes()
            .Where(t => t != typeof(ContractsJsonContext) && !t.IsGenericTypeDefinition)
            .Concat([typeof(Page<PostingSummary>), typeof(Page<AdminPostingSummary>)]);

    [Test]
    public void Every_contract_type_has_generated_metadata()
    {
        var missing = ContractTypes().Where(t => ContractsJsonContext.Default.GetTypeInfo(t) is null).Select(t => t.Name);

        Assert.That(missing, Is.Empty, "contract types missing from ContractsJsonContext");
    }

    [Test]
    public void Endpoint_serializer_resolves_contracts_from_the_generated_metadata()
    {
        var options = new FastEndpoints.Config().Serializer.Options;
        _ = App.Services;  // the app is built, so UseFastEndpoints has configured its serializer

        AssertResolvedFromContext(options);
    }

    [Test]
    public void Results_written_through_aspnet_resolve_contracts_from_the_generated_metadata() =>
        AssertResolvedFromContext(App.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions);

    static void AssertResolvedFromContext(JsonSerializerOptions options)
    {
        var reflected = ContractTypes().Where(t => options.GetTypeInfo(t).OriginatingResolver != ContractsJsonContext.Default).Select(t => t.Name);

        Assert.That(reflected, Is.Empty, "contract types this serializer resolves by reflection");
    }

    [Test]
    public void Types_that_are_not_contracts_still_serialize()
    {
        var options = new FastEndpoints.Config().Serializer.Options;

        Assert.That(JsonSerializer.Serialize(new { Detail = "x" }, options), Is.EqualTo("""{"detail":"x"}"""));
    }
}
