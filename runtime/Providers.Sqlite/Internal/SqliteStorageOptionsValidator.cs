using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace OrleansRealtime.Providers.Sqlite.Internal;

/// <summary>Checks <see cref="SqliteStorageOptions"/> at host start, with messages naming the property and the value.</summary>
internal sealed class SqliteStorageOptionsValidator : IValidateOptions<SqliteStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteStorageOptions options)
    {
        // Named options belong to a grain storage of that name; the unnamed ones to the reminder table.
        string owner = string.IsNullOrEmpty(name) ? "reminder table" : $"grain storage '{name}'";
        var failures = Failures(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures.Select(f => $"{owner}: {f}"));
    }

    public static List<string> Failures(SqliteStorageOptions options)
    {
        const string section = SqliteStorageOptions.SectionName;
        List<string> failures = [];
        if (options.BusyTimeout <= TimeSpan.Zero || options.BusyTimeout.TotalMilliseconds > int.MaxValue)
        {
            failures.Add($"{section}:BusyTimeout must be a positive duration, but is {options.BusyTimeout}.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{section}:ConnectionString must be set (for example '{SqliteStorageOptions.DefaultConnectionString}'), but is empty.");
            return failures;
        }

        try
        {
            var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
            if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
            {
                failures.Add($"{section}:ConnectionString must name a database file, but its Data Source is '{builder.DataSource}' (mode {builder.Mode}).");
            }
        }
        catch (ArgumentException ex)
        {
            // The message names the bad keyword, not the whole string (which may hold a password).
            failures.Add($"{section}:ConnectionString is not a valid SQLite connection string: {ex.Message}");
        }

        return failures;
    }

    public static void ThrowIfInvalid(SqliteStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Failures(options);
        if (failures.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", failures), nameof(options));
        }
    }
}
