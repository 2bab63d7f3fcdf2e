using OrleansRealtime.Abstractions.Streams;

namespace OrleansRealtime.Server.Tests.Streams;

/// <summary>A stream item that can opt out of the stream log (an ephemeral item).</summary>
public sealed record LoggedItem(int Value, bool PersistInLog = true) : IStreamLogItem;
