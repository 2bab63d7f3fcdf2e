using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Invocation;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Server.Core;
using OrleansRealtime.Server.Persistence;

namespace OrleansRealtime.Server.Catalog;

/// <summary>A grain call: invokes the method, copies the result or exception back across the boundary.</summary>
internal sealed class RequestWorkItem(Message message) : WorkItem
{
    public Message Message { get; } = message;

    public override InvokeFlags Flags => Message.Request.Flags;

    public override bool CountsAsActivity => true;

    public override async Task ExecuteAsync(ActivationData activation)
    {
        var request = Message.Request;
        try
        {
            var result = await request.InvokeAsync(activation.ResolveTarget(request.InterfaceType));
            Respond(activation, request, result);
        }
        catch (Exception ex)
        {
            if (StateConflicts.TakeOwn(ex))
            {
                // As in Orleans: the activation's etag is stale and every later write would conflict too. It goes once
                // its running calls finish; the next call re-reads the state in a new activation.
                activation.Runtime.LogDeactivatingAfterConflict(ex, activation.GrainId);
                _ = activation.DeactivateAsync(new DeactivationReason(DeactivationReasonCode.ApplicationError, "An etag conflict of its state escaped a call"));
            }

            Message.Response?.Fail(CopyForSink(ex));
        }
        finally
        {
            activation.OnCompleted(this);
        }
    }

    private void Respond(ActivationData activation, GrainRequest request, object? result)
    {
        if (Message.Response is not { } response)
        {
            return;
        }

        // A wire sink serializes the result onto its connection: that is the copy, so it gets the original.
        if (response is IWireResponseSink)
        {
            response.Complete(result);
            return;
        }

        try
        {
            response.Complete(activation.Runtime.Serializer.CopyResult(request, result));
        }
        catch (GrainSerializationException ex)
        {
            response.Fail(ExceptionCodec.Copy(ex));
        }
    }

    public override void Fail(Exception exception) => Message.Response?.Fail(CopyForSink(exception));

    /// <summary>A wire sink writes type and message (or a redirect's address) itself; a copy would lose the address.</summary>
    private Exception CopyForSink(Exception exception) =>
        Message.Response is IWireResponseSink ? exception : ExceptionCodec.Copy(exception);

    public override bool TryForward(int maxForwardCount) => ++Message.ForwardCount <= maxForwardCount;

    public override void Resend(Catalog catalog) => catalog.Send(Message);

    public override void Relocate(Messaging.ClusterRouter cluster, Abstractions.Directory.GrainAddress winner) => cluster.Relocate(Message, winner);
}
