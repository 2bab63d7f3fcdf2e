namespace OrleansRealtime.Client.Messaging;

/// <summary>
/// A call waiting for its response, as <see cref="ResponseTimeoutSweep"/> keeps it: the links of its place in
/// one of the sweep's lists, its deadline, and what to do when the deadline passes. The links belong to the
/// sweep and are read and written only under the lock of the list they are in.
/// </summary>
internal interface ITimedResponse
{
    ITimedResponse? Previous { get; set; }

    ITimedResponse? Next { get; set; }

    /// <summary>The list the call is in, or null once it left it (completed, failed or timed out).</summary>
    ResponseTimeoutSweep.List? List { get; set; }

    /// <summary>The deadline, as a timestamp of the sweep's <see cref="TimeProvider"/>.</summary>
    long Deadline { get; set; }

    /// <summary>Fails the call with a <see cref="TimeoutException"/>; called by the sweep, after it left its list.</summary>
    void Expire();
}
