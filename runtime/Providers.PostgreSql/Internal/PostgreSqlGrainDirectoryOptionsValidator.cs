using Microsoft.Extensions.Options;

namespace OrleansRealtime.Providers.PostgreSql.Internal;

/// <summary>Checks <see cref="PostgreSqlGrainDirectoryOptions"/> at host start, with messages naming the property and the value.</summary>
internal sealed class PostgreSqlGrainDirectoryOptionsValidator : IValidateOptions<PostgreSqlGrainDirectoryOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlGrainDirectoryOptions options)
    {
        const string section = PostgreSqlGrainDirectoryOptions.SectionName;
        var failures = PostgreSqlConnectionStringRules.Failures($"{section}:ConnectionString", options.ConnectionString, $"{PostgreSqlStorageOptions.SectionName}:ConnectionString");
        if (PostgreSqlConnectionStringRules.PositiveTimeout($"{section}:CommandTimeout", options.CommandTimeout) is { } timeout)
        {
            failures.Add(timeout);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures.Select(f => $"grain directory: {f}"));
    }
}
