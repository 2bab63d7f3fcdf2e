using OrleansRealtime.GrainInterfaces.Libraries;

namespace OrleansRealtime.Grains.Platforms;

/// <summary>
/// A source of a player's games (Steam, the built-in demo). A sync reads the owned-games list once per run,
/// then each game's details one call at a time, so it can checkpoint between games. Implementations are
/// singletons shared by every operation; they keep no per-operation state. Failures are typed:
/// <see cref="PlatformRateLimitedException"/> (wait and resume), <see cref="PlatformUnavailableException"/>
/// (transient: 5xx, network, timeout), <see cref="PlatformAuthenticationException"/> and
/// <see cref="PlatformNotConfiguredException"/> (retrying does not help). Cancellation surfaces as
/// <see cref="OperationCanceledException"/>.
/// </summary>
public interface IGamePlatform
{
    /// <summary>The lower-case name a library or sync request selects it by (<c>demo</c>, <c>steam</c>).</summary>
    string Name { get; }

    /// <summary>The name users read in messages (<c>Steam</c>).</summary>
    string DisplayName { get; }

    /// <summary>Roughly how long one game takes, for <c>sync_started.estimated_duration_minutes</c>.</summary>
    TimeSpan EstimatedTimePerGame(PlatformSyncContext context);

    /// <summary>Null when the platform can sync this library, otherwise why not (disabled, no account mapped, bad per-operation settings).</summary>
    string? CheckAvailable(PlatformSyncContext context);

    /// <summary>Every game the account owns, in the platform's order (the caller sorts).</summary>
    Task<IReadOnlyList<OwnedGame>> GetOwnedGamesAsync(PlatformSyncContext context, CancellationToken cancellationToken);

    /// <summary>
    /// One game's full record (with its unlocked achievements). <paramref name="attempt"/> counts from 1 and says
    /// how often the caller has asked for this game in this operation (deterministic fault injection uses it).
    /// </summary>
    Task<PlatformGame> GetGameAsync(PlatformSyncContext context, OwnedGame game, int attempt, CancellationToken cancellationToken);
}
