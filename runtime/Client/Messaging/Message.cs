using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Invocation;

namespace OrleansRealtime.Client.Messaging;

/// <summary>
/// A request on its way to a grain or observer. <see cref="Request"/> is already a copy owned by the
/// receiver. <see cref="Response"/> is null for one-way calls.
/// </summary>
public sealed class Message(GrainId target, GrainRequest request, IResponseSink? response)
{
    public GrainId Target { get; } = target;

    public GrainRequest Request { get; } = request;

    public IResponseSink? Response { get; } = response;

    /// <summary>How many times the message was re-routed (for example after its activation deactivated).</summary>
    public int ForwardCount { get; set; }

    /// <summary>
    /// True when the sender is another silo, which understands a redirect reply (the grain lives elsewhere) and
    /// corrects its location cache; false for local callers and clients, whose calls are forwarded instead.
    /// </summary>
    public bool RedirectAllowed { get; set; }

    public override string ToString() => $"{Request} to {Target}";
}
