using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Gateway.Delivery;
using OrleansRealtime.Gateway.Hosting;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.Gateway.SocketIo;
using OrleansRealtime.Gateway.SocketIo.Internal;
using OrleansRealtime.Gateway.SocketIo.Realtime;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Events.Users;

namespace OrleansRealtime.Gateway.Tests.SocketIo.Realtime;

/// <summary>
/// <see cref="SocketIoSession"/> over a fake connection and a fake stream: what it writes for each stream item, and
/// that a gap the history cannot fill stops delivery and closes the transport instead of skipping ahead.
/// </summary>
public sealed class SocketIoSessionTests : IAsyncDisposable
{
    private const long Epoch = 7;
    private readonly ServiceProvider _services;
    private readonly FakeConnection _connection = new();
    private readonly FakeStream _stream = new();
    private readonly SocketIoSession _session;

    public SocketIoSessionTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Realtime:Auth:SigningKey"] = GatewayHost.SigningKey }).Build();
        _services = new ServiceCollection().AddLogging().AddMetrics().AddRealtimeGateway(configuration).BuildServiceProvider();
        var handshake = new SocketIoHandshake(new QueryCollection(), new HeaderDictionary(), IPAddress.Loopback, new ClaimsPrincipal(), "websocket");
        var socket = new SocketIoSocket("socket-1", handshake, _connection);
        _session = new SocketIoSession(_services.GetRequiredService<SessionServices>(), "alice", new ClaimsPrincipal(), null, socket, "pid", "proof")
        {
            Stream = _stream,
        };
    }

    [Fact]
    public async Task StreamEvents_AreEmittedUnderTheirSocketIoName_WithTheOffsetLast_AndEventsWithoutOneAreNotSent()
    {
        var sendLoop = _session.RunSendLoopAsync();
        _session.GoLive(new StreamSequenceToken(0, Epoch));

        _session.OnStreamItem(Item(new BalanceUpdateData(10, DateTimeOffset.UnixEpoch), 1));
        _session.OnStreamItem(Item(new ProfileUpdatedData("alice", null, null, []), 2));
        _session.OnStreamItem(Item(new TypingData(true, "alice", "sess_other"), 3));

        var balance = await _connection.NextAsync();
        var typing = await _connection.NextAsync();
        Assert.Equal("""42["balance:update",{"balance":10,"timestamp":"1970-01-01T00:00:00.000Z"},"7-1.proof"]""", balance);
        Assert.Equal("""42["typing",true,"7-3.proof"]""", typing);
        _session.RequestClose(GatewayCloseCodes.Normal, "closed");
        await sendLoop.WithTimeout();
        Assert.Empty(_connection.Drain());
        Assert.False(_connection.TransportClosed);
    }

    [Fact]
    public async Task ALiveGapTheHistoryNoLongerHolds_WritesNothingAfterIt_AndClosesTheTransport_SoTheClientReconnectsFromItsLastOffset()
    {
        // Seq 2 was lost on the way and the history no longer has it; the stream stands at 3, and 4 is held meanwhile.
        _stream.Complete = false;
        _stream.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sendLoop = _session.RunSendLoopAsync();
        _session.GoLive(new StreamSequenceToken(0, Epoch));

        _session.OnStreamItem(Item(new BalanceUpdateData(1, DateTimeOffset.UnixEpoch), 1));
        _session.OnStreamItem(Item(new BalanceUpdateData(7, DateTimeOffset.UnixEpoch), 3));
        _session.OnStreamItem(Item(new BalanceUpdateData(15, DateTimeOffset.UnixEpoch), 4));
        _stream.Gate.SetResult();
        await sendLoop.WithTimeout();

        Assert.Equal("""42["balance:update",{"balance":1,"timestamp":"1970-01-01T00:00:00.000Z"},"7-1.proof"]""", await _connection.NextAsync());
        Assert.Empty(_connection.Drain());
        Assert.True(_connection.TransportClosed);
    }

    [Fact]
    public async Task ARecoveryTheHistoryCannotServe_Fails_AndWritesNothing()
    {
        _stream.Complete = false;

        var recovered = await _session.TryRecoverAsync(new StreamSequenceToken(1, Epoch - 1)).WithTimeout();
        var sendLoop = _session.RunSendLoopAsync();
        _session.RequestClose(GatewayCloseCodes.Normal, "closed");
        await sendLoop.WithTimeout();

        Assert.False(recovered);
        Assert.Empty(_connection.Drain());
    }

    [Fact]
    public async Task ARecoveryTheHistoryServes_ReplaysThenGoesLive()
    {
        _stream.History.Add(new StreamHistoryEntry<Envelope>(Envelope.Create(new BalanceUpdateData(3, DateTimeOffset.UnixEpoch), DateTimeOffset.UnixEpoch), new StreamSequenceToken(2, Epoch)));

        var recovered = await _session.TryRecoverAsync(new StreamSequenceToken(1, Epoch)).WithTimeout();
        var sendLoop = _session.RunSendLoopAsync();
        _session.OnStreamItem(Item(new BalanceUpdateData(7, DateTimeOffset.UnixEpoch), 3));

        Assert.True(recovered);
        Assert.EndsWith(""","7-2.proof"]""", await _connection.NextAsync());
        Assert.EndsWith(""","7-3.proof"]""", await _connection.NextAsync());
        _session.RequestClose(GatewayCloseCodes.Normal, "closed");
        await sendLoop.WithTimeout();
    }

    public async ValueTask DisposeAsync()
    {
        _session.RequestClose(GatewayCloseCodes.Normal, "closed");
        await _services.DisposeAsync();
    }

    private static FeedItem Item<T>(T data, long seq)
        where T : notnull =>
        new(Envelope.Create(data, DateTimeOffset.UnixEpoch), new StreamSequenceToken(seq, Epoch));

    /// <summary>The Socket.IO connection under the socket: records packets and transport closes.</summary>
    private sealed class FakeConnection : ISocketIoPacketSink
    {
        private readonly Channel<string> _packets = Channel.CreateUnbounded<string>();

        public JsonSerializerOptions Json => EventJson.Options;

        public TimeProvider Time => TimeProvider.System;

        public TimeSpan DefaultAckTimeout => TimeSpan.FromSeconds(1);

        public string Transport => "websocket";

        public bool TransportClosed { get; private set; }

        public ValueTask<bool> SendAsync(byte[] packet, CancellationToken cancellationToken)
        {
            _packets.Writer.TryWrite(Encoding.UTF8.GetString(packet));
            return ValueTask.FromResult(!TransportClosed);
        }

        public ValueTask DisconnectAsync(SocketIoSocket socket) => ValueTask.CompletedTask;

        public void CloseTransport(bool flush) => TransportClosed = true;

        public Task<string> NextAsync() => _packets.Reader.ReadAsync().AsTask().WithTimeout();

        public List<string> Drain()
        {
            var left = new List<string>();
            while (_packets.Reader.TryRead(out var packet))
            {
                left.Add(packet);
            }

            return left;
        }
    }

    /// <summary>A user stream whose history holds <see cref="History"/>, or reports the range gone.</summary>
    private sealed class FakeStream : IAsyncStream<Envelope>
    {
        public bool Complete { get; set; } = true;

        /// <summary>History reads wait for it.</summary>
        public TaskCompletionSource Gate { get; set; } = CompletedGate();

        public List<StreamHistoryEntry<Envelope>> History { get; } = [];

        public StreamId StreamId => new("user", "alice");

        public string ProviderName => "fake";

        public Task OnNextAsync(Envelope item) => Task.CompletedTask;

        public Task<StreamSubscriptionHandle<Envelope>> SubscribeAsync(IAsyncObserver<Envelope> observer) => throw new NotSupportedException();

        public Task<IList<StreamSubscriptionHandle<Envelope>>> GetAllSubscriptionHandles() => throw new NotSupportedException();

        public Task<StreamSequenceToken> GetPositionAsync() => Task.FromResult(new StreamSequenceToken(History.Count + 10, Epoch));

        public async Task<StreamHistoryResult<Envelope>> GetItemsAfterAsync(StreamSequenceToken after, int maxCount)
        {
            await Gate.Task;
            return Complete
                ? new StreamHistoryResult<Envelope>([.. History.Where(e => e.Token.Sequence > after.Sequence)], true, false, new StreamSequenceToken(after.Sequence + History.Count, Epoch))
                : new StreamHistoryResult<Envelope>([], false, false, new StreamSequenceToken(3, Epoch));
        }

        private static TaskCompletionSource CompletedGate()
        {
            var gate = new TaskCompletionSource();
            gate.SetResult();
            return gate;
        }
    }
}
