using System.Net;
using System.Net.Sockets;

namespace OrleansRealtime.Providers.Tests.TestSupport;

/// <summary>
/// A loopback TCP proxy in front of a real server, for outage tests. It listens on 127.0.0.1 on a free port
/// and pipes every accepted connection to the target. <see cref="Pause"/> resets every open connection and
/// every new one (the server "goes away": callers fail at once); <see cref="Blackhole"/> keeps every
/// connection open but swallows what is sent either way, and accepts new ones without ever answering (the
/// server "stops answering", as behind a dead host or a dropped route: callers fail only by timeout);
/// <see cref="Resume"/> forwards again on the same port.
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly HashSet<Socket> _open = [];
    private readonly Task _acceptLoop;
    private bool _paused;
    private bool _blackholed;

    public TcpForwarder(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Resets every forwarded connection and, until <see cref="Resume"/>, every new one.</summary>
    public void Pause()
    {
        Socket[] open;
        lock (_lock)
        {
            _paused = true;
            open = [.. _open];
            _open.Clear();
        }

        foreach (var socket in open)
        {
            Reset(socket);
        }
    }

    /// <summary>Swallows all traffic of open and new connections until <see cref="Resume"/>.</summary>
    public void Blackhole()
    {
        lock (_lock)
        {
            _blackholed = true;
        }
    }

    /// <summary>Forwards again. Connections that lived through a blackhole lost bytes, so they are reset.</summary>
    public void Resume()
    {
        Socket[] lostBytes = [];
        lock (_lock)
        {
            if (_blackholed)
            {
                lostBytes = [.. _open];
                _open.Clear();
            }

            _paused = false;
            _blackholed = false;
        }

        foreach (var socket in lostBytes)
        {
            Reset(socket);
        }
    }

    private bool IsBlackholed
    {
        get
        {
            lock (_lock)
            {
                return _blackholed;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _listener.Stop();
        Pause();
        try
        {
            await _acceptLoop.WaitAsync(TestTimeouts.Timeout);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (!Track(client))
            {
                return;
            }

            if (IsBlackholed)
            {
                // Accepted, never answered: read and drop until the client gives up or Resume resets it.
                await PumpAsync(client, null);
                return;
            }

            await upstream.ConnectAsync(_targetHost, _targetPort, _stopping.Token);
            if (!Track(upstream))
            {
                return;
            }

            // Whichever direction ends first (or breaks under Pause) ends the pair.
            await Task.WhenAny(PumpAsync(client, upstream), PumpAsync(upstream, client));
        }
        catch (Exception)
        {
            // A reset or a refused upstream: the client sees its connection drop, which is the point.
        }
        finally
        {
            lock (_lock)
            {
                _open.Remove(client);
                _open.Remove(upstream);
            }

            Reset(client);
            Reset(upstream);
        }
    }

    /// <summary>Copies <paramref name="from"/> to <paramref name="to"/>, dropping everything while blackholed (or always, without a target).</summary>
    private async Task PumpAsync(Socket from, Socket? to)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            int read = await from.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token);
            if (read == 0)
            {
                return;
            }

            if (to is not null && !IsBlackholed)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stopping.Token);
            }
        }
    }

    /// <summary>Registers an open socket, or resets it at once while paused.</summary>
    private bool Track(Socket socket)
    {
        lock (_lock)
        {
            if (!_paused)
            {
                _open.Add(socket);
                return true;
            }
        }

        Reset(socket);
        return false;
    }

    private static void Reset(Socket socket)
    {
        try
        {
            if (socket.Connected)
            {
                // Linger 0: close with RST, so the peer fails now instead of waiting for a FIN handshake.
                socket.LingerState = new LingerOption(true, 0);
            }
        }
        catch (Exception)
        {
        }

        socket.Dispose();
    }
}
