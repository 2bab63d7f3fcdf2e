using Microsoft.Extensions.Options;

namespace OrleansRealtime.Providers.PostgreSql.Internal;

/// <summary>Checks <see cref="PostgreSqlGrainDirectoryOptions"/> at host start, with messages naming the property and the value.</summary>
internal sealed class PostgreSqlGrainDirectoryOptionsValidator : IValidateOptions<PostgreSqlGrainDirectoryOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlGrainDirectoryOptions options) =>
        PostgreSqlConnectionStringRules.ValidateConnection("grain directory", PostgreSqlGrainDirectoryOptions.SectionName, options.ConnectionString, options.CommandTimeout);
}
