using Microsoft.AspNetCore.SignalR;

namespace OrleansRealtime.Bench.SignalRPeer;

/// <summary>The user of a connection is its <c>?user=</c> query value (the harness does no auth on peers).</summary>
public sealed class QueryUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) =>
        connection.GetHttpContext()?.Request.Query["user"].ToString();
}
