using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using OrleansRealtime.GrainInterfaces.Errors;

namespace OrleansRealtime.GrainInterfaces.Conversations;

/// <summary>
/// Conversation ids (the keys of <see cref="IConversationGrain"/>). Any id a client chooses
/// (<c>conv_456789</c>) works; two shapes are reserved:
/// <list type="bullet">
/// <item><c>chat:{workflow}:{app_id}:{chat_id}:{user_id}</c>: document 002's AI chat channel
/// <c>/ws/{workflow}/{app_id}/{chat_id}/{user_id}</c>, owned by that user from the start. The older
/// three-segment form <c>chat:{workflow}:{app_id}:{chat_id}</c> still names a channel conversation whose first
/// message fixes the owner.</item>
/// <item><c>persona:{user_id}:{persona_id}</c>: a user's conversation with a persona (document 001), which
/// carries the daily check-in. Its owner is the user in the key.</item>
/// </list>
/// Segments are 1 to <see cref="ChatLimits.MaxSegmentLength"/> of <c>[A-Za-z0-9_.-]</c>, so no segment holds
/// the <c>:</c> separator and no two inputs give the same key.
/// </summary>
public static partial class ConversationKeys
{
    public const string ChannelPrefix = "chat:";

    public const string PersonaPrefix = "persona:";

    /// <summary>The conversation of document 002's AI chat channel; throws <see cref="DomainValidationException"/> (<c>invalid_segment</c>) on a bad segment.</summary>
    public static string ForChannel(string workflow, string appId, string chatId)
    {
        RequireSegment(nameof(workflow), workflow);
        RequireSegment("app_id", appId);
        RequireSegment("chat_id", chatId);
        return $"{ChannelPrefix}{workflow}:{appId}:{chatId}";
    }

    /// <summary>The conversation between <paramref name="userId"/> and a persona (the one that carries its check-ins).</summary>
    public static string ForPersona(string userId, string personaId)
    {
        RequireId("user_id", userId);
        RequireSegment("persona_id", personaId);
        return $"{PersonaPrefix}{userId}:{personaId}";
    }

    /// <summary>Reads a persona conversation id back; the persona id is the last segment (it cannot hold <c>:</c>).</summary>
    public static bool TryParsePersona(string conversationId, [NotNullWhen(true)] out string? userId, [NotNullWhen(true)] out string? personaId)
    {
        userId = personaId = null;
        if (!conversationId.StartsWith(PersonaPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = conversationId[PersonaPrefix.Length..];
        var split = rest.LastIndexOf(':');
        if (split <= 0 || !IsSegment(rest[(split + 1)..]) || !IsId(rest[..split]))
        {
            return false;
        }

        userId = rest[..split];
        personaId = rest[(split + 1)..];
        return true;
    }

    /// <summary>
    /// The conversation of document 002's AI chat channel <c>/ws/{workflow}/{app_id}/{chat_id}/{user_id}</c> as the
    /// gateway opens it: <c>chat:{workflow}:{app_id}:{chat_id}:{user_id}</c>. The route's user is part of the key
    /// and owns the conversation from the start (like a persona conversation), so nobody can claim another
    /// user's chat by sending its first message. The user id is last and may hold <c>:</c>; the segments cannot.
    /// </summary>
    public static string ForChannel(string workflow, string appId, string chatId, string userId)
    {
        var channel = ForChannel(workflow, appId, chatId);
        RequireId("user_id", userId);
        return $"{channel}:{userId}";
    }

    /// <summary>The user a channel conversation id names (<see cref="ForChannel(string, string, string, string)"/>); false for the three-segment form.</summary>
    public static bool TryParseChannelOwner(string conversationId, [NotNullWhen(true)] out string? userId)
    {
        userId = null;
        if (!conversationId.StartsWith(ChannelPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = conversationId[ChannelPrefix.Length..].Split(':', 4);
        if (parts.Length != 4 || !parts.Take(3).All(IsSegment) || !IsId(parts[3]))
        {
            return false;
        }

        userId = parts[3];
        return true;
    }

    /// <summary>Reads a channel conversation id (with or without its user) back into document 002's path segments.</summary>
    public static bool TryParseChannel(string conversationId, [NotNullWhen(true)] out string? workflow, [NotNullWhen(true)] out string? appId, [NotNullWhen(true)] out string? chatId)
    {
        workflow = appId = chatId = null;
        if (!conversationId.StartsWith(ChannelPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = conversationId[ChannelPrefix.Length..].Split(':', 4);
        if (parts.Length is not (3 or 4) || !parts.Take(3).All(IsSegment) || (parts.Length == 4 && !IsId(parts[3])))
        {
            return false;
        }

        (workflow, appId, chatId) = (parts[0], parts[1], parts[2]);
        return true;
    }

    /// <summary>True for a usable id: 1 to <see cref="ChatLimits.MaxIdLength"/> characters, no control characters or whitespace-only.</summary>
    public static bool IsId([NotNullWhen(true)] string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= ChatLimits.MaxIdLength && !value.Any(char.IsControl);

    public static bool IsSegment([NotNullWhen(true)] string? value) =>
        value is { Length: > 0 and <= ChatLimits.MaxSegmentLength } && SegmentPattern().IsMatch(value);

    private static void RequireSegment(string name, string value)
    {
        if (!IsSegment(value))
        {
            throw new DomainValidationException(
                ConversationErrorCodes.InvalidSegment,
                $"{name} must be 1 to {ChatLimits.MaxSegmentLength} characters of A-Z, a-z, 0-9, '_', '.', '-'.");
        }
    }

    private static void RequireId(string name, string value)
    {
        if (!IsId(value))
        {
            throw new DomainValidationException(
                ConversationErrorCodes.InvalidId,
                $"{name} must be 1 to {ChatLimits.MaxIdLength} characters without control characters.");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+\z")]
    private static partial Regex SegmentPattern();
}
