using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.GrainInterfaces.Conversations;

namespace OrleansRealtime.Gateway.Api.Conversations;

/// <summary>
/// <c>/api/conversations/{conversationId}</c>: post a chat message (the answer streams as AI events on the
/// owner's stream), cancel it, read the history. The grain fixes the owner on the first message and refuses
/// other users (403 <c>conversation_forbidden</c>); the HTTP layer checks that the caller may act for the user
/// it names.
/// </summary>
public static class ConversationEndpoints
{
    public static RouteGroupBuilder MapConversationEndpoints(this RouteGroupBuilder api)
    {
        var conversations = api.MapGroup("/conversations/{conversationId}").WithTags("Conversations");
        conversations.MapPost("/messages", PostAsync).WithName("PostChatMessage")
            .WithSummary("Accepts a chat message (202); ai_thinking, ai_tool_execution, ai_chat_response_chunk and ai_chat_response_complete (or ai_error) follow on the stream.");
        conversations.MapPost("/cancel", CancelAsync).WithName("CancelChat")
            .WithSummary("Stops the response in flight; its terminal event is ai_error CANCELLED.");
        conversations.MapGet("/history", HistoryAsync).WithName("GetChatHistory")
            .WithSummary("Stored messages (oldest first) and the text so far of the response in flight.");
        return api;
    }

    private static async Task<Accepted<ChatMessageAccepted>> PostAsync(string conversationId, PostChatMessageRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var userId = ActingUser(user, request.UserId);
        var accepted = await Grain(grains, conversationId).SendMessageAsync(new ChatMessageRequest
        {
            UserId = userId,
            Message = request.Message,
            MessageId = request.MessageId,
            LibraryId = request.LibraryId,
        });
        return TypedResults.Accepted($"/api/conversations/{Uri.EscapeDataString(conversationId)}/history", accepted);
    }

    private static async Task<Ok<CancelChatResponse>> CancelAsync(string conversationId, [FromBody] CancelChatRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var userId = ActingUser(user, request?.UserId);
        return TypedResults.Ok(new CancelChatResponse(await Grain(grains, conversationId).CancelAsync(userId, request?.MessageId)));
    }

    private static Task<ConversationHistory> HistoryAsync(string conversationId, [FromQuery(Name = "user_id")] string? userId, ClaimsPrincipal user, IGrainFactory grains) =>
        Grain(grains, conversationId).GetHistoryAsync(ActingUser(user, userId));

    /// <summary>The user the request acts for: the named one (which the caller must be allowed to act for) or the caller.</summary>
    internal static string ActingUser(ClaimsPrincipal user, string? named)
    {
        var userId = EdgeLimits.Id(named ?? user.Caller().UserId, "user_id");
        user.EnsureCanActFor(userId);
        return userId;
    }

    private static IConversationGrain Grain(IGrainFactory grains, string conversationId) =>
        grains.GetGrain<IConversationGrain>(EdgeLimits.Id(conversationId, "conversation_id", ChatLimits.MaxIdLength));
}
