using Careers.Api.Features;
using Careers.Api.Features.Admin;
using Careers.Api.Features.Webhooks;
using Careers.Api.Infrastructure;
using Careers.Api.Infrastructure.Auth;
using Careers.Api.Infrastructure.Caching;
using Careers.Api.Infrastructure.RateLimits;
using Careers.Api.Infrastructure.Site;
using Careers.Api.Infrastructure.Telemetry;
using Careers.Api.Localization;
using FastEndpoints;

// The app's own settings (appsettings.json beside the dll) load wherever it is started from: a
// service manager or a container may start it from any working directory.
var bld = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory })
   .UseCommandLogging(args)
   .AddTelemetry();                 // OTLP, /metrics on Careers__Metrics__Port, JSON logs
bld.Services
   .AddDatabase(bld.Configuration)
   .AddCldr()
   .AddProblems()
   .AddPublicCors(bld.Configuration)
   .AddSite()
   .AddHealth()
   .AddApiKeyAuth()
   .AddPublicReads()
   .AddAdmin()
   .AddWebhooks()
   .AddCaching(bld.Configuration)
   .AddRateLimits()
   .AddContractJson()
   .AddFastEndpoints();

var app = bld.Build();
app.UseMetricsPort();               // only with Careers__Metrics__Port; never on the public port
app.UseClientAddress();             // X-Forwarded-For from Careers__Network__TrustedProxies only
app.UseProblemDetailsForEverything();
app.UseCors();
app.UseRateLimits();
app.UseAdminRequestRules();
app.UsePublicHttpCaching();
app.UseAuthentication();   // no default scheme: it authenticates nothing by itself (see AddApiKeyAuth)
app.UseAuthorization();
app.UseBodyRequiredProblem();
app.UseFastEndpoints(c => c.ConfigureCareers());
app.MapHealth();
app.MapContractDocs();               // GET /openapi.yaml + Swagger UI at /docs
app.MapBenchEndpoints();             // only with Careers__Bench__Enabled=true
return await app.RunOrCommandAsync(args);  // migrate | seed-demo | serve

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
