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

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public static async Task<ServerProcess> StartAsync(Target target, string repo, string logPath, HttpClient http)
    {
        var info = target.ServerStartInfo(repo);
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
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }
}
