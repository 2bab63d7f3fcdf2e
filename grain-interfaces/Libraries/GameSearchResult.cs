namespace OrleansRealtime.GrainInterfaces.Libraries;

/// <summary>One page of matching games and how many matched in all.</summary>
public sealed record GameSearchResult
{
    public IReadOnlyList<Game> Games { get; init; } = [];

    public int TotalMatches { get; init; }
}
