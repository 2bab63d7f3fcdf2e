using System.Diagnostics;
using System.Text;

namespace OrleansRealtime.Silo.Tests;

/// <summary>Runs a program to its end (bounded), capturing stdout and stderr together.</summary>
internal static class ScriptRun
{
    /// <summary>The repository root: the first parent of the test's output folder that holds test.sh.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Debug or Release: the configuration the tests (and so the silo they reference) were built in.</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";

    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments,
        IDictionary<string, string>? environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not end within {timeout}:\n{Text(output)}");
        }

        return (process.ExitCode, Text(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "test.sh")) && Directory.Exists(Path.Combine(directory.FullName, "scripts")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (a folder with test.sh) above {AppContext.BaseDirectory}.");
    }
}
