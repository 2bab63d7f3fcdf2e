using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.SystemNotices;
using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.SystemNotices;

/// <summary>Helpers to assert what the broadcast stream carried.</summary>
internal static class SystemEvents
{
    /// <summary>
    /// Broadcasts a marker announcement and returns every broadcast the probe saw before it: the stream is
    /// ordered, so an event emitted by an earlier call would have arrived first.
    /// </summary>
    public static async Task<IReadOnlyList<Envelope>> BeforeMarkerAsync(ISystemGrain system, StreamProbe probe)
    {
        var marker = await system.SendAnnouncementAsync("marker").WithTimeout();
        await probe.WaitForAsync(e => e.Id == marker.Id);
        return [.. probe.Received.TakeWhile(e => e.Id != marker.Id)];
    }

    public static IReadOnlyList<string> FieldNames(Envelope envelope) => [.. envelope.Data.EnumerateObject().Select(p => p.Name)];
}
