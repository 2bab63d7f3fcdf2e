using System.Text.Json.Serialization;

namespace OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;

/// <summary>Source-generated JSON for the protocol's own documents (independent of the app's JSON settings).</summary>
[JsonSerializable(typeof(EngineIoError))]
[JsonSerializable(typeof(EngineIoHandshakeData))]
internal sealed partial class EngineIoJsonContext : JsonSerializerContext;
