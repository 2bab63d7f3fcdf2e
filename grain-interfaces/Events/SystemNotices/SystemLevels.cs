namespace OrleansRealtime.GrainInterfaces.Events.SystemNotices;

/// <summary>The <c>level</c> of a <c>system_notification</c>: the values of document 003's <c>notification_level</c> filter.</summary>
public static class SystemLevels
{
    public const string Info = "info";

    public const string Warning = "warning";

    public const string Error = "error";

    public static IReadOnlyList<string> All { get; } = [Info, Warning, Error];

    public static bool IsKnown(string? level) => level is Info or Warning or Error;
}
