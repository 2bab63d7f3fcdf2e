using System.Text.Json;
using OrleansRealtime.LoadHarness;
using OrleansRealtime.LoadHarness.Hosting;
using OrleansRealtime.LoadHarness.Reporting;

// Load harness of issue 7. Loopback only: every server it starts listens on 127.0.0.1 and every socket
// comes from 127.0.0.x. Every scenario is bounded in count and time.
//   run (default):  --target ours|socketio|signalr|bare --n SOCKETS [--checkpoints 10000,50000] [--ladder]
//                   [--scenarios idle,peruser,broadcast,ai,storm] [--rate 5000] [--seconds 8] [--sources 4] [--out DIR]
//   report --out DIR   merges DIR/*.json into DIR/results.md and draws the charts with gnuplot
if (args is ["report", .. var rest])
{
    var reportOptions = HarnessOptions.Parse(rest);
    return Report.Write(reportOptions.Out, rest.SkipWhile(a => a != "--charts").Skip(1).FirstOrDefault(), Console.Out);
}

var options = HarnessOptions.Parse(args is ["run", .. var runArgs] ? runArgs : args);
FileDescriptorLimit.Raise((ulong)Math.Max(65536, (options.Sockets * 2) + 10000), Console.Out);
var run = new LoadRun(options, Console.Out);
var results = await run.RunAsync();
var path = Path.Combine(options.Out, $"{options.Target}.json");
await File.WriteAllTextAsync(path, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
Console.WriteLine($"results: {path}");
return 0;
