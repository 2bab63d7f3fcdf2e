namespace OrleansRealtime.Grains.Platforms;

/// <summary>One entry of a platform's owned-games list: enough to order the sync and to skip unchanged games.</summary>
public sealed record OwnedGame(
    string PlatformGameId,
    string Title,
    long TotalPlaytimeMinutes,
    DateTimeOffset? LastPlayedAt,
    string? CoverImageUrl);
