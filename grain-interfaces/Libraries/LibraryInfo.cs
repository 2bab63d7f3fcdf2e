namespace OrleansRealtime.GrainInterfaces.Libraries;

/// <summary>A library's identity and ownership; <see cref="OwnerUserId"/> is what the HTTP layer authorizes against.</summary>
public sealed record LibraryInfo
{
    public required string LibraryId { get; init; }

    public required string OwnerUserId { get; init; }

    public required string Name { get; init; }

    /// <summary>The platform its games come from (<c>demo</c>, <c>steam</c>…), the default of a sync request.</summary>
    public required string Platform { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public int GameCount { get; init; }

    /// <summary>The running sync operation, or null when none runs.</summary>
    public string? RunningSyncOperationId { get; init; }

    public DateTimeOffset? LastSyncedAt { get; init; }
}
