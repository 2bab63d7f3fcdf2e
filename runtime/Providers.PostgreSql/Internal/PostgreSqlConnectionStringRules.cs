using Microsoft.Extensions.Options;
using Npgsql;

namespace OrleansRealtime.Providers.PostgreSql.Internal;

/// <summary>The checks every PostgreSQL provider's options make at start; messages name the key and never echo the string (it usually holds a password).</summary>
internal static class PostgreSqlConnectionStringRules
{
    public static List<string> Failures(string key, string connectionString, string? alternative = null)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            string or = alternative is null ? string.Empty : $" (or {alternative})";
            return [$"{key}{or} must be set (for example 'Host=localhost;Username=postgres;Password=...;Database=realtime'), but is empty."];
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Host)
                ? [$"{key} must name a Host, but its Host is empty."]
                : [];
        }
        catch (ArgumentException ex)
        {
            // The message names the bad keyword, never the whole string.
            return [$"{key} is not a valid Npgsql connection string: {ex.Message}"];
        }
    }

    public static string? PositiveTimeout(string key, TimeSpan value) =>
        value > TimeSpan.Zero ? null : $"{key} must be a positive duration, but is {value}.";

    /// <summary>
    /// The result for a provider with a connection string (falling back to the storage one) and a command
    /// timeout under <paramref name="section"/>; each message starts with <paramref name="component"/>.
    /// </summary>
    public static ValidateOptionsResult ValidateConnection(string component, string section, string connectionString, TimeSpan commandTimeout)
    {
        var failures = Failures($"{section}:ConnectionString", connectionString, $"{PostgreSqlStorageOptions.SectionName}:ConnectionString");
        if (PositiveTimeout($"{section}:CommandTimeout", commandTimeout) is { } timeout)
        {
            failures.Add(timeout);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures.Select(f => $"{component}: {f}"));
    }
}
