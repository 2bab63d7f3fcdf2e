namespace OrleansRealtime.GrainInterfaces.Events.Users;

/// <summary>
/// <c>notifications_read</c> (ours): notifications were marked read, so every session can update its
/// badge. <see cref="Ids"/> are the notifications that changed; <see cref="UnreadCount"/> is what remains.
/// </summary>
public sealed record NotificationsReadData(IReadOnlyList<string> Ids, int UnreadCount);
