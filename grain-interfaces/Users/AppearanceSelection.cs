namespace OrleansRealtime.GrainInterfaces.Users;

/// <summary>The active avatar, banner and theme of one app (<c>app_key</c>); null where none was set.</summary>
public sealed record AppearanceSelection
{
    public required string AppKey { get; init; }

    public string? Avatar { get; init; }

    public string? Banner { get; init; }

    public string? Theme { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }
}
