using Microsoft.Extensions.Options;

namespace OrleansRealtime.Providers.PostgreSql.Internal;

/// <summary>Checks <see cref="PostgreSqlClusteringOptions"/> at host start, with messages naming the property and the value.</summary>
internal sealed class PostgreSqlClusteringOptionsValidator : IValidateOptions<PostgreSqlClusteringOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlClusteringOptions options)
    {
        const string section = PostgreSqlClusteringOptions.SectionName;
        var failures = PostgreSqlConnectionStringRules.Failures($"{section}:ConnectionString", options.ConnectionString, $"{PostgreSqlStorageOptions.SectionName}:ConnectionString");
        if (PostgreSqlConnectionStringRules.PositiveTimeout($"{section}:CommandTimeout", options.CommandTimeout) is { } timeout)
        {
            failures.Add(timeout);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures.Select(f => $"membership table: {f}"));
    }
}
