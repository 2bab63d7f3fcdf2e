namespace OrleansRealtime.Grains.Conversations;

/// <summary>Why a response's cancellation token fired.</summary>
internal enum StopReason
{
    /// <summary>Nobody asked: the token fired on its own after <see cref="ChatOptions.MaxResponseDuration"/>.</summary>
    Timeout,

    /// <summary><c>CancelAsync</c> (<c>ai_chat_cancel</c>).</summary>
    User,

    /// <summary>The activation is deactivating (silo shutdown, storage failure).</summary>
    Deactivation,
}
