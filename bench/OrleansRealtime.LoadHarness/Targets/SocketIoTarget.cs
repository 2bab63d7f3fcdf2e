using System.Diagnostics;
using System.Text;
using OrleansRealtime.LoadHarness.Clients;

namespace OrleansRealtime.LoadHarness.Targets;

/// <summary>
/// socket.io 4.8 on Node (<c>bench/peers/socketio</c>), spoken as raw Engine.IO v4 / Socket.IO v5 text frames
/// over <c>?EIO=4&amp;transport=websocket</c>: open <c>0{…}</c> → CONNECT <c>40</c> (with <c>{"pid","offset"}</c> to
/// recover) → <c>40{"sid","pid"}</c>; events <c>42["ev","marker","offset"]</c>; the server's ping <c>2</c> gets <c>3</c>.
/// </summary>
public sealed class SocketIoTarget(int port) : Target(port)
{
    private static readonly byte[] Pong = "3"u8.ToArray();
    private static readonly byte[] Connect = "40"u8.ToArray();

    public override string Name => "socketio";

    public override bool Resumes => true;

    public override ProcessStartInfo ServerStartInfo(string repoRoot)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(repoRoot, "bench/peers/socketio"),
        };
        info.ArgumentList.Add("server.js");
        info.ArgumentList.Add(Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.Environment["NODE_ENV"] = "production";
        return info;
    }

    public override Uri SocketUri(LoadClient client) =>
        new($"ws://127.0.0.1:{Port}/socket.io/?EIO=4&transport=websocket&user={client.UserId}");

    // Engine.IO speaks first ("0{sid…}"); the CONNECT goes out when it arrives (OnFrame).
    public override ValueTask OnOpenAsync(LoadClient client, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public override byte[]? OnFrame(LoadClient client, ReadOnlySpan<byte> frame)
    {
        if (frame.Length == 0)
        {
            return null;
        }

        switch (frame[0])
        {
            case (byte)'2':
                return Pong;
            case (byte)'0':
                return client.SioPid is { } pid && client.SioOffset is { } offset
                    ? Encoding.UTF8.GetBytes($$"""40{"pid":"{{pid}}","offset":"{{offset}}"}""")
                    : Connect;
            case (byte)'4' when frame.Length > 1 && frame[1] == (byte)'0':
                var pidAt = frame.IndexOf("\"pid\":\""u8);
                if (pidAt >= 0)
                {
                    var rest = frame[(pidAt + 7)..];
                    client.SioPid = Encoding.UTF8.GetString(rest[..rest.IndexOf((byte)'"')]);
                }

                client.MarkReady();
                return null;
            case (byte)'4' when frame.Length > 1 && frame[1] == (byte)'2':
                // 42["ev","marker","offset"]: the last string is the recovery offset.
                var end = frame.LastIndexOf((byte)'"');
                if (end > 0)
                {
                    var start = frame[..end].LastIndexOf((byte)'"');
                    if (start >= 0)
                    {
                        client.SioOffset = Encoding.UTF8.GetString(frame[(start + 1)..end]);
                    }
                }

                return null;
            default:
                return null;
        }
    }

    public override bool EndsChat(ReadOnlySpan<byte> frame, long chunkIndex, int chunks) => chunkIndex == chunks - 1;

    public override HttpRequestMessage PublishToUser(string user, string marker) => Post($"{BaseUrl}/publish/{user}", $$"""{"m":"{{marker}}"}""");

    public override HttpRequestMessage Broadcast(string marker) => Post($"{BaseUrl}/broadcast", $$"""{"m":"{{marker}}"}""");

    public override HttpRequestMessage StartChat(string user, string marker, int chunks) =>
        Post($"{BaseUrl}/stream/{user}", $$"""{"m":"{{marker}}","chunks":{{chunks}}}""");
}
