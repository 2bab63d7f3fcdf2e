using System.Text.Json;
using OrleansRealtime.Client.Hosting;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.SystemNotices;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Gateway.Tests.TestSupport;

/// <summary>
/// Proves that nothing was published without waiting for a while: a marker update is sent to the user's
/// stream and awaited. The stream keeps one order and grains await their publishes before a call returns,
/// so any event of an earlier (refused) request would have arrived before the marker.
/// </summary>
public static class StreamBarrier
{
    public const string MarkerType = "test_barrier";

    /// <summary>Every event the probe received before the marker (the marker excluded).</summary>
    public static async Task<IReadOnlyList<Envelope>> EventsBeforeBarrierAsync(this StreamProbe probe, IClusterClient client, string userId)
    {
        var marker = Guid.NewGuid().ToString("N");
        await client.GetGrain<IUserGrain>(userId).SendUpdateAsync(MarkerType, null, JsonSerializer.SerializeToElement(new { marker })).WithTimeout();
        await probe.WaitForAsync(MarkerType, e => e.Data.GetProperty("marker").GetString() == marker);
        return [.. probe.Received.Where(e => e.Type != MarkerType)];
    }

    /// <summary>
    /// The same for a probe of the broadcast stream: the marker is a <c>system_announcement</c> sent through the
    /// system grain. Returns every broadcast the probe received before it (the marker excluded).
    /// </summary>
    public static async Task<IReadOnlyList<Envelope>> BroadcastsBeforeBarrierAsync(this StreamProbe probe, IClusterClient client)
    {
        var marker = $"{MarkerType} {Guid.NewGuid():N}";
        var sent = await client.GetGrain<ISystemGrain>(SystemGrainKey.Global).SendAnnouncementAsync(marker).WithTimeout();
        await probe.WaitForAsync(e => e.Id == sent.Id);
        return [.. probe.Received.TakeWhile(e => e.Id != sent.Id)];
    }
}
