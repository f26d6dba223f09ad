using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Careers.Tests.RateLimits;

/// <summary>
/// TestServer gives every request the same unknown peer. This test-only filter, in front of the
/// app's whole pipeline, makes the connection's peer the address in <see cref="Header"/>, as if the
/// request came from there: what the app does with that peer (and X-Forwarded-For) is the app's own.
/// </summary>
sealed class TestPeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public static void AddTo(IWebHostBuilder builder) => builder.ConfigureServices(s => s.AddTransient<IStartupFilter, TestPeerAddress>());

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((ctx, nextMiddleware) =>
        {
            if (ctx.Request.Headers.TryGetValue(Header, out var peer)) ctx.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
            return nextMiddleware(ctx);
        });
        next(app);
    };
}
