using Microsoft.Extensions.Options;
using Npgsql;

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

    public static List<string> Failures(PostgreSqlStorageOptions options)
    {
        const string section = PostgreSqlStorageOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return [$"{section}:ConnectionString must be set (for example 'Host=localhost;Username=postgres;Password=...;Database=realtime'), but is empty."];
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            return string.IsNullOrWhiteSpace(builder.Host)
                ? [$"{section}:ConnectionString must name a Host, but its Host is empty."]
                : [];
        }
        catch (ArgumentException ex)
        {
            // The message names the bad keyword, never the whole string (it usually holds a password).
            return [$"{section}:ConnectionString is not a valid Npgsql connection string: {ex.Message}"];
        }
    }
}
