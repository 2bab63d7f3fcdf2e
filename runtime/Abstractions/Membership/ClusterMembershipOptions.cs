using System.Globalization;

namespace OrleansRealtime.Abstractions.Membership;

/// <summary>
/// The timing of the membership protocol, bound from <c>Realtime:Clustering</c>. Defaults are Orleans'
/// (<c>ClusterMembershipOptions</c>) where Orleans has the setting. The membership table and grain directory
/// providers do not read these; the silo's membership agent does (and the client's gateway list will).
/// <see cref="Validate"/> holds the rules that keep the protocol safe; the silo host checks them at start.
/// </summary>
/// <remarks>
/// The safety argument: a silo stops accepting grain calls once its own heartbeat could not be renewed for
/// <see cref="LeaseTimeout"/> (measured on its monotonic clock from the start of the last heartbeat that
/// succeeded), and no other silo declares it dead before its heartbeat is <see cref="DeathTimeout"/> old. With
/// <c>LeaseTimeout &lt; DeathTimeout</c>, by the time its grains may activate elsewhere it has fenced itself,
/// provided clocks differ by less than <c>DeathTimeout − LeaseTimeout</c> (30 s by default).
/// </remarks>
public sealed class ClusterMembershipOptions
{
    public const string SectionName = "Realtime:Clustering";

    /// <summary>How often a silo writes its heartbeat (<see cref="IMembershipTable.UpdateIAmAliveAsync"/>). Orleans' <c>IAmAliveTablePublishTimeout</c>: 30 s.</summary>
    public TimeSpan IAmAlivePeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A silo whose heartbeat is older than this is declared <see cref="SiloStatus.Dead"/> by a live silo, and its
    /// directory entries are removed. Orleans: <c>IAmAliveTablePublishTimeout × NumMissedTableIAmAliveLimit</c>
    /// (30 s × 3 = 90 s), after which Orleans treats an active entry as stale.
    /// </summary>
    public TimeSpan DeathTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Self-fencing: a silo that could not renew its heartbeat for this long stops accepting grain calls until a
    /// heartbeat succeeds (for good once the table shows it dead). No Orleans counterpart (Orleans relies on the dead silo reading
    /// the table). Two missed heartbeats by default; must be above <see cref="IAmAlivePeriod"/> and below
    /// <see cref="DeathTimeout"/>.
    /// </summary>
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often silos and clients re-read the whole table (clients: the gateway list). Orleans' <c>TableRefreshTimeout</c>: 60 s.</summary>
    public TimeSpan TableRefreshPeriod { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Timeout of one silo-to-silo liveness probe, and the period between probes of one silo. Orleans' <c>ProbeTimeout</c>: 5 s.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Missed probes in a row after which the prober adds a suspect vote. Orleans' <c>NumMissedProbesLimit</c>: 3.</summary>
    public int NumMissedProbesLimit { get; set; } = 3;

    /// <summary>Unexpired votes that declare a silo dead before its <see cref="DeathTimeout"/>. Orleans' <c>NumVotesForDeathDeclaration</c>: 2.</summary>
    public int NumVotesForDeathDeclaration { get; set; } = 2;

    /// <summary>A suspect vote older than this no longer counts. Orleans' <c>DeathVoteExpirationTimeout</c>: 2 min.</summary>
    public TimeSpan DeathVoteExpirationTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A silo that has not become active after this long gives up its start. Orleans' <c>MaxJoinAttemptTime</c>: 5 min.</summary>
    public TimeSpan MaxJoinAttemptTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Dead rows whose heartbeat is older than this are deleted (<see cref="IMembershipTable.CleanupDefunctSiloEntriesAsync"/>). Orleans' <c>DefunctSiloExpiration</c>: 7 days.</summary>
    public TimeSpan DefunctSiloExpiration { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often that cleanup runs. Orleans' <c>DefunctSiloCleanupPeriod</c>: 1 h.</summary>
    public TimeSpan DefunctSiloCleanupPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Every broken rule, each message naming the property and its value; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        List<string> failures = [];
        void Positive(string property, TimeSpan value)
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add(Invariant($"{SectionName}:{property} must be a positive duration, but is {value}."));
            }
        }

        void AtLeastOne(string property, int value)
        {
            if (value < 1)
            {
                failures.Add(Invariant($"{SectionName}:{property} must be at least 1, but is {value}."));
            }
        }

        Positive(nameof(IAmAlivePeriod), IAmAlivePeriod);
        Positive(nameof(DeathTimeout), DeathTimeout);
        Positive(nameof(LeaseTimeout), LeaseTimeout);
        Positive(nameof(TableRefreshPeriod), TableRefreshPeriod);
        Positive(nameof(ProbeTimeout), ProbeTimeout);
        Positive(nameof(DeathVoteExpirationTimeout), DeathVoteExpirationTimeout);
        Positive(nameof(MaxJoinAttemptTime), MaxJoinAttemptTime);
        Positive(nameof(DefunctSiloExpiration), DefunctSiloExpiration);
        Positive(nameof(DefunctSiloCleanupPeriod), DefunctSiloCleanupPeriod);
        AtLeastOne(nameof(NumMissedProbesLimit), NumMissedProbesLimit);
        AtLeastOne(nameof(NumVotesForDeathDeclaration), NumVotesForDeathDeclaration);

        if (LeaseTimeout > TimeSpan.Zero && IAmAlivePeriod > TimeSpan.Zero && LeaseTimeout <= IAmAlivePeriod)
        {
            failures.Add(Invariant($"{SectionName}:{nameof(LeaseTimeout)} must be longer than {nameof(IAmAlivePeriod)} ({IAmAlivePeriod}), or one late heartbeat fences the silo, but is {LeaseTimeout}."));
        }

        if (LeaseTimeout > TimeSpan.Zero && DeathTimeout > TimeSpan.Zero && LeaseTimeout >= DeathTimeout)
        {
            failures.Add(Invariant($"{SectionName}:{nameof(LeaseTimeout)} must be shorter than {nameof(DeathTimeout)} ({DeathTimeout}), or a silo declared dead may still serve calls, but is {LeaseTimeout}."));
        }

        return failures;
    }

    private static string Invariant(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
