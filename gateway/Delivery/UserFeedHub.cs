using Microsoft.Extensions.Logging;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Streams;

namespace OrleansRealtime.Gateway.Delivery;

/// <summary>
/// The user feeds of this gateway: one stream subscription per user with at least one local socket, made
/// on the user's first socket and released with the last. Holds no state that outlives the sockets, so a
/// gateway pod can die without losing anything: clients resume on another pod from their <c>seq</c>.
/// </summary>
internal sealed partial class UserFeedHub
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, UserFeed> _feeds = new(StringComparer.Ordinal);
    private readonly GatewayStreams _streams;
    private readonly SessionServices _services;
    private readonly ILogger<UserFeedHub> _logger;

    public UserFeedHub(GatewayStreams streams, SessionServices services, ILogger<UserFeedHub> logger)
    {
        _streams = streams;
        _services = services;
        _logger = logger;

        // A pod's cluster connection dropped and came back: what the streams published meanwhile did not reach it.
        // Check every feed's position at once instead of waiting for the presence timer.
        if (streams.Client is Client.Hosting.ClusterClient client)
        {
            client.StreamsResubscribed += CheckAllPositions;
        }
    }

    /// <summary>Has every feed compare its sessions with its stream's position (see <see cref="UserFeed.CheckPositionAsync"/>).</summary>
    public void CheckAllPositions()
    {
        UserFeed[] feeds;
        lock (_lock)
        {
            feeds = [.. _feeds.Values];
        }

        foreach (var feed in feeds)
        {
            _ = feed.CheckPositionAsync();
        }
    }

    public int FeedCount
    {
        get
        {
            lock (_lock)
            {
                return _feeds.Count;
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="session"/> to its user's feed and waits until the feed's subscription is live, so
    /// that everything published from now on reaches the session (held until it goes live or resumes).
    /// Throws when the stream cannot be subscribed; the session is then detached again.
    /// </summary>
    public async Task AttachAsync(GatewaySession session, CancellationToken cancellationToken)
    {
        UserFeed feed;
        lock (_lock)
        {
            while (true)
            {
                if (!_feeds.TryGetValue(session.UserId, out feed!))
                {
                    var stream = _streams.Provider.GetStream<Envelope>(UserStreams.ForUser(session.UserId));
                    feed = new UserFeed(session.UserId, stream, _services, _logger);
                    _feeds[session.UserId] = feed;
                }

                if (feed.TryAdd(session))
                {
                    break;
                }

                _feeds.Remove(session.UserId);
            }
        }

        session.Stream = feed.Stream;
        session.Feed = feed;
        try
        {
            await feed.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogSubscribeFailed(_logger, ex, session.UserId);
            lock (_lock)
            {
                // A failed subscription must not be reused: the next socket of the user tries again.
                if (feed.Ready.IsFaulted && _feeds.TryGetValue(session.UserId, out var current) && ReferenceEquals(current, feed))
                {
                    _feeds.Remove(session.UserId);
                }
            }

            await DetachAsync(session).ConfigureAwait(false);
            throw;
        }

        _ = feed.ConnectPresenceAsync(session);
    }

    public async Task DetachAsync(GatewaySession session)
    {
        if (session.Feed is not { } feed)
        {
            return;
        }

        bool last;
        lock (_lock)
        {
            last = feed.Remove(session);
            if (last && _feeds.TryGetValue(session.UserId, out var current) && ReferenceEquals(current, feed))
            {
                _feeds.Remove(session.UserId);
            }
        }

        if (feed.Ready.IsCompletedSuccessfully)
        {
            await feed.DisconnectPresenceAsync(session).ConfigureAwait(false);
        }

        if (last)
        {
            await feed.CloseAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 2111, Level = LogLevel.Warning, Message = "Could not subscribe to the stream of user {UserId}")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception, string userId);
}
