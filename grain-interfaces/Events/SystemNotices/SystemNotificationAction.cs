namespace OrleansRealtime.GrainInterfaces.Events.SystemNotices;

/// <summary>The <c>action</c> of a <c>system_notification</c>: <c>{type, label, url}</c>; <c>type</c> is <c>url</c> in document 003.</summary>
public sealed record SystemNotificationAction
{
    public required string Type { get; init; }

    public required string Label { get; init; }

    public string? Url { get; init; }
}
