using Careers.Api.Infrastructure;
using Careers.Api.Localization;
using FastEndpoints;

var bld = WebApplication.CreateBuilder(args);
bld.Services
   .AddDatabase(bld.Configuration)
   .AddCldr()
   .AddProblems()
   .AddPublicCors(bld.Configuration)
   .AddHealth()
   .AddFastEndpoints();

var app = bld.Build();
app.UseProblemDetailsForEverything();
app.UseCors();
app.UseFastEndpoints(c => c.ConfigureCareers());
app.MapHealth();
app.MapContractDocs();               // GET /openapi.yaml + Swagger UI at /docs
return await app.RunOrCommandAsync(args);  // migrate | seed-demo | serve

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
