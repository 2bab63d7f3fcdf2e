using System.Text.RegularExpressions;

namespace OrleansRealtime.GrainInterfaces.Users;

/// <summary>
/// Names in document 002's <c>{type, action, data}</c> updates. A type is a lower-case identifier of
/// 1..64 characters (<c>[a-z][a-z0-9_:.-]*</c>, for example <c>my_plugin_update</c>); an action is
/// 1..64 characters of <c>[a-z][a-z0-9_]*</c>. <c>task_update</c> takes only <see cref="TaskActions"/>.
/// </summary>
public static partial class PluginUpdates
{
    public const string TaskUpdate = "task_update";

    public const int MaxNameLength = 64;

    /// <summary>The actions of <c>task_update</c>.</summary>
    public static IReadOnlyList<string> TaskActions { get; } = ["created", "updated", "deleted"];

    public static bool IsValidType(string? type) => type is { Length: > 0 and <= MaxNameLength } && TypePattern().IsMatch(type);

    public static bool IsValidAction(string? action) => action is { Length: > 0 and <= MaxNameLength } && ActionPattern().IsMatch(action);

    [GeneratedRegex(@"^[a-z][a-z0-9_:.-]*\z")]
    private static partial Regex TypePattern();

    [GeneratedRegex(@"^[a-z][a-z0-9_]*\z")]
    private static partial Regex ActionPattern();
}
