using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Libraries;

namespace OrleansRealtime.Grains.Platforms;

/// <summary>Finds the registered <see cref="IGamePlatform"/> by name and refuses those that cannot sync a library.</summary>
public sealed class GamePlatformRegistry(IEnumerable<IGamePlatform> platforms)
{
    private readonly Dictionary<string, IGamePlatform> _byName = platforms.ToDictionary(p => p.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _byName.Keys;

    /// <summary>
    /// The platform, ready for <paramref name="context"/>. Throws <see cref="DomainValidationException"/>
    /// <c>unknown_platform</c> for a name no platform has, <c>platform_not_configured</c> when it is disabled or has no account.
    /// </summary>
    public IGamePlatform Resolve(string name, PlatformSyncContext context)
    {
        if (!_byName.TryGetValue(name, out var platform))
        {
            throw new DomainValidationException("unknown_platform", $"There is no game platform '{Truncate(name)}'; known: {string.Join(", ", _byName.Keys.Order())}.");
        }

        return platform.CheckAvailable(context) is { } reason
            ? throw new DomainValidationException("platform_not_configured", reason)
            : platform;
    }

    /// <summary>The platform by name, whether or not it is available (null when unknown).</summary>
    public IGamePlatform? Find(string name) => _byName.GetValueOrDefault(name);

    private static string Truncate(string value) =>
        value.Length <= LibraryLimits.MaxIdLength ? value : value[..LibraryLimits.MaxIdLength];
}
