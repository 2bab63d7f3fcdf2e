using System.Diagnostics;
using OrleansRealtime.LoadHarness.Targets;

namespace OrleansRealtime.LoadHarness.Hosting;

/// <summary>The server under test, started as a child (it inherits the raised fd limit), its output in a log file.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServerProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    private System.Runtime.InteropServices.PosixSignalRegistration[] _signals = [];

    public int Pid => _process.Id;

    private void KillNow()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    public bool HasExited => _process.HasExited;

    public static async Task<ServerProcess> StartAsync(Target target, string repo, string logPath, HttpClient http, IEnumerable<string> extraEnvironment)
    {
        if (System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Any(e => e.Port == target.Port))
        {
            throw new InvalidOperationException($"port {target.Port} is already in use on this machine: pick another with --port");
        }

        var info = target.ServerStartInfo(repo);
        foreach (var pair in extraEnvironment)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            info.Environment[pair[..eq]] = pair[(eq + 1)..];
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, log);
        // A harness stopped with Ctrl+C or SIGTERM still takes its server down.
        server._signals = [.. new[] { System.Runtime.InteropServices.PosixSignal.SIGINT, System.Runtime.InteropServices.PosixSignal.SIGTERM }
            .Select(s => System.Runtime.InteropServices.PosixSignalRegistration.Create(s, _ => server.KillNow()))];
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{target.Name} exited with {process.ExitCode} at start; see {logPath}");
            }

            try
            {
                using var response = await http.GetAsync($"{target.BaseUrl}/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        await server.DisposeAsync();
        throw new TimeoutException($"{target.Name} did not answer /healthz within 60 s; see {logPath}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }
}
