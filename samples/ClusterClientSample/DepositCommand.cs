using System.Net;
using Microsoft.Extensions.Configuration;
using Npgsql;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Client.Hosting;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Users;
using OrleansRealtime.Providers.PostgreSql;

namespace ClusterClientSample;

/// <summary>
/// Connects to the cluster as a client, deposits tokens on a user's balance through <see cref="IUserGrain"/> (what
/// <c>POST /api/users/{userId}/balance/deposit</c> calls in the gateway), and prints the ledger entry. The grain
/// publishes <c>balance:update</c> on <c>user/{userId}</c>, so every socket of that user on any gateway sees it.
/// </summary>
public static class DepositCommand
{
    public const string Usage = """
        ClusterClientSample: deposits tokens for a user through the cluster's grains.

          dotnet run --project samples/ClusterClientSample -- --postgres "Host=127.0.0.1;Port=55432;Username=postgres;Database=realtime_test" --cluster-id local --user alice --amount 100
          dotnet run --project samples/ClusterClientSample -- --gateway 127.0.0.1:30000 --user alice --amount 100

          --postgres CONN    find the gateways in the cluster's PostgreSQL membership table (Realtime__Clustering__PostgreSql__ConnectionString)
          --gateway H:P      or connect to this silo gateway endpoint (Realtime__Client__Gateways__0); more with --Realtime:Client:Gateways:1=H:P
          --cluster-id ID    the cluster (Realtime__Client__ClusterId, default dev)
          --user ID          the user whose balance gets the tokens (default alice)
          --amount N         whole tokens, 1..1000000000 (default 100)
          --reason TEXT      stored on the ledger entry (default "cluster client sample")
        """;

    /// <summary>Short switches for the configuration keys the sample reads.</summary>
    public static readonly IDictionary<string, string> SwitchMappings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--postgres"] = $"{PostgreSqlClusteringOptions.SectionName}:ConnectionString",
        ["--gateway"] = $"{ClusterClientOptions.SectionName}:Gateways:0",
        ["--cluster-id"] = $"{ClusterClientOptions.SectionName}:ClusterId",
        ["--user"] = "Sample:User",
        ["--amount"] = "Sample:Amount",
        ["--reason"] = "Sample:Reason",
    };

    /// <summary>Returns 0 after a deposit, 1 when the cluster or the grain refused, 2 on bad arguments.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var options = configuration.GetSection(ClusterClientOptions.SectionName).Get<ClusterClientOptions>() ?? new ClusterClientOptions();
        var user = configuration["Sample:User"] ?? "alice";
        var reason = configuration["Sample:Reason"] ?? "cluster client sample";
        if (!long.TryParse(configuration["Sample:Amount"] ?? "100", out var amount))
        {
            await error.WriteLineAsync($"--amount must be a whole number, but is '{configuration["Sample:Amount"]}'.\n\n{Usage}");
            return 2;
        }

        var connectionString = configuration[$"{PostgreSqlClusteringOptions.SectionName}:ConnectionString"]
            ?? configuration[$"{PostgreSqlStorageOptions.SectionName}:ConnectionString"];
        if (options.Gateways.Count == 0 && string.IsNullOrWhiteSpace(connectionString))
        {
            await error.WriteLineAsync($"Say where the cluster is: --postgres CONNECTION_STRING or --gateway HOST:PORT.\n\n{Usage}");
            return 2;
        }

        await using var dataSource = options.Gateways.Count == 0 ? NpgsqlDataSource.Create(connectionString!) : null;
        IGatewayListProvider gateways;
        try
        {
            gateways = dataSource is null
                ? new StaticGatewayListProvider(options.Gateways.Select(IPEndPoint.Parse))
                : new MembershipGatewayListProvider(new PostgreSqlMembershipTable(dataSource, options.ClusterId));
        }
        catch (FormatException)
        {
            await error.WriteLineAsync($"A gateway must be 'address:port' (for example 127.0.0.1:30000), but got '{string.Join(", ", options.Gateways)}'.");
            return 2;
        }

        try
        {
            await using var client = await ClusterClient.ConnectAsync(gateways, options, cancellationToken: cancellationToken);
            var grain = client.GetGrain<IUserGrain>(user);
            var entry = await grain.DepositAsync(amount, reason);
            await output.WriteLineAsync(
                $"deposited {entry.Amount} tokens for {user}: ledger entry {entry.Id}, balance_after={entry.BalanceAfter} (cluster '{options.ClusterId}')");
            return 0;
        }
        catch (DomainException ex)
        {
            await error.WriteLineAsync($"The grain refused: {ex.ErrorCode}: {ex.Detail}");
            return 1;
        }
        catch (RealtimeException ex)
        {
            await error.WriteLineAsync($"The cluster did not answer: {ex.GetType().Name}: {ex.Message}");
            return 1;
        }
    }
}
