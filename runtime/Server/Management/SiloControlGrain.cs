using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Abstractions.Concurrency;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Client.Management;
using OrleansRealtime.Server.Core;
using OrleansRealtime.Server.Messaging;

namespace OrleansRealtime.Server.Management;

/// <summary>Answers management calls for the silo it runs in (the router delivers each to the silo its key names).</summary>
[GrainType(SiloControl.GrainType)]
[Reentrant]
internal sealed class SiloControlGrain(Catalog.Catalog catalog, SiloMessageCenter center, SiloConnectionPool silos, Reminders.ReminderService reminders, IServiceProvider services) : Grain, ISiloControlGrain
{
    /// <summary>Only a silo with a membership table has an agent (its factory needs the table).</summary>
    public Task MembershipChanged() =>
        services.GetService<Abstractions.Membership.IMembershipTable>() is null
            ? Task.CompletedTask
            : services.GetRequiredService<Membership.MembershipAgent>().RefreshNowAsync();

    public Task ReminderChanged(GrainId grainId, string reminderName) => reminders.OnChangedElsewhereAsync(grainId, reminderName);

    public Task<SiloRuntimeStatistics> GetStatistics() =>
        Task.FromResult(new SiloRuntimeStatistics(GrainId.Key, catalog.ActivationCount, center.ConnectedClients.Count, silos.ConnectionCount));
}
