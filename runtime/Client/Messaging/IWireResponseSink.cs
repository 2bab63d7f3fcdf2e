namespace OrleansRealtime.Client.Messaging;

/// <summary>
/// A response sink that serializes what it is given onto a connection. Serialization to the wire already is
/// the copy across the boundary, so the runtime hands such a sink the grain's own result object and exception
/// (no in-process copy first). Same delivery contract as <see cref="IResponseSink"/>.
/// </summary>
public interface IWireResponseSink : IResponseSink;
