namespace OrleansRealtime.GrainInterfaces.Users;

/// <summary>The notification types of documents 001 and 002: <c>info | success | warning | error</c>.</summary>
public static class NotificationTypes
{
    public const string Info = "info";

    public const string Success = "success";

    public const string Warning = "warning";

    public const string Error = "error";

    public static IReadOnlyList<string> All { get; } = [Info, Success, Warning, Error];

    public static bool IsKnown(string? type) => type is Info or Success or Warning or Error;
}
