using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OrleansRealtime.Silo.Tests;

/// <summary>
/// The real silo executable, started on a free port (<c>--urls http://127.0.0.1:0</c>) in its own working
/// directory, so its SQLite data lands in a temp folder. Disposing sends SIGTERM and waits for the exit.
/// </summary>
public sealed partial class SiloProcess : IAsyncDisposable
{
    /// <summary>The JWT key every started silo gets unless the test sets its own (or removes it with an empty value).</summary>
    public const string SigningKey = "silo-process-tests-signing-key-0123456789abcdef";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private SiloProcess(string workingDirectory, IDictionary<string, string> environment, IReadOnlyList<string>? arguments)
    {
        WorkingDirectory = workingDirectory;
        var silo = Path.Combine(AppContext.BaseDirectory, "OrleansRealtime.Silo.dll");
        var start = new ProcessStartInfo("dotnet", [silo, .. arguments ?? ["--urls", "http://127.0.0.1:0"]])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A production start needs a signing key (there is no development default outside Development).
        start.Environment["Realtime__Auth__SigningKey"] = SigningKey;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException($"The silo exited with {_process.ExitCode}:\n{Output}"));
    }

    public string WorkingDirectory { get; }

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

    public Process Process => _process;

    public static SiloProcess Start(IDictionary<string, string>? environment = null) => Run(environment, arguments: null);

    /// <summary>Runs the silo executable with <paramref name="arguments"/> instead of the default <c>--urls http://127.0.0.1:0</c>.</summary>
    public static SiloProcess Run(IDictionary<string, string>? environment, IReadOnlyList<string>? arguments)
    {
        var directory = Directory.CreateTempSubdirectory("realtime-silo-").FullName;
        var silo = new SiloProcess(directory, environment ?? new Dictionary<string, string>(), arguments);
        silo._process.Start();
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>The base address the silo reported once Kestrel bound its port.</summary>
    public Task<Uri> ListeningAsync() => _listening.Task.WaitAsync(StartTimeout);

    /// <summary>Sends SIGTERM (graceful stop) and returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            Kill(_process.Id, 15);
        }

        await _process.WaitForExitAsync().WaitAsync(StartTimeout);
        return _process.ExitCode;
    }

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(StartTimeout);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await StopAsync();
            }
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
            Directory.Delete(WorkingDirectory, recursive: true);
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["url"].Value));
        }
    }

    [GeneratedRegex(@"listening on (?<url>http://[^\s,]+)")]
    private static partial Regex ListeningLine();

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
