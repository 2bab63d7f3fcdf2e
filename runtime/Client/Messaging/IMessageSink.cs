namespace OrleansRealtime.Client.Messaging;

/// <summary>
/// Moves messages toward their target. <see cref="Send"/> never throws: a message that cannot be delivered
/// (unknown grain type, stopped silo, missing observer) fails its <see cref="Message.Response"/> instead.
/// Messages from one sender to one target are delivered in send order.
/// </summary>
public interface IMessageSink
{
    void Send(Message message);
}
