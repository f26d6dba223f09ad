using System.Net.Http.Headers;
using Careers.Client;
using Careers.Tests.Admin;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Careers.Tests.Client;

/// <summary>
/// The real app with the site settings (JSON-LD, sitemaps and feeds need them) and keys, and
/// <see cref="CareersClient"/> over it: as a constructed client, and as registered by AddCareersClient.
/// </summary>
public abstract class ClientFixture : AdminFixture
{
    protected CareersClient Client { get; private set; } = null!;

    protected override void ConfigureApp(IWebHostBuilder builder) => SiteSettings.Apply(builder);

    protected override async Task ArrangeAdminAsync()
    {
        Client = new CareersClient(Http);
        await ArrangeClientAsync();
    }

    protected virtual Task ArrangeClientAsync() => Task.CompletedTask;

    /// <summary>A client over the app that counts its requests and keeps the last answer's headers.</summary>
    protected (CareersClient Client, Recorder Recorder) Recorded()
    {
        var recorder = new Recorder();
        return (new CareersClient(App.CreateDefaultClient(recorder)), recorder);
    }

    /// <summary>The client as an application gets it: AddCareersClient, resolved from the container, its transport the test server.</summary>
    protected (CareersClient Client, Recorder Recorder, ServiceProvider Services) Registered(string? partnerKey)
    {
        var recorder = new Recorder();
        var services = new ServiceCollection();
        services.AddCareersClient(o =>
            {
                o.BaseAddress = App.Server.BaseAddress;
                o.PartnerKey = partnerKey;
            })
            .AddHttpMessageHandler(() => recorder)
            .ConfigurePrimaryHttpMessageHandler(() => App.Server.CreateHandler());
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<CareersClient>(), recorder, provider);
    }

    /// <summary>Counts requests and keeps what was sent and answered last.</summary>
    protected sealed class Recorder : DelegatingHandler
    {
        int _requests;
        public int Requests => _requests;
        public AuthenticationHeaderValue? LastAuthorization { get; private set; }
        public HttpResponseHeaders? LastHeaders { get; private set; }
        public Uri? LastUri { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Interlocked.Increment(ref _requests);
            LastAuthorization = request.Headers.Authorization;
            LastUri = request.RequestUri;
            var rsp = await base.SendAsync(request, ct);
            LastHeaders = rsp.Headers;
            return rsp;
        }
    }
}
