using System.Text.Json;

namespace OrleansRealtime.Gateway.SocketIo;

/// <summary>The application's answer to a CONNECT: accept (CONNECT reply) or reject (CONNECT_ERROR).</summary>
public sealed class SocketIoConnectResult
{
    private SocketIoConnectResult(bool accepted, string? pid, string? message, JsonElement? data)
    {
        IsAccepted = accepted;
        Pid = pid;
        Message = message;
        Data = data;
    }

    public bool IsAccepted { get; }

    /// <summary>
    /// Private session id for connection state recovery, sent as the CONNECT reply's <c>pid</c>. With it,
    /// socket.io-client remembers the last offset it saw (the trailing string argument of each event) and sends
    /// both back in the auth of its next CONNECT; <c>socket.recovered</c> is true when the reply's pid matches.
    /// </summary>
    public string? Pid { get; }

    /// <summary>The CONNECT_ERROR message (socket.io-client's <c>err.message</c> in connect_error).</summary>
    public string? Message { get; }

    /// <summary>Optional CONNECT_ERROR data (socket.io-client's <c>err.data</c>), e.g. an error code and whether to retry.</summary>
    public JsonElement? Data { get; }

    public static SocketIoConnectResult Accept(string? pid = null) => new(true, pid, null, null);

    public static SocketIoConnectResult Reject(string message, JsonElement? data = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(message);
        return new(false, null, message, data);
    }
}
