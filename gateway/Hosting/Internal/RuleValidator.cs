using Microsoft.Extensions.Options;

namespace OrleansRealtime.Gateway.Hosting.Internal;

/// <summary>
/// Validates an options class with rules that each return null or a message naming the property and value,
/// prefixed with the section (the runtime's convention, repeated here because the gateway pod has no silo).
/// </summary>
internal sealed class RuleValidator<TOptions>(string sectionName, IEnumerable<Func<TOptions, string?>> rules) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = rules.Select(rule => rule(options)).OfType<string>().Select(f => $"[{sectionName}] {f}").ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
