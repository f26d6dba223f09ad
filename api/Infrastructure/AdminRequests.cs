using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Careers.Api.Infrastructure;

/// <summary>
/// Admin routes: bodies are capped (a posting is a few KiB; 256 KiB leaves room and refuses
/// abuse with a 413 before anything is parsed), and answers are never cached by anyone.
/// </summary>
static class AdminRequests
{
    public const long MaxBodyBytes = 256 * 1024;

    public static WebApplication UseAdminRequestRules(this WebApplication app)
    {
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/v1/admin"), admin => admin.Use(async (ctx, next) =>
        {
            ctx.Response.Headers.CacheControl = "no-store";
            if (ctx.Request.ContentLength > MaxBodyBytes)
            {
                await Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
                    detail: $"The body is over {MaxBodyBytes / 1024} KiB.").ExecuteAsync(ctx);
                return;
            }
            // Bodies without a Content-Length (chunked) are cut off by the server at the same size.
            if (ctx.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = MaxBodyBytes;
            await next(ctx);
        }));
        return app;
    }

    /// <summary>
    /// FastEndpoints refuses a request without Content-Type to a route that takes a body with a bare
    /// 415, no problem body: the same refusal, said as every error is. After authorization, as
    /// FastEndpoints' own check is, so 401 and 403 come first.
    /// </summary>
    public static WebApplication UseBodyRequiredProblem(this WebApplication app)
    {
        app.Use(async (ctx, next) =>
        {
            if (!ctx.Request.Headers.ContainsKey("Content-Type")
                && ctx.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts && !accepts.ContentTypes.Contains("*/*"))
            {
                await Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                    detail: $"This route takes a body: send it as {string.Join(" or ", accepts.ContentTypes)}, with Content-Type.").ExecuteAsync(ctx);
                return;
            }
            await next(ctx);
        });
        return app;
    }
}
