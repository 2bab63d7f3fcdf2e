using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansRealtime.Server.Hosting;

/// <summary>
/// Binds an options class from its configuration section and validates it when the host starts. Each rule
/// returns null when satisfied, or a message that names the property and the offending value.
/// </summary>
public static class OptionsRegistration
{
    public static IServiceCollection AddValidatedOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string sectionName, params Func<TOptions, string?>[] rules)
        where TOptions : class
    {
        services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(sectionName))
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<TOptions>>(new RuleValidator<TOptions>(sectionName, rules));
        return services;
    }

    /// <summary>A rule requiring a positive <see cref="TimeSpan"/> (or <see cref="Timeout.InfiniteTimeSpan"/> when allowed).</summary>
    public static string? Positive(string section, string property, TimeSpan value, bool allowInfinite = false) =>
        value > TimeSpan.Zero || (allowInfinite && value == Timeout.InfiniteTimeSpan)
            ? null
            : $"{section}:{property} must be a positive duration{(allowInfinite ? " or -00:00:00.001 (infinite)" : string.Empty)}, but is {value}.";

    private static List<string> Failures<TOptions>(TOptions options, Func<TOptions, string?>[] rules) =>
        [.. rules.Select(rule => rule(options)).OfType<string>()];

    private sealed class RuleValidator<TOptions>(string sectionName, Func<TOptions, string?>[] rules) : Microsoft.Extensions.Options.IValidateOptions<TOptions>
        where TOptions : class
    {
        public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var failures = Failures(options, rules);
            return failures.Count == 0
                ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
                : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(failures.Select(f => $"[{sectionName}] {f}"));
        }
    }
}
