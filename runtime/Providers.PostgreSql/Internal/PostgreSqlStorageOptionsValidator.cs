using Microsoft.Extensions.Options;

namespace OrleansRealtime.Providers.PostgreSql.Internal;

/// <summary>Checks <see cref="PostgreSqlStorageOptions"/> at host start, with messages naming the property and the value.</summary>
internal sealed class PostgreSqlStorageOptionsValidator : IValidateOptions<PostgreSqlStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlStorageOptions options)
    {
        // Named options belong to a grain storage of that name; the unnamed ones to the reminder table.
        string owner = string.IsNullOrEmpty(name) ? "reminder table" : $"grain storage '{name}'";
        var failures = Failures(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures.Select(f => $"{owner}: {f}"));
    }

    public static List<string> Failures(PostgreSqlStorageOptions options) =>
        PostgreSqlConnectionStringRules.Failures($"{PostgreSqlStorageOptions.SectionName}:ConnectionString", options.ConnectionString);
}
