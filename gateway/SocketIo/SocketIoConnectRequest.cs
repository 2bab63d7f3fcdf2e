using System.Text.Json;

namespace OrleansRealtime.Gateway.SocketIo;

/// <summary>
/// A client's CONNECT to the main namespace. <see cref="Pid"/> and <see cref="Offset"/> are the connection
/// state recovery hook: socket.io-client 4.6+ puts them into the CONNECT auth of a reconnect when the previous
/// CONNECT reply carried a pid (<see cref="SocketIoConnectResult.Accept"/>).
/// </summary>
public sealed class SocketIoConnectRequest
{
    internal SocketIoConnectRequest(JsonElement? auth, SocketIoHandshake handshake)
    {
        Auth = auth;
        Handshake = handshake;
        if (auth is { ValueKind: JsonValueKind.Object } value)
        {
            Pid = value.TryGetProperty("pid", out var pid) && pid.ValueKind == JsonValueKind.String ? pid.GetString() : null;
            Offset = value.TryGetProperty("offset", out var offset) && offset.ValueKind == JsonValueKind.String ? offset.GetString() : null;
        }
    }

    /// <summary>The CONNECT payload (<c>io(url, { auth: { token } })</c>), a JSON object; null when the client sent none.</summary>
    public JsonElement? Auth { get; }

    /// <summary>The Engine.IO handshake (its query, headers and user), e.g. for a <c>?token=</c> query parameter.</summary>
    public SocketIoHandshake Handshake { get; }

    /// <summary>The private session id the client wants to resume (auth <c>pid</c>), or null.</summary>
    public string? Pid { get; }

    /// <summary>The offset of the last event the client received (auth <c>offset</c>), or null.</summary>
    public string? Offset { get; }
}
