using System.Globalization;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Reminders;

namespace OrleansRealtime.Providers.Memory;

/// <summary>
/// Reminder rows in a dictionary, with the database providers' rules: every upsert takes its etag from one
/// counter for the whole table (so the etag of a removed reminder never matches a later one of the same
/// name), removal needs the current etag, range reads use <see cref="StableHash"/> of the grain id.
/// One instance is one table: hand the same instance to a restarted silo to keep its reminders.
/// </summary>
public sealed class MemoryReminderTable : IReminderTable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(GrainId GrainId, string ReminderName), Row> _rows = [];
    private long _lastVersion;

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<ReminderEntry> rows = [.. _rows.Values.Where(r => r.Entry.GrainId == grainId).Select(ToEntry).OrderBy(e => e.ReminderName, StringComparer.Ordinal)];
            return Task.FromResult(rows);
        }
    }

    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return Task.FromResult(_rows.TryGetValue((grainId, reminderName), out var row) ? ToEntry(row) : null);
        }
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(uint beginExclusive, uint endInclusive, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<ReminderEntry> rows = [.. _rows.Values.Where(r => InRange(r.Hash, beginExclusive, endInclusive)).Select(ToEntry)];
            return Task.FromResult(rows);
        }
    }

    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.ReminderName);
        cancellationToken.ThrowIfCancellationRequested();
        uint hash = StableHash.Compute(entry.GrainId);
        long version;
        lock (_lock)
        {
            version = ++_lastVersion;
            _rows[(entry.GrainId, entry.ReminderName)] = new Row(entry with { ETag = null }, hash, version);
        }

        return Task.FromResult(Format(version));
    }

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            bool matches = _rows.TryGetValue((grainId, reminderName), out var row) && Format(row.Version) == eTag;
            return Task.FromResult(matches && _rows.Remove((grainId, reminderName)));
        }
    }

    /// <summary>The ring rule of <see cref="IReminderTable"/>: (begin, end], wrapping when begin &gt;= end; begin == end is everything.</summary>
    internal static bool InRange(uint hash, uint beginExclusive, uint endInclusive) =>
        beginExclusive < endInclusive
            ? hash > beginExclusive && hash <= endInclusive
            : beginExclusive == endInclusive || hash > beginExclusive || hash <= endInclusive;

    private static ReminderEntry ToEntry(Row row) => row.Entry with { ETag = Format(row.Version) };

    private static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    private readonly record struct Row(ReminderEntry Entry, uint Hash, long Version);
}
