using System.Text.Json.Serialization;

namespace OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;

/// <summary>The body of an Engine.IO error answer.</summary>
internal sealed record EngineIoError([property: JsonPropertyName("code")] int Code, [property: JsonPropertyName("message")] string Message);
