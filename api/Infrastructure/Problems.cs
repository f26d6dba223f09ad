using FastEndpoints;
using FluentValidation.Results;
using Npgsql;

namespace Careers.Api.Infrastructure;

/// <summary>Every error leaves as application/problem+json (RFC 9457).</summary>
static class Problems
{
    public const string ContentType = "application/problem+json";

    public static IServiceCollection AddProblems(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
            if (ctx.ProblemDetails.Status == StatusCodes.Status404NotFound)
                ctx.ProblemDetails.Detail ??= "No resource is published at this address.";
            if (ctx.ProblemDetails.Status == StatusCodes.Status503ServiceUnavailable)
            {
                var busy = ctx.Exception is NpgsqlException { InnerException: TimeoutException };
                ctx.HttpContext.Response.Headers.RetryAfter = busy ? "1" : "5";
                ctx.ProblemDetails.Detail ??= busy
                    ? "The database did not answer in time (every connection busy, or slow to connect): retry in a moment."
                    : "The database cannot be reached and no earlier answer to this request is kept: retry in a few seconds.";
            }
        });

    /// <summary>Unhandled exceptions and empty 4xx/5xx responses (unknown routes, 405, 404 from endpoints) get a problem body.</summary>
    public static WebApplication UseProblemDetailsForEverything(this WebApplication app)
    {
        // A body over the server's limit surfaces as BadHttpRequestException: answer its own status (413), not 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // The database unreachable, restarting, out of connections, or none came free in time
            // (the pool's Timeout): retry later, nothing is broken. A failed write was rolled back.
            StatusCodeSelector = ex => ex switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                NpgsqlException { IsTransient: true } => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>
    /// Validation and binding failures, shaped as ASP.NET's ValidationProblemDetails:
    /// <c>errors</c> maps each parameter (or JSON path) to what is wrong with it.
    /// </summary>
    public static object ValidationProblem(List<ValidationFailure> failures, HttpContext ctx, int status)
    {
        var errors = failures
            .GroupBy(f => ParameterName(f.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray());
        return new HttpValidationProblemDetails(errors)
        {
            Type = status == 400 ? "https://tools.ietf.org/html/rfc9110#section-15.5.1" : null,
            Title = status == 400 ? "The request has invalid parameters." : "The request cannot be processed.",
            Status = status,
            Detail = string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
            Instance = ctx.Request.Path,
            Extensions = { ["traceId"] = ctx.TraceIdentifier },
        };
    }

    // Query properties are named after their parameters, body properties after their JSON names:
    // clients see "limit" or "translation.sections[0].items[2]", never the C# spelling. A route's
    // [FromBody] property ("Body.", or "body." as FastEndpoints' FluentValidation names it) is the
    // document root. Headers keep their HTTP spelling ("Idempotency-Key").
    static string ParameterName(string property)
    {
        if (string.IsNullOrEmpty(property)) return "request";
        if (property.Contains('-', StringComparison.Ordinal)) return property;
        var path = property.StartsWith("Body.", StringComparison.OrdinalIgnoreCase) ? property[5..] : property;
        return string.Join('.', path.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
    }

    public static void ConfigureErrors(this Config c)
    {
        c.Errors.ContentType = ContentType;
        c.Errors.ResponseBuilder = ValidationProblem;
        c.Binding.FailureMessage = (type, name, value) =>
            $"'{value}' is not valid for {ParameterName(name)}: {Expected(type)}.";
    }

    static string Expected(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) => "expected a whole number",
        var t when t == typeof(Guid) => "expected a UUID",
        var t when t == typeof(DateTimeOffset) => "expected an RFC 3339 date-time",
        var t => $"expected a value of type {t.Name}",
    };
}
