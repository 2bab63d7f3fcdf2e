namespace OrleansRealtime.Client.Messaging;

/// <summary>
/// Receives the outcome of one request. Exactly one of the methods takes effect; later calls (for example
/// a response arriving after the timeout) are ignored. Values passed here have already crossed the copy
/// boundary.
/// </summary>
public interface IResponseSink
{
    void Complete(object? result);

    void Fail(Exception exception);
}
