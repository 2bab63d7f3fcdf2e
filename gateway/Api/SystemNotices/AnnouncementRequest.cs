namespace OrleansRealtime.Gateway.Api.SystemNotices;

/// <summary>Body of <c>POST /api/system/announcements</c> (document 002's <c>system_announcement</c> {message}).</summary>
public sealed record AnnouncementRequest
{
    public required string Message { get; init; }
}
