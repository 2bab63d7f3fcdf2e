using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OrleansRealtime.LoadHarness.Reporting;

/// <summary>
/// Merges one run's <c>TARGET.json</c> files into a markdown table (every figure beside its ratio to the
/// other targets of the same run) and draws the charts with gnuplot: a latency CDF of the per-user scenario
/// and broadcast throughput against connections (the --ladder checkpoints).
/// </summary>
public static class Report
{
    private static readonly string[] Order = ["ours", "socketio", "signalr", "bare"];

    public static int Write(string dir, string? chartsDir, TextWriter log)
    {
        var runs = Order
            .Select(t => Path.Combine(dir, $"{t}.json"))
            .Where(File.Exists)
            .Select(p => JsonDocument.Parse(File.ReadAllText(p)).RootElement)
            .ToList();
        if (runs.Count == 0)
        {
            log.WriteLine($"no results in {dir}");
            return 1;
        }

        var md = new StringBuilder();
        md.AppendLine("| measure | " + string.Join(" | ", runs.Select(r => r.GetProperty("target").GetString())) + " |");
        md.AppendLine("|---|" + string.Concat(runs.Select(_ => "---|")));
        Row(md, runs, "sockets", r => Num(r, "sockets"), "F0");
        Row(md, runs, "connects/s", r => Num(r, "connect_per_s"), "F0");
        foreach (var cp in runs[0].TryGetProperty("checkpoints", out var cps) ? cps.EnumerateArray().Select(c => Num(c, "sockets")).ToList() : [])
        {
            Row(md, runs, $"idle KB/socket at {cp:F0} (server RSS delta / sockets)", r => Checkpoint(r, cp, "kb_per_socket"), "F2");
        }

        Row(md, runs, "idle server CPU (cores)", r => Num(r, "idle", "server_cpu_cores"), "F3");
        foreach (var key in runs[0].EnumerateObject().Select(p => p.Name).Where(n => n.StartsWith("peruser_", StringComparison.Ordinal)))
        {
            var rate = key["peruser_".Length..];
            Row(md, runs, $"per-user {rate} ev/s: deliveries/s", r => Num(r, key, "deliveries_per_s"), "F0");
            foreach (var p in new[] { "p50", "p90", "p99", "p999" })
            {
                Row(md, runs, $"per-user {rate} ev/s: {p.Replace("p999", "p99.9")} ms", r => Num(r, key, $"{p}_ms"), "F2");
            }

            Row(md, runs, $"per-user {rate} ev/s: server CPU (cores)", r => Num(r, key, "server_cpu_cores"), "F2");
            Row(md, runs, $"per-user {rate} ev/s: missing events", r => Num(r, key, "missing"), "F0");
        }

        Row(md, runs, "broadcast: deliveries/s", r => Num(r, "broadcast", "deliveries_per_s"), "F0");
        Row(md, runs, "broadcast: p50 ms", r => Num(r, "broadcast", "p50_ms"), "F1");
        Row(md, runs, "broadcast: p99 ms", r => Num(r, "broadcast", "p99_ms"), "F1");
        Row(md, runs, "broadcast: server CPU (cores)", r => Num(r, "broadcast", "server_cpu_cores"), "F2");
        Row(md, runs, "AI chunks: frames/s", r => Num(r, "ai", "deliveries_per_s"), "F0");
        Row(md, runs, "AI chunks: responses", r => Num(r, "ai", "responses"), "F0");
        Row(md, runs, "AI chunks: frames per response per socket", r => Num(r, "ai", "frames_per_response_per_socket"), "F1");
        Row(md, runs, "AI chunks: first frame p99 ms", r => Num(r, "ai", "first_frame_p99_ms"), "F1");
        Row(md, runs, "AI chunks: complete p99 ms", r => Num(r, "ai", "complete_p99_ms"), "F1");
        Row(md, runs, "storm: sockets", r => Num(r, "storm", "sockets"), "F0");
        Row(md, runs, "storm: reconnected", r => Num(r, "storm", "reconnected"), "F0");
        Row(md, runs, "storm: all reconnected after s", r => Num(r, "storm", "reconnect_s"), "F2");
        Row(md, runs, "storm: all caught up after s", r => Num(r, "storm", "recovered_s"), "F2");
        Row(md, runs, "storm: missing events (gaps)", r => Num(r, "storm", "missing_events"), "F0");
        Row(md, runs, "storm: sockets with a gap", r => Num(r, "storm", "sockets_with_gap"), "F0");
        Row(md, runs, "connect failures (after 3 tries; storm: retried to its deadline)", r => Num(r, "connect_failures"), "F0");
        Row(md, runs, "sockets closed by the server", r => Num(r, "unexpected_drops"), "F0");
        Row(md, runs, "load average at start (1 min, whole machine)", r => r.TryGetProperty("load_average_start", out var l) && l.GetString() is { } s ? double.Parse(s.Split(' ')[0], CultureInfo.InvariantCulture) : double.NaN, "F1");

        if (runs.Count > 1 && runs[0].GetProperty("target").GetString() == "ours")
        {
            md.AppendLine();
            md.AppendLine("Ratios (ours ÷ peer, same run; for deliveries/s higher is better, for ms/KB lower is better):");
            md.AppendLine();
            md.AppendLine("| measure | " + string.Join(" | ", runs.Skip(1).Select(r => "ours ÷ " + r.GetProperty("target").GetString())) + " |");
            md.AppendLine("|---|" + string.Concat(runs.Skip(1).Select(_ => "---|")));
            Ratio(md, runs, "broadcast deliveries/s", r => Num(r, "broadcast", "deliveries_per_s"));
            foreach (var key in runs[0].EnumerateObject().Select(p => p.Name).Where(n => n.StartsWith("peruser_", StringComparison.Ordinal)))
            {
                Ratio(md, runs, $"{key.Replace('_', ' ')} p99", r => Num(r, key, "p99_ms"));
                Ratio(md, runs, $"{key.Replace('_', ' ')} server CPU", r => Num(r, key, "server_cpu_cores"));
            }

            Ratio(md, runs, "AI frames/s", r => Num(r, "ai", "deliveries_per_s"));
            var lastCp = runs[0].TryGetProperty("checkpoints", out var c2) ? c2.EnumerateArray().Select(c => Num(c, "sockets")).LastOrDefault() : 0;
            Ratio(md, runs, $"idle KB/socket at {lastCp:F0}", r => Checkpoint(r, lastCp, "kb_per_socket"));
        }

        File.WriteAllText(Path.Combine(dir, "results.md"), md.ToString());
        log.Write(md.ToString());
        if (chartsDir is not null)
        {
            Directory.CreateDirectory(chartsDir);
            Charts(dir, chartsDir, runs, log);
        }

        return 0;
    }

    private static void Charts(string dir, string chartsDir, List<JsonElement> runs, TextWriter log)
    {
        var targets = runs.Select(r => r.GetProperty("target").GetString()!).ToList();
        var gp = new StringBuilder();
        gp.AppendLine("set terminal pngcairo size 900,560 font 'sans,10'");
        gp.AppendLine("set grid; set key bottom right");

        var perUser = runs[0].EnumerateObject().Select(p => p.Name).Where(n => n.StartsWith("peruser_", StringComparison.Ordinal)).Select(n => n["peruser_".Length..]).FirstOrDefault();
        if (perUser is not null)
        {
            var sockets = Num(runs[0], "sockets");
            gp.AppendLine(CultureInfo.InvariantCulture, $"set output '{Path.Combine(chartsDir, "latency-cdf.png")}'");
            gp.AppendLine(CultureInfo.InvariantCulture, $"set title 'Per-user event latency CDF, {sockets:F0} sockets, {perUser} events/s (publish over HTTP to receive)'");
            gp.AppendLine("set xlabel 'latency (ms, log scale)'; set ylabel 'fraction of deliveries'; set logscale x; set yrange [0:1]");
            gp.AppendLine("plot " + string.Join(", ", targets
                .Select(t => (t, f: Path.Combine(dir, $"{t}-peruser-{perUser}.cdf")))
                .Where(x => File.Exists(x.f))
                .Select(x => $"'{x.f}' using 1:2 with lines lw 2 title '{x.t}'")));
            gp.AppendLine("unset logscale x; set yrange [*:*]");
        }

        var ladders = runs.Where(r => r.TryGetProperty("ladder", out _)).ToList();
        if (ladders.Count > 0)
        {
            foreach (var r in ladders)
            {
                var t = r.GetProperty("target").GetString();
                File.WriteAllLines(Path.Combine(dir, $"{t}-ladder.dat"), r.GetProperty("ladder").EnumerateArray()
                    .Select(p => string.Create(CultureInfo.InvariantCulture, $"{Num(p, "sockets")} {Num(p, "deliveries_per_s")}")));
            }

            gp.AppendLine(CultureInfo.InvariantCulture, $"set output '{Path.Combine(chartsDir, "throughput-vs-connections.png")}'");
            gp.AppendLine("set title 'Broadcast fan-out: deliveries per second against open connections'");
            gp.AppendLine("set xlabel 'open connections'; set ylabel 'deliveries/s'; set key top left; set logscale x; set yrange [0:*]");
            gp.AppendLine("plot " + string.Join(", ", ladders.Select(r => r.GetProperty("target").GetString())
                .Select(t => $"'{Path.Combine(dir, $"{t}-ladder.dat")}' using 1:2 with linespoints lw 2 pt 7 title '{t}'")));
        }

        var script = Path.Combine(dir, "charts.gp");
        File.WriteAllText(script, gp.ToString());
        try
        {
            using var gnuplot = Process.Start(new ProcessStartInfo("gnuplot", script) { UseShellExecute = false });
            gnuplot?.WaitForExit();
            log.WriteLine($"charts: {chartsDir} (gnuplot exit {gnuplot?.ExitCode})");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            log.WriteLine("gnuplot not found: apt-get install -y gnuplot-nox, then rerun the report");
        }
    }

    private static double Num(JsonElement e, params string[] path)
    {
        foreach (var p in path)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(p, out e))
            {
                return double.NaN;
            }
        }

        return e.ValueKind == JsonValueKind.Number ? e.GetDouble() : e.ValueKind == JsonValueKind.String && double.TryParse(e.GetString(), CultureInfo.InvariantCulture, out var d) ? d : double.NaN;
    }

    private static double Checkpoint(JsonElement r, double sockets, string key) =>
        r.TryGetProperty("checkpoints", out var cps)
            ? cps.EnumerateArray().Where(c => Num(c, "sockets") == sockets).Select(c => Num(c, key)).DefaultIfEmpty(double.NaN).First()
            : double.NaN;

    private static void Row(StringBuilder md, List<JsonElement> runs, string label, Func<JsonElement, double> value, string format)
    {
        var values = runs.Select(value).ToList();
        if (values.All(double.IsNaN))
        {
            return;
        }

        md.AppendLine($"| {label} | " + string.Join(" | ", values.Select(v => double.IsNaN(v) ? "–" : v.ToString(format, CultureInfo.InvariantCulture))) + " |");
    }

    private static void Ratio(StringBuilder md, List<JsonElement> runs, string label, Func<JsonElement, double> value)
    {
        var ours = value(runs[0]);
        md.AppendLine($"| {label} | " + string.Join(" | ", runs.Skip(1).Select(r => value(r) is var v && !double.IsNaN(v) && v != 0 && !double.IsNaN(ours) ? (ours / v).ToString("F2", CultureInfo.InvariantCulture) + "×" : "–")) + " |");
    }
}
