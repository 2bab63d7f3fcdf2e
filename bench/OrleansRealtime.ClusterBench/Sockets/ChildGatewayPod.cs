using System.Diagnostics;
using System.Net;
using System.Threading.Channels;

namespace OrleansRealtime.ClusterBench.Sockets;

/// <summary>
/// The bench's gateway pod in a child process: this program run as <c>pod</c> (<see cref="PodProcess"/>). One reader
/// drains the child's stdout all the time, so the child never blocks on a full pipe (its Warning logs go there too):
/// protocol lines (<c>READY</c>, <c>STATS</c>, <c>TOKEN</c>) are queued for the request waiting on them, every other line
/// is copied to this process's stderr. Requests go one at a time. The child is killed on every way out: dispose
/// (after 20 s of waiting for it to stop), a failed start, and this process's exit (the watchdog's
/// <c>Environment.Exit</c>); and it stops by itself when this process dies and its stdin closes.
/// </summary>
internal sealed class ChildGatewayPod : IBenchPod
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly Channel<string> _replies = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Task _reader;
    private readonly EventHandler _killOnExit;
    private bool _disposed;

    private ChildGatewayPod(Process process)
    {
        _process = process;
        _killOnExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += _killOnExit;
        _reader = Task.Run(ReadOutputAsync);
    }

    public Uri WebSocketEndpoint { get; private set; } = null!;

    /// <summary>What the child printed on its READY line: the silo its cluster client connected to.</summary>
    public string? GatewaySilo { get; private set; }

    public int ProcessId => _process.Id;

    /// <summary>Starts the child and waits (at most 60 s) until it is listening and its cluster client is connected.</summary>
    public static async Task<ChildGatewayPod> StartAsync(IPEndPoint siloGateway)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildGatewayPod).Assembly.Location);
        }

        foreach (var arg in PodProcess.Arguments(siloGateway))
        {
            start.ArgumentList.Add(arg);
        }

        var pod = new ChildGatewayPod(Process.Start(start) ?? throw new InvalidOperationException("The pod process did not start."));
        try
        {
            var (port, silo) = PodProcess.ParseReady(await pod.ReplyAsync("READY ", StartTimeout));
            pod.WebSocketEndpoint = new UriBuilder("ws", IPAddress.Loopback.ToString(), port, "/ws").Uri;
            pod.GatewaySilo = silo;
            return pod;
        }
        catch
        {
            await pod.DisposeAsync();
            throw;
        }
    }

    /// <summary>The child's allocation, GC and CPU counters now.</summary>
    public async Task<Stats> StatsAsync() => Stats.Parse(await RequestAsync("stats", "STATS "));

    public async Task<string> MintTokenAsync(string userId) => (await RequestAsync("token " + userId, "TOKEN "))["TOKEN ".Length..];

    private async Task<string> RequestAsync(string command, string replyPrefix)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        return await ReplyAsync(replyPrefix, ReplyTimeout);
    }

    private async Task<string> ReplyAsync(string prefix, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        string line;
        try
        {
            line = await _replies.Reader.ReadAsync(deadline.Token);
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The pod process ended before it answered {prefix.Trim()}{ExitCode()}.");
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The pod process did not answer {prefix.Trim()} within {timeout}.");
        }

        return line.StartsWith(prefix, StringComparison.Ordinal)
            ? line
            : throw new InvalidOperationException($"The pod process answered '{line}' where {prefix.Trim()} was expected.");
    }

    private async Task ReadOutputAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("READY ", StringComparison.Ordinal) || line.StartsWith("STATS ", StringComparison.Ordinal) || line.StartsWith("TOKEN ", StringComparison.Ordinal))
                {
                    _replies.Writer.TryWrite(line);
                }
                else
                {
                    Console.Error.WriteLine("pod: " + line);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The child is gone or being disposed; a waiting request sees the channel close.
        }
        finally
        {
            _replies.Writer.TryComplete();
        }
    }

    private string ExitCode()
    {
        try
        {
            return _process.WaitForExit(TimeSpan.FromSeconds(1)) ? $" (exit code {_process.ExitCode})" : "";
        }
        catch (InvalidOperationException)
        {
            return "";
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    /// <summary>Closes the child's stdin (it stops its pod and exits), and kills it if it has not exited within 20 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Its end of the pipe is already closed: the child has exited.
        }

        using (var timeout = new CancellationTokenSource(ExitTimeout))
        {
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"socket: the pod process did not exit within {ExitTimeout} after its stdin closed; killing it.");
                Kill();
                _process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }

        await _reader.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        AppDomain.CurrentDomain.ProcessExit -= _killOnExit;
        _process.Dispose();
    }
}
