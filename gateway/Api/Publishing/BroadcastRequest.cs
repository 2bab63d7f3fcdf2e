namespace OrleansRealtime.Gateway.Api.Publishing;

/// <summary>
/// Body of <c>POST /api/broadcast</c>: document 002's <c>broadcast({"type": "system_announcement", "message": …})</c>.
/// <see cref="Type"/> defaults to <c>system_announcement</c>, the one broadcast type the system grain sends
/// (the other system notices have their own endpoints under <c>/api/system</c>).
/// </summary>
public sealed record BroadcastRequest
{
    public string Type { get; init; } = "system_announcement";

    public required string Message { get; init; }
}
