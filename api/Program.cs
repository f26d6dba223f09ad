using Careers.Api.Features.Admin;
using Careers.Api.Infrastructure;
using Careers.Api.Infrastructure.Auth;
using Careers.Api.Infrastructure.Caching;
using Careers.Api.Localization;
using FastEndpoints;

var bld = WebApplication.CreateBuilder(args).UseCommandLogging(args);
bld.Services
   .AddDatabase(bld.Configuration)
   .AddCldr()
   .AddProblems()
   .AddPublicCors(bld.Configuration)
   .AddHealth()
   .AddApiKeyAuth()
   .AddAdmin()
   .AddCaching()
   .AddContractJson()
   .AddFastEndpoints();

var app = bld.Build();
app.UseProblemDetailsForEverything();
app.UseCors();
app.UseAdminRequestRules();
app.UsePublicHttpCaching();
app.UseAuthentication();
app.UseAuthorization();
app.UseBodyRequiredProblem();
app.UseFastEndpoints(c => c.ConfigureCareers());
app.MapHealth();
app.MapContractDocs();               // GET /openapi.yaml + Swagger UI at /docs
app.MapBenchEndpoints();             // only with Careers__Bench__Enabled=true
return await app.RunOrCommandAsync(args);  // migrate | seed-demo | serve

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
