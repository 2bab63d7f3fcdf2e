using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace OrleansRealtime.Gateway.Auth.Internal;

/// <summary>
/// Tokens that already passed <see cref="RealtimeTokenValidator"/>, so a service that sends the same token with
/// every publish is not re-validated (HMAC and a claim-set parse) per request. Only valid tokens are kept, each
/// until the earlier of its <c>exp</c> and <see cref="MaxAge"/> after it was validated; after that the next use
/// is validated in full again. Bounded: when its capacity of entries is held, the expired ones go,
/// and if that is not enough the cache starts over (the busy tokens come back with one validation each).
/// Lookups hash the token string and then compare it exactly, in constant time. Thread-safe; reads take no lock.
/// The cached principal is shared by every request that presents the token and must be treated as read-only.
/// </summary>
internal sealed class ValidatedTokenCache
{
    public const int DefaultCapacity = 1024;

    /// <summary>How long a validation is reused at most, even for a token that lives for hours.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly int _capacity;

    private readonly ConcurrentDictionary<string, Entry> _entries;
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public ValidatedTokenCache(TimeProvider time, int capacity = DefaultCapacity)
    {
        _time = time;
        _capacity = capacity;
        _entries = new(TokenComparer.Instance);
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _entries.Count;

    /// <summary>The cached outcome of <paramref name="token"/>, while it is still valid.</summary>
    public bool TryGet(string token, [NotNullWhen(true)] out Task<TokenValidationOutcome>? outcome) =>
        TryGet(token.AsSpan(), out outcome);

    /// <summary>As <see cref="TryGet(string, out Task{TokenValidationOutcome}?)"/>, for a token that is a slice of a header.</summary>
    public bool TryGet(ReadOnlySpan<char> token, [NotNullWhen(true)] out Task<TokenValidationOutcome>? outcome)
    {
        if (_bySpan.TryGetValue(token, out var key, out var entry))
        {
            if (_time.GetUtcNow() < entry.ValidUntil)
            {
                outcome = entry.Outcome;
                return true;
            }

            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        }

        outcome = null;
        return false;
    }

    /// <summary>Keeps <paramref name="outcome"/> for <paramref name="token"/> if it is a success with an expiry still ahead.</summary>
    public void Add(string token, Task<TokenValidationOutcome> outcome)
    {
        if (!outcome.IsCompletedSuccessfully || outcome.Result is not { IsValid: true, ExpiresAt: { } expires })
        {
            return;
        }

        var now = _time.GetUtcNow();
        var validUntil = expires < now + MaxAge ? expires : now + MaxAge;
        if (validUntil <= now)
        {
            return;
        }

        if (_entries.Count >= _capacity)
        {
            MakeRoom(now);
        }

        _entries[token] = new Entry(outcome, validUntil);
    }

    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var (token, entry) in _entries)
        {
            if (entry.ValidUntil <= now)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(token, entry));
            }
        }

        if (_entries.Count >= _capacity)
        {
            _entries.Clear();
        }
    }

    private sealed record Entry(Task<TokenValidationOutcome> Outcome, DateTimeOffset ValidUntil);
}
