using System.Globalization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Careers.Api.Infrastructure.RateLimits;

/// <summary>
/// Every request but the health probes is charged to one bucket: an admin key's on <c>/v1/admin</c>,
/// a partner's key (scope <c>public:read</c>) on the public routes, else the client's address. Over
/// its quota a request is a 429 problem with <c>Retry-After</c>; every answer carries the
/// <c>RateLimit-Policy</c> and <c>RateLimit</c> fields (draft-ietf-httpapi-ratelimit-headers-09).
/// A conditional GET is charged what a 304 costs, and the rest of a full answer only if it gets one.
/// </summary>
sealed class RateLimitMiddleware(RequestDelegate next, Buckets buckets, KeyDirectory keys, IOptions<RateLimitOptions> options)
{
    readonly long _notModifiedCost = Math.Max(1, (long)Math.Round(options.Value.NotModifiedCost * Policy.Unit));

    // Written before the answer, from the quota as this request found it: a later exception handler
    // clears them with the rest of the headers, so a 5xx may carry none.
    static void WriteFields(HttpContext ctx, Bucket bucket)
    {
        ctx.Response.Headers["RateLimit-Policy"] = bucket.SourceLocal ? bucket.Policy.LocalPolicyField : bucket.Policy.PolicyField;
        ctx.Response.Headers["RateLimit"] = bucket.Field();
    }

    public Task InvokeAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path;
        // Load balancers probe often, from few addresses: never limited.
        if (path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)) return next(ctx);
        var admin = path.StartsWithSegments("/v1/admin", StringComparison.OrdinalIgnoreCase);
        string? authorization = ctx.Request.Headers.Authorization;
        return string.IsNullOrEmpty(authorization)
            ? ServeAsync(ctx, buckets.ForAddress(ctx.Connection.RemoteIpAddress), ctx.Request)
            : WithKeyAsync(ctx, authorization, admin);
    }

    async Task WithKeyAsync(HttpContext ctx, string authorization, bool admin)
    {
        KnownKey? key = null;
        var bearer = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (bearer)
        {
            var token = authorization["Bearer ".Length..].Trim();
            // A miss costs one primary-key query, as the admin routes' authentication does: the
            // answer, an unknown key's too, is then kept for KeyCacheSeconds.
            if (!keys.TryFind(token, out key)) key = await keys.FindAsync(token, ctx.RequestAborted);
        }
        if (key is not null && (admin || key.PublicRead))
        {
            await ServeAsync(ctx, buckets.ForKey(key, admin), ctx.Request);
            return;
        }

        var address = buckets.ForAddress(ctx.Connection.RemoteIpAddress);
        // Admin routes answer a missing or bad key themselves (401, 403), from the address's quota.
        if (admin)
        {
            await ServeAsync(ctx, address, ctx.Request);
            return;
        }
        // A refused key costs its address a request, so trying keys is limited like anything else.
        if (await buckets.TakeAsync(address, Policy.Unit) is { } refused)
        {
            await RefuseAsync(ctx, address, refused);
            return;
        }
        WriteFields(ctx, address);
        if (key is null)
        {
            // A partner whose key is wrong wants to know, not to be served quietly at the anonymous quota.
            ctx.Response.Headers.WWWAuthenticate = bearer ? "Bearer error=\"invalid_token\"" : "Bearer";
            await Results.Problem(statusCode: StatusCodes.Status401Unauthorized,
                detail: bearer
                    ? "Unknown or revoked API key. Send none to be served as an anonymous client."
                    : "Authorization must be 'Bearer <API key>'.").ExecuteAsync(ctx);
            return;
        }
        await Results.Problem(statusCode: StatusCodes.Status403Forbidden,
            detail: "This API key lacks the public:read scope the public routes take a key with. Send none to be served as an anonymous client.").ExecuteAsync(ctx);
    }

    // The hot path: a cached answer to a client holding leased units costs an interlocked add and
    // two headers, and no await of its own unless the request is conditional.
    Task ServeAsync(HttpContext ctx, Bucket bucket, HttpRequest request)
    {
        var conditional = (request.Headers.IfNoneMatch.Count > 0 || request.Headers.IfModifiedSince.Count > 0)
            && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));
        var cost = conditional ? _notModifiedCost : Policy.Unit;
        if (!bucket.TryTake(cost)) return LeaseAndServeAsync(ctx, bucket, cost, conditional);
        WriteFields(ctx, bucket);
        return conditional ? ServeConditionalAsync(ctx, bucket) : next(ctx);
    }

    async Task LeaseAndServeAsync(HttpContext ctx, Bucket bucket, long cost, bool conditional)
    {
        if (await buckets.TakeAsync(bucket, cost) is { } refused)
        {
            await RefuseAsync(ctx, bucket, refused);
            return;
        }
        WriteFields(ctx, bucket);
        if (conditional) await ServeConditionalAsync(ctx, bucket);
        else await next(ctx);
    }

    // A conditional request paid what a 304 costs; answered in full, it pays the rest (as debt if need be).
    async Task ServeConditionalAsync(HttpContext ctx, Bucket bucket)
    {
        await next(ctx);
        if (ctx.Response.StatusCode != StatusCodes.Status304NotModified) bucket.Charge(Policy.Unit - _notModifiedCost);
    }

    static Task RefuseAsync(HttpContext ctx, Bucket bucket, Refusal refusal)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(refusal.RetryAfterSeconds));
        WriteFields(ctx, bucket);
        ctx.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var policy = bucket.Policy;
        var local = bucket.SourceLocal;
        return Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests.",
            type: "https://www.rfc-editor.org/rfc/rfc6585#section-4",
            detail: string.Create(CultureInfo.InvariantCulture,
                $"Over the '{policy.Name}' quota of {(bucket.Anonymous ? "this address" : "this API key")}: {(local ? policy.LocalBurst : policy.Burst)} requests at once, refilled at {(local ? policy.LocalRequestsPerSecond : policy.RequestsPerSecond)} a second (a 304 costs a fraction of one). Retry in {seconds} s.")).ExecuteAsync(ctx);
    }
}

static class RateLimitSetup
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations()
            .Validate(o => !o.Problems().Any(), "Careers:RateLimits: every quota needs RequestsPerSecond and Burst, whole numbers from 1 to 10,000,000.")
            .ValidateOnStart();
        services.AddOptions<NetworkOptions>().BindConfiguration(NetworkOptions.Section)
            .Validate(o => o.IsValid(), "Careers:Network:TrustedProxies must be CIDR ranges or addresses (10.0.0.0/8, 192.0.2.7, 2001:db8::/32), comma-separated.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<NetworkOptions>>((o, network) =>
        {
            // Nothing is trusted by default, not even loopback: only the configured proxies' X-Forwarded-For
            // counts, and through all of them (a chain of trusted proxies), up to the first untrusted hop.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            o.ForwardLimit = null;
            foreach (var proxy in network.Value.IsValid() ? network.Value.Networks() : []) o.KnownIPNetworks.Add(proxy);
        });
        return services.AddSingleton<KeyDirectory>().AddSingleton<Buckets>();
    }

    /// <summary>The client's address first (everything after reads it), then the limits.</summary>
    public static WebApplication UseClientAddress(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }

    public static WebApplication UseRateLimits(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value.Enabled)
            app.UseMiddleware<RateLimitMiddleware>();
        return app;
    }
}
