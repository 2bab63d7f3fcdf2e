using Microsoft.Extensions.Options;

namespace OrleansRealtime.Providers.PostgreSql.Internal;

/// <summary>Checks <see cref="PostgreSqlStreamLogOptions"/> at host start, with messages naming the property and the value.</summary>
internal sealed class PostgreSqlStreamLogOptionsValidator : IValidateOptions<PostgreSqlStreamLogOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlStreamLogOptions options) =>
        PostgreSqlConnectionStringRules.ValidateConnection("stream log", PostgreSqlStreamLogOptions.SectionName, options.ConnectionString, options.CommandTimeout);
}
