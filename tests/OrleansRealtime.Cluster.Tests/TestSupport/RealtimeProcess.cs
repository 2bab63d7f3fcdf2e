using System.Diagnostics;

namespace OrleansRealtime.Cluster.Tests.TestSupport;

/// <summary>
/// One real silo or gateway process, started from its built DLL with <c>dotnet</c>, environment variables for its
/// configuration, its own empty working directory and an HTTP URL on a chosen port. Its output is kept (with the
/// time of each line) for the test log. <see cref="Kill"/> is SIGKILL: no shutdown code runs, as when a pod or its
/// node dies. Disposing kills whatever still runs and deletes the working directory, so a failed test leaves no
/// process behind.
/// </summary>
public sealed class RealtimeProcess : IAsyncDisposable
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);
    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly string _workingDirectory;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RealtimeProcess(string name, string dll, int httpPort, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        HttpPort = httpPort;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}");
        _workingDirectory = Directory.CreateTempSubdirectory($"realtime-{name}-").FullName;
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", BaseAddress.ToString().TrimEnd('/')])
        {
            WorkingDirectory = _workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
    }

    public string Name { get; }

    public int HttpPort { get; }

    public Uri BaseAddress { get; }

    /// <summary>The WebSocket base address (<c>ws://127.0.0.1:port</c>).</summary>
    public Uri WebSocketAddress => new($"ws://127.0.0.1:{HttpPort}");

    public bool HasExited => _process.HasExited;

    public bool WasKilled { get; private set; }

    public static RealtimeProcess Start(string name, string dll, int httpPort, IReadOnlyDictionary<string, string> environment)
    {
        var process = new RealtimeProcess(name, dll, httpPort, environment);
        process._process.Start();
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Waits for the host's "Application started" line (the generic host writes it once every hosted service has
    /// started: the silo has joined and is active, a gateway pod's cluster client is connected), then checks that
    /// <c>/healthz</c> answers 200. Fails at once when the process exits, with its output.
    /// </summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        Task first;
        try
        {
            first = await Task.WhenAny(_started.Task, exited).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} did not start within {timeout.TotalSeconds:0} s:\n{Output}");
        }

        if (first == exited)
        {
            throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it started:\n{Output}");
        }

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = ProbeTimeout * 5 };
        using var response = await http.GetAsync("/healthz");
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{Name} started but /healthz answers {(int)response.StatusCode}:\n{Output}");
        }
    }

    /// <summary>SIGKILL of the process (and any child), then waits until it is gone.</summary>
    public async Task KillAsync()
    {
        WasKilled = true;
        Log("--- killed by the test (SIGKILL) ---");
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>The last <paramref name="lines"/> lines of output, for a test log that must stay readable.</summary>
    public string Tail(int lines)
    {
        lock (_output)
        {
            return string.Join('\n', _output.Skip(Math.Max(0, _output.Count - lines)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // Already gone, or it will be reaped with the test host.
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_workingDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private void OnLine(string? line)
    {
        if (line is not null)
        {
            Log(line);
            if (line.Contains("Application started.", StringComparison.Ordinal))
            {
                _started.TrySetResult();
            }
        }
    }

    private void Log(string line)
    {
        lock (_output)
        {
            // Wall-clock time, so lines of different processes and of the test line up.
            _output.Add($"[{DateTimeOffset.UtcNow:HH:mm:ss.fff}] {line}");
        }
    }
}
