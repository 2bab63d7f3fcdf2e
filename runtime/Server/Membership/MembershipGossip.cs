using Microsoft.Extensions.Logging;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Client.Management;

namespace OrleansRealtime.Server.Membership;

/// <summary>
/// Tells the other live silos that this silo's row changed (it became active, or is shutting down), so they re-read
/// the table at once rather than at their next <c>TableRefreshPeriod</c> (60 s): a new silo gets placements within a
/// round trip, a stopping one stops getting them. Best effort, as Orleans' membership gossip: each notice is bounded
/// by <see cref="NoticeTimeout"/>, failures are logged, and the table stays the truth.
/// </summary>
internal sealed partial class MembershipGossip(IGrainFactory grains, IClusterMembership membership, ILogger<MembershipGossip> logger)
{
    public static readonly TimeSpan NoticeTimeout = TimeSpan.FromSeconds(2);

    public async Task NotifyOthersAsync()
    {
        var self = membership.LocalSilo;
        var others = membership.Current.Members
            .Where(m => m.Status is SiloStatus.Joining or SiloStatus.Active or SiloStatus.ShuttingDown && !m.SiloAddress.Equals(self))
            .Select(m => m.SiloAddress)
            .ToList();
        await Task.WhenAll(others.Select(NotifyAsync));
    }

    private async Task NotifyAsync(SiloAddress silo)
    {
        try
        {
            await SiloControl.For(grains, silo).MembershipChanged().WaitAsync(NoticeTimeout);
        }
        catch (Exception ex)
        {
            LogNoticeFailed(logger, ex, silo.ToString());
        }
    }

    [LoggerMessage(EventId = 1831, Level = LogLevel.Debug, Message = "Could not tell silo {Silo} that the membership changed; it reads the table at its next refresh")]
    private static partial void LogNoticeFailed(ILogger logger, Exception exception, string silo);
}
