namespace OrleansRealtime.GrainInterfaces.Users;

/// <summary>
/// A partial profile change: a null field stays as it is, an empty string clears it. Limits:
/// <see cref="UserLimits.MaxDisplayNameLength"/>, <see cref="UserLimits.MaxBioLength"/>.
/// </summary>
public sealed record ProfileUpdate
{
    public string? DisplayName { get; init; }

    public string? Bio { get; init; }
}
