using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Careers.Tests.Infrastructure;

/// <summary>
/// The built executable run as a service manager or a container runs it: started as
/// <c>dotnet /path/Careers.Api.dll</c> from some other folder, stopped with SIGTERM.
/// </summary>
public sealed class ProcessTests : ApiFixture
{
    // The test project references the api: its build output sits next to the tests' own.
    static readonly string ApiDll = Path.Combine(AppContext.BaseDirectory, "Careers.Api.dll");

    protected override Task ArrangeAsync() => Given.PostingAsync(languages: ["en"], countries: ["DE"], slug: "process-posting");

    /// <summary>A running instance of the real executable, its output captured.</summary>
    sealed class Server : IAsyncDisposable
    {
        readonly StringBuilder _output = new();
        public Process Process { get; }
        public int Port { get; } = LoopbackPort.Free();
        public HttpClient Http { get; }
        public string Output { get { lock (_output) return _output.ToString(); } }

        Server(string connectionString, string workingDirectory)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(ApiDll);
            start.Environment["ConnectionStrings__Postgres"] = connectionString;
            start.Environment["ConnectionStrings__Redis"] = TestEnvironment.RedisConnectionString;
            start.Environment["Careers__Cache__KeyPrefix"] = $"test:{Guid.NewGuid():N}:";
            start.Environment["Careers__MigrateOnStartup"] = "false";
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["DOTNET_ENVIRONMENT"] = "Production";
            start.Environment.Remove("Careers__Cors__AllowedOrigins");
            start.Environment.Remove("Logging__LogLevel__Default");
            Process = Process.Start(start)!;
            Process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
            Process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
            Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(30) };
        }

        public static async Task<Server> StartAsync(string connectionString, string workingDirectory)
        {
            var server = new Server(connectionString, workingDirectory);
            var watch = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    if ((await server.Http.GetAsync("/health/live")).IsSuccessStatusCode) return server;
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                if (server.Process.HasExited || watch.Elapsed > TimeSpan.FromSeconds(30))
                    throw new AssertionException($"The API did not start: {server.Output}");
                await Task.Delay(100);
            }
        }

        public async Task TerminateAsync()
        {
            using var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        public async Task<bool> ExitsWithinAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await Process.WaitForExitAsync(cts.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
            Process.Dispose();
        }
    }

    [Test]
    public async Task Started_from_another_folder_it_reads_its_own_settings()
    {
        var elsewhere = Directory.CreateTempSubdirectory("careers-cwd-").FullName;
        try
        {
            await using var server = await Server.StartAsync(ConnectionString, elsewhere);
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
        await using var server = await Server.StartAsync(ConnectionString, AppContext.BaseDirectory);
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
