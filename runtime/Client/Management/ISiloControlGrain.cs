using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Identity;

namespace OrleansRealtime.Client.Management;

/// <summary>
/// One silo's management endpoint, as Orleans' <c>ISiloControl</c>: keyed by the silo's <c>address:port@generation</c>,
/// and always served by that silo (it is routed by its key, never placed). Use <see cref="SiloControl.For"/>.
/// A call to a silo that is gone fails with <c>SiloUnavailableException</c>.
/// </summary>
public interface ISiloControlGrain : IGrainWithStringKey
{
    Task<SiloRuntimeStatistics> GetStatistics();

    /// <summary>Another silo's row changed (it joined or is leaving): re-read the membership table now.</summary>
    Task MembershipChanged();

    /// <summary>A reminder in this silo's hash range was registered, changed or removed by another silo: re-read its row.</summary>
    Task ReminderChanged(GrainId grainId, string reminderName);
}
