using ClusterClientSample;
using Microsoft.Extensions.Configuration;

// Settings from the environment (Realtime__Client__ClusterId, Realtime__Client__Gateways__0,
// Realtime__Clustering__PostgreSql__ConnectionString), overridden by the command line (see DepositCommand.Usage).
if (args is ["-h" or "--help", ..])
{
    Console.Out.WriteLine(DepositCommand.Usage);
    return 0;
}

var configuration = new ConfigurationBuilder()
    .AddEnvironmentVariables()
    .AddCommandLine(args, DepositCommand.SwitchMappings)
    .Build();

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await DepositCommand.RunAsync(configuration, Console.Out, Console.Error, cancel.Token);
