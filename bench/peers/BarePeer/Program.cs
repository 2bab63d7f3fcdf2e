using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Threading.Channels;

// Bare Kestrel WebSocket broadcaster: the near-physical limit of .NET on this machine for the load harness.
// No grains, no auth, no envelope: the HTTP body is the frame, serialized once and shared by every socket it
// goes to. Each socket has one bounded outbound queue and one send loop (a full queue aborts the socket, as a
// slow consumer), the same shape as the gateway's sessions, so the difference is everything else.
//   GET  /ws?user=<id>                              WebSocket; receives text frames
//   POST /publish/{user}   body = the frame         to every socket of the user
//   POST /broadcast        body = the frame         to every socket
//   POST /stream/{user}?chunks=K  body "...~C<t>K0E..." K frames, chunk index i in place of 0
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();
app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(25) });

var users = new ConcurrentDictionary<string, Connection[]>(StringComparer.Ordinal);
var all = new ConcurrentDictionary<long, Connection>();
var usersLock = new Lock();
long nextId = 0;

app.MapGet("/healthz", () => "ok");

app.Map("/ws", async (HttpContext context) =>
{
    if (!context.WebSockets.IsWebSocketRequest || context.Request.Query["user"] is not [{ Length: > 0 } user])
    {
        return Results.BadRequest();
    }

    using var socket = await context.WebSockets.AcceptWebSocketAsync();
    var connection = new Connection(Interlocked.Increment(ref nextId), socket);
    all[connection.Id] = connection;
    lock (usersLock)
    {
        users[user] = users.TryGetValue(user, out var existing) ? [.. existing, connection] : [connection];
    }

    try
    {
        var send = connection.SendLoopAsync();
        var buffer = new byte[256];
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, context.RequestAborted);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                break;
            }
        }

        connection.Outbound.Writer.TryComplete();
        await send;
    }
    catch (Exception e) when (e is WebSocketException or OperationCanceledException)
    {
    }
    finally
    {
        connection.Outbound.Writer.TryComplete();
        all.TryRemove(connection.Id, out _);
        lock (usersLock)
        {
            if (users.TryGetValue(user, out var existing))
            {
                var left = existing.Where(c => c != connection).ToArray();
                if (left.Length == 0)
                {
                    users.TryRemove(user, out _);
                }
                else
                {
                    users[user] = left;
                }
            }
        }
    }

    return Results.Empty;
});

app.MapPost("/publish/{user}", async (string user, HttpRequest request) =>
{
    var frame = await ReadBodyAsync(request);
    if (users.TryGetValue(user, out var sockets))
    {
        foreach (var c in sockets)
        {
            c.Enqueue(frame);
        }
    }

    return Results.Accepted();
});

app.MapPost("/broadcast", async (HttpRequest request) =>
{
    var frame = await ReadBodyAsync(request);
    foreach (var c in all.Values)
    {
        c.Enqueue(frame);
    }

    return Results.Accepted();
});

app.MapPost("/stream/{user}", async (string user, int chunks, HttpRequest request) =>
{
    var body = System.Text.Encoding.UTF8.GetString((await ReadBodyAsync(request)).Span);
    var at = body.IndexOf("K0E", StringComparison.Ordinal);
    if (at < 0 || !users.TryGetValue(user, out var sockets))
    {
        return Results.Accepted();
    }

    for (var i = 0; i < chunks; i++)
    {
        ReadOnlyMemory<byte> frame = System.Text.Encoding.UTF8.GetBytes(string.Concat(body.AsSpan(0, at + 1), i.ToString(), body.AsSpan(at + 2)));
        foreach (var c in sockets)
        {
            c.Enqueue(frame);
        }
    }

    return Results.Accepted();
});

app.Run();

static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request)
{
    using var ms = new MemoryStream();
    await request.Body.CopyToAsync(ms);
    return ms.ToArray();
}

internal sealed class Connection(long id, WebSocket socket)
{
    public long Id { get; } = id;

    public Channel<ReadOnlyMemory<byte>> Outbound { get; } = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(1024) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public void Enqueue(ReadOnlyMemory<byte> frame)
    {
        if (!Outbound.Writer.TryWrite(frame))
        {
            socket.Abort(); // slow consumer
        }
    }

    public async Task SendLoopAsync()
    {
        var reader = Outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var frame))
                {
                    await socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }
}
