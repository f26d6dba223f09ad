using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Careers.Tests.Webhooks.Delivery;

/// <summary>
/// A webhook receiver on a loopback port: real Kestrel, real HTTP. Records every request, then
/// answers as <see cref="Respond"/> says (200 by default).
/// </summary>
public sealed class Receiver : IAsyncDisposable
{
    /// <summary>One request as it arrived.</summary>
    public sealed record Request(int Number, string Path, IHeaderDictionary Headers, string Body)
    {
        public string Id => Headers["webhook-id"].ToString();
    }

    readonly WebApplication _app;
    readonly ConcurrentQueue<Request> _requests = new();
    int _count;

    /// <summary>The answer to request n (1-based); the default answers 200.</summary>
    public Func<HttpContext, Request, Task> Respond { get; set; } = (ctx, _) => { ctx.Response.StatusCode = 200; return Task.CompletedTask; };

    public int Port { get; } = LoopbackPort.Free();
    public string Url => $"http://127.0.0.1:{Port}/hooks";
    public IReadOnlyList<Request> Requests => [.. _requests];

    Receiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{Port}");
        _app = builder.Build();
        _app.Run(async ctx =>
        {
            using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var request = new Request(Interlocked.Increment(ref _count), ctx.Request.Path, new HeaderDictionary(ctx.Request.Headers.ToDictionary()), body);
            _requests.Enqueue(request);
            await Respond(ctx, request);
        });
    }

    public static async Task<Receiver> StartAsync()
    {
        var receiver = new Receiver();
        await receiver._app.StartAsync();
        return receiver;
    }

    /// <summary>Waits until <paramref name="done"/> holds of the requests so far (polling), or fails after <paramref name="within"/>.</summary>
    public async Task<IReadOnlyList<Request>> WaitForAsync(Func<IReadOnlyList<Request>, bool> done, TimeSpan? within = null, string? what = null)
    {
        var until = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var requests = Requests;
            if (done(requests)) return requests;
            if (DateTime.UtcNow > until)
                Assert.Fail($"The receiver did not get {what ?? "what was expected"} in time; it got {requests.Count} requests: {string.Join(", ", requests.Select(r => r.Body))}");
            await Task.Delay(20);
        }
    }

    public Task<IReadOnlyList<Request>> WaitForCountAsync(int count, TimeSpan? within = null) =>
        WaitForAsync(r => r.Count >= count, within, $"{count} requests");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
