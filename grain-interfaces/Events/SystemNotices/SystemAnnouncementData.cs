namespace OrleansRealtime.GrainInterfaces.Events.SystemNotices;

/// <summary><c>system_announcement</c> (document 002): a system-wide message, <c>{message}</c>.</summary>
public sealed record SystemAnnouncementData
{
    public required string Message { get; init; }
}
