using Npgsql;

namespace OrleansRealtime.Cluster.Tests.TestSupport;

/// <summary>Reads the PostgreSQL grain directory (<c>sql/postgresql/002_cluster.sql</c>): which silo hosts a grain.</summary>
public static class GrainDirectoryTable
{
    /// <summary>The grain id of a user's stream rendezvous: <c>sys.stream/{provider}/{namespace}/{key}</c> (StreamKeys.Rendezvous).</summary>
    public static string UserStream(string userId) => $"sys.stream/events/user/{userId}";

    /// <summary>The <c>address:port@generation</c> of the silo that holds the grain's activation, or null when none does.</summary>
    public static async Task<string?> SiloOfAsync(string connectionString, string clusterId, string grainId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT silo_address FROM grain_directory WHERE cluster_id = @cluster AND grain_id = @grain;", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        command.Parameters.AddWithValue("grain", grainId);
        return await command.ExecuteScalarAsync() as string;
    }
}
