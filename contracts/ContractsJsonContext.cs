using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Careers.Contracts.Admin;
using Careers.Contracts.Changes;
using Careers.Contracts.Common;
using Careers.Contracts.Facets;
using Careers.Contracts.Postings;
using Careers.Contracts.Webhooks;

namespace Careers.Contracts;

/// <summary>
/// Compile-time JSON metadata for every contract type, so no request pays for reflection and the
/// wire shape is fixed when the code is built. The roots are the bodies the API reads and writes;
/// the types inside them (country counts, role sections, translations) come along.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Page<PostingSummary>))]
[JsonSerializable(typeof(Posting))]
[JsonSerializable(typeof(RoleSection[]))]
[JsonSerializable(typeof(TranslationLink[]))]
[JsonSerializable(typeof(Location[]))]
[JsonSerializable(typeof(CountryFacet))]
[JsonSerializable(typeof(LanguageFacet))]
[JsonSerializable(typeof(DepartmentFacet))]
[JsonSerializable(typeof(FacetCounts))]
[JsonSerializable(typeof(ChangePage))]
[JsonSerializable(typeof(AdminPosting))]
[JsonSerializable(typeof(AdminTranslation[]))]
[JsonSerializable(typeof(Page<AdminPostingSummary>))]
[JsonSerializable(typeof(CreatePosting))]
[JsonSerializable(typeof(PostingFields))]
[JsonSerializable(typeof(TranslationInput))]
[JsonSerializable(typeof(WebhookEvent))]
[JsonSerializable(typeof(WebhookSubscriptionInput))]
[JsonSerializable(typeof(WebhookSubscriptionPatch))]
[JsonSerializable(typeof(WebhookSubscription))]
[JsonSerializable(typeof(WebhookSubscriptionList))]
[JsonSerializable(typeof(WebhookDelivery))]
[JsonSerializable(typeof(Page<WebhookDelivery>))]
public sealed partial class ContractsJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Puts the generated metadata first in <paramref name="options"/>' resolver chain; types that
    /// are not contracts (a framework's problem details, say) still resolve as before.
    /// </summary>
    public static void UseIn(JsonSerializerOptions options)
    {
        // Options shared by several hosts (FastEndpoints' are process-wide; tests start hosts in parallel) are set once.
        lock (Gate)
        {
            var chain = options.TypeInfoResolverChain;
            if (chain.Contains(Default)) return;
            chain.Insert(0, Default);
            if (chain.Count == 1) chain.Add(new DefaultJsonTypeInfoResolver());
        }
    }

    static readonly Lock Gate = new();
}
