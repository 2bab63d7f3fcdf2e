using System.Net.WebSockets;

namespace OrleansRealtime.LoadHarness.Clients;

/// <summary>
/// One simulated client socket and what it has seen: readiness, its per-user event counter (to find gaps
/// across reconnects), and the resume point of its protocol. Its state outlives the socket so a reconnect
/// resumes where the previous socket stopped.
/// </summary>
public sealed class LoadClient(int index, int user)
{
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Index { get; } = index;

    public int User { get; } = user;

    public string UserId { get; } = $"u{user}";

    public ClientWebSocket? Socket { get; set; }

    public string? Token { get; set; }

    public bool Ready { get; private set; }

    public Task WhenReady => _ready.Task;

    // Per-user events: the highest counter seen, counters skipped and not (yet) arrived, duplicates.
    public long LastK { get; set; } = -1;

    public HashSet<long>? Missing { get; set; }

    public long Duplicates { get; set; }

    // Our resume point (epoch, seq); socket.io's (pid, offset).
    public bool HasPosition { get; set; }

    public long Epoch { get; set; }

    public long Seq { get; set; }

    public string? SioPid { get; set; }

    public string? SioOffset { get; set; }

    // The chat response this socket is receiving: its marker time, and whether it started / ended.
    public long ChatT { get; set; } = -1;

    public bool ChatEnded { get; set; }

    public void MarkReady()
    {
        Ready = true;
        _ready.TrySetResult();
    }

    public void ResetForReconnect()
    {
        Ready = false;
        _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public ValueTask SendAsync(byte[] frame, CancellationToken cancellationToken) =>
        Socket!.SendAsync(new ReadOnlyMemory<byte>(frame), WebSocketMessageType.Text, true, cancellationToken);

    /// <summary>Records per-user counter <paramref name="k"/>: a jump marks the skipped counters missing, a late one fills its hole.</summary>
    public void TrackUserEvent(long k)
    {
        if (LastK < 0)
        {
            LastK = k;
            return;
        }

        if (k == LastK + 1)
        {
            LastK = k;
        }
        else if (k > LastK + 1)
        {
            Missing ??= [];
            for (var m = LastK + 1; m < k; m++)
            {
                Missing.Add(m);
            }

            LastK = k;
        }
        else if (Missing is null || !Missing.Remove(k))
        {
            Duplicates++;
        }
    }
}
