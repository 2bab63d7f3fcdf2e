using Microsoft.Extensions.Options;

namespace OrleansRealtime.Providers.PostgreSql.Internal;

/// <summary>Checks <see cref="PostgreSqlStreamLogOptions"/> at host start, with messages naming the property and the value.</summary>
internal sealed class PostgreSqlStreamLogOptionsValidator : IValidateOptions<PostgreSqlStreamLogOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlStreamLogOptions options)
    {
        const string section = PostgreSqlStreamLogOptions.SectionName;
        var failures = PostgreSqlConnectionStringRules.Failures($"{section}:ConnectionString", options.ConnectionString, $"{PostgreSqlStorageOptions.SectionName}:ConnectionString");
        if (PostgreSqlConnectionStringRules.PositiveTimeout($"{section}:CommandTimeout", options.CommandTimeout) is { } timeout)
        {
            failures.Add(timeout);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures.Select(f => $"stream log: {f}"));
    }
}
