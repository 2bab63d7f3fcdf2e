using OrleansRealtime.Abstractions.Identity;

namespace OrleansRealtime.Abstractions.Reminders;

/// <summary>
/// Durable reminder rows, keyed by (grain id, reminder name). Every operation is atomic. Upsert replaces a
/// row whatever its etag (the grain owns its reminders) and returns the new etag; remove deletes only when
/// the etag matches. Rows also carry <see cref="StableHash"/> of the grain id so a cluster can split the
/// table into ranges. Store failures throw <see cref="Exceptions.GrainStorageException"/>.
/// </summary>
public interface IReminderTable
{
    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default);

    Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default);

    /// <summary>All rows whose grain hash h satisfies begin &lt; h &lt;= end (begin &gt;= end wraps around; begin == end is all rows).</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(uint beginExclusive, uint endInclusive, CancellationToken cancellationToken = default);

    /// <returns>The new etag.</returns>
    Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default);

    /// <returns>False when no row with that etag exists.</returns>
    Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default);
}
