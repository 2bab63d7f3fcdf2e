using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Transport;

namespace OrleansRealtime.Server.Tests.Transport;

/// <summary>Stands in for the catalog: invokes <see cref="Target"/> and completes the response sink.</summary>
public sealed class TestHandler : IInboundMessageHandler
{
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TransportTestTarget Target { get; } = new();

    public Message? LastMessage { get; private set; }

    public Task<Exception?> Closed => _closed.Task;

    public void OnRequest(MessageConnection connection, Message message)
    {
        LastMessage = message;
        _ = DispatchAsync(message);
    }

    public void OnClosed(MessageConnection connection, Exception? error) => _closed.TrySetResult(error);

    private async Task DispatchAsync(Message message)
    {
        try
        {
            var result = await message.Request.InvokeAsync(Target);
            message.Response?.Complete(result);
        }
        catch (Exception ex)
        {
            message.Response?.Fail(ex);
        }
    }
}
