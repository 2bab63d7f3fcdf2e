namespace OrleansRealtime.GrainInterfaces.Conversations;

/// <summary>Who wrote a message (JSON: <c>user</c>, <c>assistant</c>).</summary>
public enum ChatRole
{
    User,
    Assistant,
}
