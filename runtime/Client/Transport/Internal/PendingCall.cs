using OrleansRealtime.Abstractions.Invocation;
using OrleansRealtime.Client.Messaging;

namespace OrleansRealtime.Client.Transport.Internal;

/// <summary>A call waiting for its Response frame: the request reads the result, the sink receives it.</summary>
internal readonly record struct PendingCall(GrainRequest Request, IResponseSink Sink);
