using OrleansRealtime.GrainInterfaces.Conversations;
using OrleansRealtime.GrainInterfaces.Errors;

namespace OrleansRealtime.Grains.Tests.Conversations;

public sealed class ConversationKeysTests
{
    [Fact]
    public void The_ai_chat_channel_of_document_002_maps_to_one_conversation_and_back()
    {
        var id = ConversationKeys.ForChannel("game-djinn", "app_1", "chat.42");

        Assert.Equal("chat:game-djinn:app_1:chat.42", id);
        Assert.True(ConversationKeys.TryParseChannel(id, out var workflow, out var appId, out var chatId));
        Assert.Equal(("game-djinn", "app_1", "chat.42"), (workflow, appId, chatId));
        Assert.False(ConversationKeys.TryParsePersona(id, out _, out _));
    }

    [Fact]
    public void The_channel_as_the_gateway_opens_it_names_its_user_even_when_the_user_id_holds_colons()
    {
        var id = ConversationKeys.ForChannel("game-djinn", "app_1", "chat.42", "tenant:alice");

        Assert.Equal("chat:game-djinn:app_1:chat.42:tenant:alice", id);
        Assert.True(ConversationKeys.TryParseChannel(id, out var workflow, out var appId, out var chatId));
        Assert.Equal(("game-djinn", "app_1", "chat.42"), (workflow, appId, chatId));
        Assert.True(ConversationKeys.TryParseChannelOwner(id, out var owner));
        Assert.Equal("tenant:alice", owner);
        Assert.False(ConversationKeys.TryParseChannelOwner(ConversationKeys.ForChannel("game-djinn", "app_1", "chat.42"), out _));
    }

    [Theory]
    [InlineData("", "app", "chat")]
    [InlineData("wf", "a:b", "chat")]
    [InlineData("wf", "app", "chat/1")]
    [InlineData("wf", "app", "chat 1")]
    public void A_bad_channel_segment_is_refused(string workflow, string appId, string chatId)
    {
        var ex = Assert.Throws<DomainValidationException>(() => ConversationKeys.ForChannel(workflow, appId, chatId));

        Assert.Equal(ConversationErrorCodes.InvalidSegment, ex.ErrorCode);
    }

    [Fact]
    public void A_segment_longer_than_the_limit_is_refused()
    {
        Assert.Throws<DomainValidationException>(() => ConversationKeys.ForChannel(new string('w', ChatLimits.MaxSegmentLength + 1), "app", "chat"));
        Assert.StartsWith("chat:", ConversationKeys.ForChannel(new string('w', ChatLimits.MaxSegmentLength), "app", "chat"));
    }

    [Fact]
    public void A_persona_conversation_names_its_user_even_when_the_user_id_holds_colons()
    {
        var id = ConversationKeys.ForPersona("did:key:abc", "luna");

        Assert.Equal("persona:did:key:abc:luna", id);
        Assert.True(ConversationKeys.TryParsePersona(id, out var user, out var persona));
        Assert.Equal(("did:key:abc", "luna"), (user, persona));
    }

    [Theory]
    [InlineData("conv_456789")]
    [InlineData("persona:")]
    [InlineData("persona:luna")]
    [InlineData("chat:a:b")]
    public void Other_ids_are_neither_persona_nor_channel_conversations(string id)
    {
        Assert.False(ConversationKeys.TryParsePersona(id, out _, out _));
        Assert.False(ConversationKeys.TryParseChannel(id, out _, out _, out _));
    }
}
