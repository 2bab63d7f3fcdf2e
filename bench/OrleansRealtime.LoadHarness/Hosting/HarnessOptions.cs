using System.Globalization;

namespace OrleansRealtime.LoadHarness.Hosting;

/// <summary>Command-line options (<c>--name value</c>); every default keeps a run short and modest.</summary>
public sealed class HarnessOptions
{
    public string Target { get; init; } = "ours";

    public int Port { get; init; } = 9100;

    /// <summary>Sockets to open (each user has 2).</summary>
    public int Sockets { get; init; } = 2000;

    /// <summary>Socket counts at which the connect phase pauses to read the server's RSS (and, with --ladder, run a broadcast).</summary>
    public int[] Checkpoints { get; init; } = [];

    public bool Ladder { get; init; }

    public double LadderSeconds { get; init; } = 4;

    public string[] Scenarios { get; init; } = ["idle", "peruser", "broadcast", "ai", "storm"];

    /// <summary>Per-user publish rates (events/s) of the peruser scenario, run one after another.</summary>
    public int[] Rates { get; init; } = [1000];

    public double Seconds { get; init; } = 8;

    public int Chats { get; init; } = 500;

    /// <summary>Frames per response a peer streams: 9, what ours sends per socket for the bench prompt (thinking, the chunks, the user message, complete).</summary>
    public int Chunks { get; init; } = 9;

    public int Storm { get; init; } = 2000;

    public int StormRate { get; init; } = 1000;

    /// <summary>Loopback source addresses 127.0.0.2, 127.0.0.3, … the sockets are spread over.</summary>
    public int Sources { get; init; } = 1;

    public int Concurrency { get; init; } = 200;

    /// <summary>Broadcasts in flight in the closed-loop broadcast scenario.</summary>
    public int Window { get; init; } = 8;

    /// <summary>Extra environment for the server (<c>--server-env K=V,K2=V2</c>), e.g. to try a GC setting without a rebuild.</summary>
    public string[] ServerEnv { get; init; } = [];

    public string Out { get; init; } = "bench/results/dev";

    public string Repo { get; init; } = FindRepo();

    public static HarnessOptions Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            var key = args[i][2..];
            map[key] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }

        string S(string k, string d) => map.TryGetValue(k, out var v) ? v : d;
        int I(string k, int d) => map.TryGetValue(k, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : d;
        double D(string k, double d) => map.TryGetValue(k, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : d;
        int[] L(string k, int[] d) => map.TryGetValue(k, out var v) ? [.. v.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture))] : d;

        var defaults = new HarnessOptions();
        var sockets = I("n", defaults.Sockets);
        return new HarnessOptions
        {
            Target = S("target", defaults.Target),
            Port = I("port", defaults.Port),
            Sockets = sockets,
            Checkpoints = [.. L("checkpoints", []).Where(c => c < sockets).Append(sockets).Distinct().Order()],
            Ladder = map.ContainsKey("ladder"),
            LadderSeconds = D("ladder-seconds", defaults.LadderSeconds),
            Scenarios = map.TryGetValue("scenarios", out var sc) ? sc.Split(',') : defaults.Scenarios,
            Rates = L("rate", defaults.Rates),
            Seconds = D("seconds", defaults.Seconds),
            Chats = I("chats", defaults.Chats),
            Chunks = I("chunks", defaults.Chunks),
            Storm = Math.Min(I("storm", defaults.Storm), sockets),
            StormRate = I("storm-rate", defaults.StormRate),
            Sources = I("sources", defaults.Sources),
            Concurrency = I("concurrency", defaults.Concurrency),
            Window = I("window", defaults.Window),
            Out = S("out", defaults.Out),
            ServerEnv = map.TryGetValue("server-env", out var env) ? env.Split(',') : [],
            Repo = S("repo", defaults.Repo),
        };
    }

    private static string FindRepo()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansRealtime.sln")))
            {
                return dir.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}
