using System.Text.Json.Serialization;

namespace OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;

/// <summary>The JSON of the open packet.</summary>
internal sealed record EngineIoHandshakeData(
    [property: JsonPropertyName("sid")] string Sid,
    [property: JsonPropertyName("upgrades")] IReadOnlyList<string> Upgrades,
    [property: JsonPropertyName("pingInterval")] int PingInterval,
    [property: JsonPropertyName("pingTimeout")] int PingTimeout,
    [property: JsonPropertyName("maxPayload")] int MaxPayload);
