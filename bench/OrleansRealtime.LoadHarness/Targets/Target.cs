using System.Diagnostics;
using OrleansRealtime.LoadHarness.Clients;

namespace OrleansRealtime.LoadHarness.Targets;

/// <summary>
/// One server the harness loads: how to start it, how a socket connects and handshakes, what a frame means
/// beyond the harness marker, and how to publish. Every target takes the same three publishes (one user, every
/// socket, a chunk stream to one user's chat) so the scenarios are the same for all.
/// </summary>
public abstract class Target(int port)
{
    public int Port { get; } = port;

    public abstract string Name { get; }

    /// <summary>Whether a reconnecting socket can resume where it left off (so the storm must show no gap).</summary>
    public abstract bool Resumes { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public abstract ProcessStartInfo ServerStartInfo(string repoRoot);

    /// <summary>The WebSocket address of <paramref name="client"/>, with its resume point when it has one.</summary>
    public abstract Uri SocketUri(LoadClient client);

    /// <summary>Called right after the upgrade: send the protocol's handshake. Bare sockets are ready at once.</summary>
    public abstract ValueTask OnOpenAsync(LoadClient client, CancellationToken cancellationToken);

    /// <summary>
    /// Protocol bookkeeping for one frame (readiness, resume position, pings); the harness parses the markers.
    /// Returns a frame to send back, or null.
    /// </summary>
    public abstract byte[]? OnFrame(LoadClient client, ReadOnlySpan<byte> frame);

    /// <summary>Whether this frame ends a chat response (ours: the terminal AI event; peers: the last chunk).</summary>
    public abstract bool EndsChat(ReadOnlySpan<byte> frame, long chunkIndex, int chunks);

    /// <summary>A frame the client must send every so often to stay connected (SignalR's ping), or null.</summary>
    public virtual byte[]? KeepAliveFrame => null;

    public abstract HttpRequestMessage PublishToUser(string user, string marker);

    public abstract HttpRequestMessage Broadcast(string marker);

    public abstract HttpRequestMessage StartChat(string user, string marker, int chunks);

    /// <summary>Environment for a .NET server: logs at warning so the console costs nothing.</summary>
    protected static void QuietDotnet(ProcessStartInfo info)
    {
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft"] = "Warning";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_NOLOGO"] = "1";
    }

    protected static HttpRequestMessage Post(string url, string json, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        return request;
    }

    public static Target Create(string name, int port) => name switch
    {
        "ours" => new OursTarget(port),
        "socketio" => new SocketIoTarget(port),
        "signalr" => new SignalRTarget(port),
        "bare" => new BareTarget(port),
        _ => throw new ArgumentException($"unknown target '{name}' (ours, socketio, signalr, bare)"),
    };
}
