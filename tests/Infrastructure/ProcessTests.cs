using System.Net;

namespace Careers.Tests.Infrastructure;

/// <summary>
/// The built executable run as a service manager or a container runs it: started as
/// <c>dotnet /path/Careers.Api.dll</c> from some other folder, stopped with SIGTERM.
/// </summary>
public sealed class ProcessTests : ApiFixture
{
    protected override Task ArrangeAsync() => Given.PostingAsync(languages: ["en"], countries: ["DE"], slug: "process-posting");

    // As a service manager runs it: the Production environment, and no test setting of CORS or log levels.
    static Task<ApiProcess> StartAsync(string connectionString, string workingDirectory) =>
        ApiProcess.StartAsync(connectionString, workingDirectory, env =>
        {
            env["DOTNET_ENVIRONMENT"] = "Production";
            env.Remove("Careers__Cors__AllowedOrigins");
            env.Remove("Logging__LogLevel__Default");
        });

    [Test]
    public async Task Started_from_another_folder_it_reads_its_own_settings()
    {
        var elsewhere = Directory.CreateTempSubdirectory("careers-cwd-").FullName;
        try
        {
            await using var server = await StartAsync(ConnectionString, elsewhere);
            var request = new HttpRequestMessage(HttpMethod.Get, "/v1/postings?lang=en");
            request.Headers.Add("Origin", "http://localhost:3000"); // appsettings.json's default origin

            var rsp = await server.Http.SendAsync(request);
            await server.TerminateAsync();
            Assert.That(await server.ExitsWithinAsync(TimeSpan.FromSeconds(30)), Is.True, server.Output);

            Assert.That(rsp.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(rsp.Headers.TryGetValues("Access-Control-Allow-Origin", out var origin) ? origin.Single() : null,
                Is.EqualTo("http://localhost:3000"), "CORS comes from appsettings.json");
            Assert.That(server.Output, Does.Not.Contain("Request starting"), "appsettings.json logs ASP.NET Core at Warning, not every request");
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }

    [Test]
    public async Task SIGTERM_stops_taking_requests_finishes_the_one_in_flight_and_exits_0()
    {
        await using var server = await StartAsync(ConnectionString, AppContext.BaseDirectory);
        await using var held = await PostingsLock.TakeAsync(ConnectionString);
        var inFlight = server.Http.GetAsync("/v1/postings?lang=en&limit=7"); // waits on the lock in PostgreSQL
        await held.UntilAReaderWaitsAsync();

        await server.TerminateAsync();
        await Task.Delay(500);
        HttpStatusCode? afterStop = null;
        try
        {
            using var fresh = new HttpClient { BaseAddress = server.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            afterStop = (await fresh.GetAsync("/health/live")).StatusCode;
        }
        catch (HttpRequestException)
        {
            // refused: no longer listening
        }
        await held.ReleaseAsync();
        var answer = await inFlight;
        var exited = await server.ExitsWithinAsync(TimeSpan.FromSeconds(30));

        Assert.That(afterStop, Is.Null, "a new connection after SIGTERM is refused");
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the request in flight is answered");
        Assert.That(exited, Is.True, server.Output);
        Assert.That(server.Process.ExitCode, Is.Zero, server.Output);
    }
}
