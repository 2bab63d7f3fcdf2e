using Microsoft.Extensions.Options;

namespace OrleansRealtime.Providers.PostgreSql.Internal;

/// <summary>Checks <see cref="PostgreSqlClusteringOptions"/> at host start, with messages naming the property and the value.</summary>
internal sealed class PostgreSqlClusteringOptionsValidator : IValidateOptions<PostgreSqlClusteringOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlClusteringOptions options) =>
        PostgreSqlConnectionStringRules.ValidateConnection("membership table", PostgreSqlClusteringOptions.SectionName, options.ConnectionString, options.CommandTimeout);
}
