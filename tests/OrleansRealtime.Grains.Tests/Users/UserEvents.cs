using System.Text.Json;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Users;
using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.Users;

/// <summary>Helpers to assert what a user stream carried.</summary>
internal static class UserEvents
{
    /// <summary>
    /// Sends a marker update and returns every event the probe saw before it. The stream is ordered, so
    /// once the marker arrived, an event emitted by an earlier call would have arrived too: this proves
    /// "no event" without waiting for time to pass.
    /// </summary>
    public static async Task<IReadOnlyList<Envelope>> BeforeMarkerAsync(IUserGrain user, StreamProbe probe)
    {
        using var empty = JsonDocument.Parse("{}");
        var marker = await user.SendUpdateAsync("test_marker", null, empty.RootElement).WithTimeout();
        await probe.WaitForAsync(e => e.Id == marker.Id);
        return [.. probe.Received.TakeWhile(e => e.Id != marker.Id)];
    }

    public static IReadOnlyList<string> FieldNames(Envelope envelope) => [.. envelope.Data.EnumerateObject().Select(p => p.Name)];

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
