using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Careers.Tests;

/// <summary>
/// The built executable, run as a service manager or a container runs it (<c>dotnet Careers.Api.dll</c>,
/// settings from the environment), on a loopback port of its own, its stdout and stderr captured: for
/// what WebApplicationFactory cannot show (start-up from another folder, signals, log lines, extra ports).
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    // The test project references the api: its build output sits next to the tests' own.
    public static readonly string ApiDll = Path.Combine(AppContext.BaseDirectory, "Careers.Api.dll");

    readonly StringBuilder _output = new();
    public Process Process { get; }
    public int Port { get; } = LoopbackPort.Free();
    public HttpClient Http { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }
    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    ApiProcess(string connectionString, string workingDirectory, Action<IDictionary<string, string?>>? environment)
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
        environment?.Invoke(start.Environment);
        Process = Process.Start(start)!;
        Process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        Process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Starts it and waits until <c>/health/live</c> answers (30 s at most).</summary>
    /// <param name="environment">Changes to the process's environment, after the defaults above.</param>
    public static async Task<ApiProcess> StartAsync(string connectionString, string workingDirectory,
        Action<IDictionary<string, string?>>? environment = null)
    {
        var server = new ApiProcess(connectionString, workingDirectory, environment);
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

    /// <summary>The output's lines holding <paramref name="text"/>, waiting up to 5 s for the first.</summary>
    public async Task<string[]> LinesWithAsync(string text)
    {
        for (var i = 0; i < 100 && !Output.Contains(text, StringComparison.Ordinal); i++) await Task.Delay(50);
        return [.. Lines.Where(l => l.Contains(text, StringComparison.Ordinal))];
    }

    /// <summary>SIGTERM, as a service manager or <c>docker stop</c> sends it.</summary>
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
