using System.Text.Json.Serialization;

namespace OrleansRealtime.Gateway.SocketIo.Realtime;

/// <summary>
/// The payload of <c>join:error</c> and <c>realtime:error</c>, and of a refused ack: what went wrong as data,
/// never exception text. <paramref name="Event"/> names the client event that was refused, when there was one.
/// </summary>
internal sealed record RealtimeErrorPayload(
    string ErrorCode,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Event = null);
