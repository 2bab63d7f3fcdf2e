namespace OrleansRealtime.GrainInterfaces.Events.Users;

/// <summary>
/// <c>profile_updated</c> (ours): the display name, bio or linked wallets changed, so the user's other
/// sessions can refresh. Carries the whole profile.
/// </summary>
public sealed record ProfileUpdatedData(string UserId, string? DisplayName, string? Bio, IReadOnlyList<string> Wallets);
