using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Transport;

namespace OrleansRealtime.Server.Messaging;

/// <summary>
/// The connection to one remote silo. Calls made while it connects wait in a queue and are written, in order, once it
/// is up; if connecting fails they fail with <see cref="SiloUnavailableException"/>, and so does every call for a
/// short while after (<see cref="TransportOptions.ConnectTimeout"/>), so a silo that is down but not yet declared dead
/// costs its callers one fast failure each, not one connection attempt each.
/// </summary>
internal sealed class RemoteSilo(SiloAddress silo, SiloConnectionPool pool) : IAsyncDisposable
{
    private readonly object _lock = new();
    private readonly List<Message> _queued = [];
    private readonly CancellationTokenSource _disposed = new();
    /// <summary>Published only after the calls queued while connecting were written, so a sender that reads it without the lock cannot overtake them.</summary>
    private volatile MessageConnection? _connection;
    private bool _connecting;
    private long _failedAt;
    private string? _failure;

    public SiloAddress Silo { get; } = silo;

    public void Send(Message message)
    {
        // The connected case without the lock: MessageConnection.Send is thread-safe and keeps each sender's order, and
        // it serializes the arguments, which no other sender should wait for.
        if (_connection is { IsConnected: true } connected)
        {
            connected.Send(message);
            return;
        }

        lock (_lock)
        {
            if (_connection is { IsConnected: true } connection)
            {
                connection.Send(message);
                return;
            }

            if (_failure is not null && pool.Time.GetElapsedTime(_failedAt) < pool.Transport.ConnectTimeout)
            {
                message.Response?.Fail(new SiloUnavailableException($"Silo {Silo} is unreachable ({_failure}); {message} was not sent."));
                return;
            }

            _queued.Add(message);
            if (!_connecting)
            {
                _connecting = true;
                _ = ConnectAsync();
            }
        }
    }

    private async Task ConnectAsync()
    {
        MessageConnection? connection = null;
        Exception? failure = null;
        try
        {
            connection = await pool.ConnectAsync(Silo, _disposed.Token);
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        List<Message> failed = [];
        lock (_lock)
        {
            _connecting = false;
            if (connection is not null && !_disposed.IsCancellationRequested)
            {
                _failure = null;
                foreach (var message in _queued)
                {
                    connection.Send(message);
                }

                _connection = connection;
            }
            else
            {
                _failure = failure?.Message ?? "the connection was closed";
                _failedAt = pool.Time.GetTimestamp();
                failed.AddRange(_queued);
            }

            _queued.Clear();
        }

        foreach (var message in failed)
        {
            message.Response?.Fail(new SiloUnavailableException($"Silo {Silo} is unreachable ({_failure}); {message} was not sent."));
        }

        if (connection is not null)
        {
            if (_disposed.IsCancellationRequested)
            {
                await connection.DisposeAsync();
                return;
            }

            await connection.Completion;
            lock (_lock)
            {
                if (ReferenceEquals(_connection, connection))
                {
                    _connection = null;
                }
            }

            pool.Forget(this);
        }
    }

    public async ValueTask DisposeAsync()
    {
        MessageConnection? connection;
        lock (_lock)
        {
            _disposed.Cancel();
            connection = _connection;
            _connection = null;
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
