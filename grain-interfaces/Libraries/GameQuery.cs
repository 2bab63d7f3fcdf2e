namespace OrleansRealtime.GrainInterfaces.Libraries;

/// <summary>Filters of <see cref="ILibraryGrain.SearchGamesAsync"/>; every given filter must match.</summary>
public sealed record GameQuery
{
    /// <summary>Case-insensitive substring of the title.</summary>
    public string? TitleContains { get; init; }

    /// <summary>Case-insensitive exact genre.</summary>
    public string? Genre { get; init; }

    /// <summary>True: only games with zero playtime; false: only played ones; null: both.</summary>
    public bool? Unplayed { get; init; }

    public int? MinMetacritic { get; init; }

    /// <summary>1..<see cref="LibraryLimits.MaxQueryLimit"/>.</summary>
    public int Limit { get; init; } = LibraryLimits.DefaultQueryLimit;

    public int Offset { get; init; }
}
