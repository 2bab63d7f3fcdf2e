using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using OrleansRealtime.Gateway.SocketIo;

namespace OrleansRealtime.Gateway.Tests.SocketIo;

/// <summary>
/// The application of the end-to-end tests: accepts a CONNECT whose auth (or handshake query) token is "ok",
/// and answers a few events: echo, ack, ask (a server emit with ack), bye (server disconnect), offset, throw.
/// Everything it sees is recorded in channels the tests await.
/// </summary>
public sealed class TestSocketIoHandler : ISocketIoHandler
{
    public Channel<SocketIoConnectRequest> Connects { get; } = Channel.CreateUnbounded<SocketIoConnectRequest>();

    public Channel<(string SocketId, string Name, IReadOnlyList<JsonElement> Args)> Events { get; } = Channel.CreateUnbounded<(string, string, IReadOnlyList<JsonElement>)>();

    public Channel<(string SocketId, string Reason)> Disconnects { get; } = Channel.CreateUnbounded<(string, string)>();

    /// <summary>Ids of the sockets whose connect was accepted.</summary>
    public Channel<string> Accepted { get; } = Channel.CreateUnbounded<string>();

    public ConcurrentDictionary<string, SocketIoSocket> Sockets { get; } = new();

    /// <summary>When set, OnEventAsync waits for it before handling "slow" (to hold the dispatch loop).</summary>
    public TaskCompletionSource SlowGate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The pid to accept with (connection state recovery hook), or null.</summary>
    public string? AcceptPid { get; set; }

    public ValueTask<SocketIoConnectResult> OnConnectAsync(SocketIoSocket socket, SocketIoConnectRequest request, CancellationToken cancellationToken)
    {
        Connects.Writer.TryWrite(request);
        var token = request.Auth is { ValueKind: JsonValueKind.Object } auth && auth.TryGetProperty("token", out var t) ? t.GetString() : null;
        token ??= request.Handshake.Query["token"];
        if (token != "ok")
        {
            return ValueTask.FromResult(SocketIoConnectResult.Reject("unauthorized", JsonSerializer.SerializeToElement(new { code = "invalid_token", retry = false })));
        }

        Sockets[socket.Id] = socket;
        Accepted.Writer.TryWrite(socket.Id);
        return ValueTask.FromResult(SocketIoConnectResult.Accept(AcceptPid));
    }

    public async ValueTask OnEventAsync(SocketIoSocket socket, string eventName, IReadOnlyList<JsonElement> args, SocketIoAck? ack, CancellationToken cancellationToken)
    {
        Events.Writer.TryWrite((socket.Id, eventName, args));
        switch (eventName)
        {
            case "echo":
                await socket.EmitAsync("echo", args);
                break;
            case "ack" when ack is not null:
                await ack.SendAsync(args);
                break;
            case "ask":
                var reply = await socket.EmitWithAckAsync("question", args, TimeSpan.FromSeconds(10), cancellationToken);
                await socket.EmitAsync("answer", reply);
                break;
            case "bye":
                await socket.DisconnectAsync();
                break;
            case "offset":
                await socket.EmitAsync("tick", [JsonSerializer.SerializeToElement(new { seq = 7 })], offset: "epoch1-7");
                break;
            case "slow":
                await SlowGate.Task.WaitAsync(cancellationToken);
                break;
            case "throw":
                throw new InvalidOperationException("handler bug with secret detail");
        }
    }

    public ValueTask OnDisconnectAsync(SocketIoSocket socket, string reason)
    {
        Sockets.TryRemove(socket.Id, out _);
        Disconnects.Writer.TryWrite((socket.Id, reason));
        return ValueTask.CompletedTask;
    }
}
