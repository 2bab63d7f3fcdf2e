using System.Diagnostics;
using System.Text;
using OrleansRealtime.LoadHarness.Clients;

namespace OrleansRealtime.LoadHarness.Targets;

/// <summary>
/// ASP.NET Core SignalR (<c>bench/peers/SignalRPeer</c>), driven with the JSON hub protocol over a raw
/// WebSocket (negotiation skipped): handshake <c>{"protocol":"json","version":1}\x1e</c>, ready on <c>{}\x1e</c>,
/// a ping <c>{"type":6}\x1e</c> now and then from the client. No resume: the storm only times reconnection.
/// </summary>
public sealed class SignalRTarget(int port) : Target(port)
{
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");

    public override string Name => "signalr";

    public override bool Resumes => false;

    public override byte[]? KeepAliveFrame => Ping;

    public override ProcessStartInfo ServerStartInfo(string repoRoot)
    {
        var info = new ProcessStartInfo("dotnet");
        info.ArgumentList.Add(Path.Combine(repoRoot, "bench/peers/SignalRPeer/bin/Release/net10.0/SignalRPeer.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(BaseUrl);
        QuietDotnet(info);
        return info;
    }

    public override Uri SocketUri(LoadClient client) => new($"ws://127.0.0.1:{Port}/hub?user={client.UserId}");

    public override async ValueTask OnOpenAsync(LoadClient client, CancellationToken cancellationToken) =>
        await client.SendAsync(Handshake, cancellationToken);

    public override byte[]? OnFrame(LoadClient client, ReadOnlySpan<byte> frame)
    {
        if (!client.Ready && frame.StartsWith("{}"u8))
        {
            client.MarkReady();
        }

        return null;
    }

    public override bool EndsChat(ReadOnlySpan<byte> frame, long chunkIndex, int chunks) => chunkIndex == chunks - 1;

    public override HttpRequestMessage PublishToUser(string user, string marker) => Post($"{BaseUrl}/publish/{user}", $$"""{"m":"{{marker}}"}""");

    public override HttpRequestMessage Broadcast(string marker) => Post($"{BaseUrl}/broadcast", $$"""{"m":"{{marker}}"}""");

    public override HttpRequestMessage StartChat(string user, string marker, int chunks) =>
        Post($"{BaseUrl}/stream/{user}?chunks={chunks}", $$"""{"m":"{{marker}}"}""");
}
