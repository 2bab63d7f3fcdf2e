namespace OrleansRealtime.GrainInterfaces.Users;

/// <summary>The appearance item kinds of document 000, as they appear in <c>updated_item</c>.</summary>
public static class AppearanceItems
{
    public const string Avatar = "avatar";

    public const string Banner = "banner";

    public const string Theme = "theme";

    public static IReadOnlyList<string> All { get; } = [Avatar, Banner, Theme];

    public static bool IsKnown(string? item) => item is Avatar or Banner or Theme;
}
