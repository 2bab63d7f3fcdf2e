using System.Diagnostics;
using OrleansRealtime.LoadHarness.Clients;

namespace OrleansRealtime.LoadHarness.Targets;

/// <summary>The bare Kestrel broadcaster (<c>bench/peers/BarePeer</c>): frames are the published bodies; no handshake, no resume.</summary>
public sealed class BareTarget(int port) : Target(port)
{
    public override string Name => "bare";

    public override bool Resumes => false;

    public override ProcessStartInfo ServerStartInfo(string repoRoot)
    {
        var info = new ProcessStartInfo("dotnet");
        info.ArgumentList.Add(Path.Combine(repoRoot, "bench/peers/BarePeer/bin/Release/net10.0/BarePeer.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(BaseUrl);
        QuietDotnet(info);
        return info;
    }

    public override Uri SocketUri(LoadClient client) => new($"ws://127.0.0.1:{Port}/ws?user={client.UserId}");

    public override ValueTask OnOpenAsync(LoadClient client, CancellationToken cancellationToken)
    {
        client.MarkReady();
        return ValueTask.CompletedTask;
    }

    public override byte[]? OnFrame(LoadClient client, ReadOnlySpan<byte> frame) => null;

    public override bool EndsChat(ReadOnlySpan<byte> frame, long chunkIndex, int chunks) => chunkIndex == chunks - 1;

    public override HttpRequestMessage PublishToUser(string user, string marker) => Post($"{BaseUrl}/publish/{user}", $$"""{"m":"{{marker}}"}""");

    public override HttpRequestMessage Broadcast(string marker) => Post($"{BaseUrl}/broadcast", $$"""{"m":"{{marker}}"}""");

    public override HttpRequestMessage StartChat(string user, string marker, int chunks) =>
        Post($"{BaseUrl}/stream/{user}?chunks={chunks}", $$"""{"m":"{{marker}}"}""");
}
