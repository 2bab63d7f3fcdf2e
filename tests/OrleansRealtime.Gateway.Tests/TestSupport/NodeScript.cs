using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace OrleansRealtime.Gateway.Tests.TestSupport;

/// <summary>
/// Runs <c>node</c> on a script of <c>tests/interop</c> (whose npm packages <c>test.sh</c> installs with
/// <c>npm ci</c>) and reads what it prints: one JSON object a line. Every read has a timeout; the process
/// is killed (with its children) at dispose, so a hung script never outlives its test.
/// </summary>
public sealed class NodeScript : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<JsonElement> _lines = Channel.CreateUnbounded<JsonElement>();
    private readonly List<string> _output = [];
    private readonly Lock _outputLock = new();

    private NodeScript(Process process)
    {
        _process = process;
    }

    /// <summary>The folder of the interop scripts and their package.json.</summary>
    public static string InteropDirectory { get; } = FindInteropDirectory();

    /// <summary>Everything the script printed so far, stdout and stderr, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public static NodeScript Start(string script, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!Directory.Exists(Path.Combine(InteropDirectory, "node_modules")))
        {
            throw new InvalidOperationException($"The npm packages of {InteropDirectory} are not installed: run 'npm ci' there (test.sh does).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = InteropDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(InteropDirectory, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var node = new NodeScript(process);
        process.OutputDataReceived += (_, e) => node.OnLine(e.Data, stdout: true);
        process.ErrorDataReceived += (_, e) => node.OnLine(e.Data, stdout: false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>The next JSON line, within <paramref name="timeout"/> (default <see cref="TestTimeouts.Default"/>).</summary>
    public async Task<JsonElement> NextAsync(TimeSpan? timeout = null)
    {
        try
        {
            return await _lines.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? TestTimeouts.Default);
        }
        catch (Exception e) when (e is TimeoutException or ChannelClosedException)
        {
            throw new InvalidOperationException($"node printed no further line ({e.GetType().Name}). Output so far:\n{Output}", e);
        }
    }

    /// <summary>The next line whose <c>event</c> is <paramref name="eventName"/>, skipping others.</summary>
    public async Task<JsonElement> NextEventAsync(string eventName, TimeSpan? timeout = null)
    {
        var budget = Stopwatch.StartNew();
        var limit = timeout ?? TestTimeouts.Default;
        while (true)
        {
            var remaining = limit - budget.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw new InvalidOperationException($"node printed no '{eventName}' line. Output so far:\n{Output}");
            }

            var line = await NextAsync(remaining);
            if (line.TryGetProperty("event", out var name) && name.GetString() == eventName)
            {
                return line;
            }
        }
    }

    /// <summary>Every line up to and including <c>{"event":"done"}</c>, then the exit code.</summary>
    public async Task<(IReadOnlyList<JsonElement> Lines, int ExitCode)> RunToEndAsync(TimeSpan? timeout = null)
    {
        var lines = new List<JsonElement>();
        while (true)
        {
            var line = await NextAsync(timeout);
            lines.Add(line);
            if (line.TryGetProperty("event", out var name) && name.GetString() == "done")
            {
                break;
            }
        }

        await _process.WaitForExitAsync().WaitAsync(timeout ?? TestTimeouts.Default);
        return (lines, _process.ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TestTimeouts.Default);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    private void OnLine(string? line, bool stdout)
    {
        if (line is null)
        {
            // End of the stream: no line will follow, so readers fail now instead of at their timeout.
            if (stdout)
            {
                _lines.Writer.TryComplete();
            }

            return;
        }

        lock (_outputLock)
        {
            _output.Add(stdout ? line : $"[stderr] {line}");
        }

        if (!stdout || !line.StartsWith('{'))
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            _lines.Writer.TryWrite(document.RootElement.Clone());
        }
        catch (JsonException)
        {
            // Not one of the script's lines (e.g. a stray log); kept in Output only.
        }
    }

    private static string FindInteropDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "interop");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No tests/interop/package.json above {AppContext.BaseDirectory}.");
    }
}
