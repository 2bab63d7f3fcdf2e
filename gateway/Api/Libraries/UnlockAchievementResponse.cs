using OrleansRealtime.GrainInterfaces.Libraries;

namespace OrleansRealtime.Gateway.Api.Libraries;

/// <summary><see cref="Unlocked"/> is false when the achievement was already unlocked (nothing changed, no event).</summary>
public sealed record UnlockAchievementResponse(bool Unlocked, Game Game);
