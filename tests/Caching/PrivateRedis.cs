using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Careers.Tests.Caching;

/// <summary>A redis-server of one fixture's own, on a free loopback port, to kill, freeze and restart.</summary>
public sealed class PrivateRedis : IDisposable
{
    Process? _server;

    public int Port { get; } = LoopbackPort.Free();

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts the server (on the same port every time) and waits until it answers PING.</summary>
    public async Task StartAsync()
    {
        if (_server is { HasExited: false }) return;
        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning" })
            start.ArgumentList.Add(arg);
        _server = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        var watch = Stopwatch.StartNew();
        while (!await AnswersAsync())
        {
            if (_server.HasExited || watch.Elapsed > TimeSpan.FromSeconds(5))
                throw new InvalidOperationException($"redis-server on port {Port} does not answer.");
            await Task.Delay(20);
        }
    }

    /// <summary>The server dies at once (SIGKILL): clients see their connection drop.</summary>
    public void Kill()
    {
        if (_server is null) return;
        if (!_server.HasExited) _server.Kill();
        _server.WaitForExit();
        _server.Dispose();
        _server = null;
    }

    /// <summary>The server stops answering but keeps its connections open (SIGSTOP): clients time out.</summary>
    public Task FreezeAsync() => SignalAsync("-STOP");

    public Task ThawAsync() => SignalAsync("-CONT");

    async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [signal, _server!.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Clients subscribed to a channel (PUBSUB NUMSUB).</summary>
    public async Task<int> SubscribersAsync(string channel)
    {
        // Reply: *2 $len channel :count
        var reply = await CommandAsync("PUBSUB", "NUMSUB", channel);
        return int.Parse(reply.Split("\r\n")[^2].TrimStart(':'), CultureInfo.InvariantCulture);
    }

    async Task<bool> AnswersAsync()
    {
        try
        {
            return (await CommandAsync("PING")).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>One command in RESP, its raw reply (small replies only).</summary>
    async Task<string> CommandAsync(params string[] args)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        var command = new StringBuilder($"*{args.Length}\r\n");
        foreach (var arg in args) command.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(arg)}\r\n{arg}\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(command.ToString()));
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    public void Dispose() => Kill();
}
