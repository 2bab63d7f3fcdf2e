using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansRealtime.Client.Hosting;

namespace OrleansRealtime.Providers.PostgreSql;

/// <summary>Client-side PostgreSQL registrations (gateway pods and other .NET services).</summary>
public static class PostgreSqlClientExtensions
{
    /// <summary>
    /// Lets a cluster client find the gateways in the cluster's PostgreSQL membership table (the rows of
    /// <c>Realtime:Client:ClusterId</c>), read before every connection attempt. The connection string is
    /// <c>Realtime:Clustering:PostgreSql:ConnectionString</c>, falling back to <c>Realtime:Storage:PostgreSql:ConnectionString</c>,
    /// as on the silos.
    /// </summary>
    public static IServiceCollection AddPostgreSqlGatewayList(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PostgreSqlClusteringOptions>().Bind(configuration.GetSection(PostgreSqlClusteringOptions.SectionName))
            .PostConfigure(o => o.ConnectionString = string.IsNullOrWhiteSpace(o.ConnectionString)
                ? configuration[$"{PostgreSqlStorageOptions.SectionName}:ConnectionString"] ?? string.Empty
                : o.ConnectionString)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString),
                $"{PostgreSqlClusteringOptions.SectionName}:ConnectionString (or {PostgreSqlStorageOptions.SectionName}:ConnectionString) must be set so the client can read the gateways.")
            .ValidateOnStart();
        services.AddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<PostgreSqlClusteringOptions>>().Value.ConnectionString));
        services.AddSingleton<IGatewayListProvider>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PostgreSqlClusteringOptions>>().Value;
            var table = new PostgreSqlMembershipTable(
                sp.GetRequiredService<NpgsqlDataSource>(),
                sp.GetRequiredService<IOptions<ClusterClientOptions>>().Value.ClusterId,
                options.CommandTimeout,
                sp.GetService<ILogger<PostgreSqlMembershipTable>>());
            return new MembershipGatewayListProvider(table);
        });
        return services;
    }
}
