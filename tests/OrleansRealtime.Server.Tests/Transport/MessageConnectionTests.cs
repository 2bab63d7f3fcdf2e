using System.Text.Json;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Invocation;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Transport;

namespace OrleansRealtime.Server.Tests.Transport;

/// <summary>Calls over a real loopback connection: results, void and one-way calls, exceptions, redirects, request ids.</summary>
public sealed class MessageConnectionTests
{
    [Fact]
    public async Task Request_WithArguments_ReturnsTheResult()
    {
        var acceptor = new TestAcceptor();
        await using var listener = await TransportTestKit.StartListenerAsync(acceptor);
        await using var connection = await TransportTestKit.ConnectAsync(listener.SiloEndPoint);
        var grain = TransportTestKit.Grain(connection);

        Assert.Equal(5, await grain.Add(2, 3).WithTimeout());
        Assert.Equal(["x", "x"], (await grain.Wrap("x").WithTimeout()).Items);
        Assert.Equal("silo-under-test", connection.Remote.SenderId);
        Assert.Equal([9], connection.Remote.Payload);
        Assert.Equal(new GrainId("test.transport", "k"), acceptor.Handlers.Single().LastMessage!.Target);
    }

    [Fact]
    public async Task ACallerThatBlocksRightAfterConnecting_DoesNotStallTheConnection()
    {
        await using var listener = await TransportTestKit.StartListenerAsync(new TestAcceptor());

        Assert.Equal(5, await ConnectThenBlockOnACallAsync(listener.SiloEndPoint));
    }

    /// <summary>
    /// With inline socket scheduling the handshake's read completes on the socket's I/O thread. ConfigureAwait(false)
    /// goes on wherever the connect completed: were that the I/O thread, the blocking wait would hold the very thread
    /// the call's response must arrive on.
    /// </summary>
    private static async Task<int> ConnectThenBlockOnACallAsync(System.Net.IPEndPoint endpoint)
    {
        var connection = await TransportTestKit.ConnectAsync(endpoint).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var sum = TransportTestKit.Grain(connection).Add(2, 3);
#pragma warning disable xUnit1031 // Blocking on purpose: a blocking caller is what this test is about.
            Assert.True(sum.Wait(TimeSpan.FromSeconds(10)), "the response did not arrive while the caller blocked");
#pragma warning restore xUnit1031
            return await sum.ConfigureAwait(false);
        }
    }

    [Fact]
    public async Task VoidCall_Completes()
    {
        await using var listener = await TransportTestKit.StartListenerAsync(new TestAcceptor());
        await using var connection = await TransportTestKit.ConnectAsync(listener.SiloEndPoint);

        await TransportTestKit.Grain(connection).Nothing().WithTimeout();
    }

    [Fact]
    public async Task OneWayCall_IsDelivered_WithoutAResponseSink()
    {
        var acceptor = new TestAcceptor();
        await using var listener = await TransportTestKit.StartListenerAsync(acceptor);
        await using var connection = await TransportTestKit.ConnectAsync(listener.SiloEndPoint);

        await TransportTestKit.Grain(connection).Notify("hi").WithTimeout();

        var handler = acceptor.Handlers.Single();
        Assert.Equal("hi", await handler.Target.Notifications.Reader.ReadAsync().AsTask().WithTimeout());
        Assert.Null(handler.LastMessage!.Response);
        Assert.Equal(0, connection.PendingCallCount);
    }

    [Fact]
    public async Task Exception_ComesBackWithTypeAndMessage()
    {
        await using var listener = await TransportTestKit.StartListenerAsync(new TestAcceptor());
        await using var connection = await TransportTestKit.ConnectAsync(listener.SiloEndPoint);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => TransportTestKit.Grain(connection).Throw("boom").WithTimeout());

        Assert.Equal("boom", ex.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Redirect_SurfacesAsGrainRedirectException_WithTheAddress(bool withAddress)
    {
        await using var listener = await TransportTestKit.StartListenerAsync(new TestAcceptor());
        await using var connection = await TransportTestKit.ConnectAsync(listener.SiloEndPoint);

        var ex = await Assert.ThrowsAsync<GrainRedirectException>(() => TransportTestKit.Grain(connection).Redirect(withAddress).WithTimeout());

        Assert.Equal(withAddress ? TransportTestTarget.SampleAddress : null, ex.Address);
    }

    [Fact]
    public async Task UnserializableResult_FailsTheCall_AndTheConnectionStaysUsable()
    {
        await using var listener = await TransportTestKit.StartListenerAsync(new TestAcceptor());
        await using var connection = await TransportTestKit.ConnectAsync(listener.SiloEndPoint);
        var grain = TransportTestKit.Grain(connection);

        await Assert.ThrowsAsync<GrainSerializationException>(() => grain.Give().WithTimeout());

        Assert.Equal(3, await grain.Add(1, 2).WithTimeout());
    }

    [Fact]
    public async Task UnserializableArgument_FailsAtTheCaller_AndTheConnectionStaysUsable()
    {
        await using var listener = await TransportTestKit.StartListenerAsync(new TestAcceptor());
        await using var connection = await TransportTestKit.ConnectAsync(listener.SiloEndPoint);
        var sink = new TestSink();

        connection.Send(new Message(new GrainId("test.transport", "k"), new RawRequest("{", "Unwritable"), sink));

        await Assert.ThrowsAsync<GrainSerializationException>(() => sink.Task.WithTimeout());
        Assert.Equal(3, await TransportTestKit.Grain(connection).Add(1, 2).WithTimeout());
    }

    [Fact]
    public async Task ManyConcurrentCalls_AllGetTheirOwnResult()
    {
        await using var listener = await TransportTestKit.StartListenerAsync(new TestAcceptor());
        await using var connection = await TransportTestKit.ConnectAsync(listener.SiloEndPoint);
        var grain = TransportTestKit.Grain(connection);

        var calls = Enumerable.Range(0, 10_000).Select(i => grain.Add(i, i)).ToArray();
        var results = await Task.WhenAll(calls).WithTimeout();

        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => 2 * i), results);
        Assert.Equal(0, connection.PendingCallCount);
    }

    [Fact]
    public async Task UnknownInterfaceOrMethod_GetsAnExceptionResponse_AndTheConnectionStaysUsable()
    {
        await using var listener = await TransportTestKit.StartListenerAsync(new TestAcceptor());
        await using var connection = await TransportTestKit.ConnectAsync(listener.SiloEndPoint);
        var unknownInterface = new TestSink();
        var unknownMethod = new TestSink();

        connection.Send(new Message(new GrainId("test.transport", "k"), new RawRequest("{}", interfaceName: "No.Such.IInterface"), unknownInterface));
        connection.Send(new Message(new GrainId("test.transport", "k"), new RawRequest("{}", methodName: "NoSuchMethod()"), unknownMethod));

        await Assert.ThrowsAsync<UnknownGrainInterfaceException>(() => unknownInterface.Task.WithTimeout());
        await Assert.ThrowsAsync<UnknownGrainInterfaceException>(() => unknownMethod.Task.WithTimeout());
        Assert.True(connection.IsConnected);
        Assert.Equal(3, await TransportTestKit.Grain(connection).Add(1, 2).WithTimeout());
    }

    [Fact]
    public async Task UnreadableArguments_GetAGrainSerializationExceptionResponse()
    {
        await using var listener = await TransportTestKit.StartListenerAsync(new TestAcceptor());
        await using var connection = await TransportTestKit.ConnectAsync(listener.SiloEndPoint);
        var names = CapturedNames();
        var sink = new TestSink();

        connection.Send(new Message(new GrainId("test.transport", "k"), new RawRequest("""{"a":{"not":"an int"}}""", methodName: names.Method, interfaceName: names.Interface), sink));

        await Assert.ThrowsAsync<GrainSerializationException>(() => sink.Task.WithTimeout());
        Assert.Equal(3, await TransportTestKit.Grain(connection).Add(1, 2).WithTimeout());
    }

    [Fact]
    public async Task Send_OnAClosedConnection_FailsAtOnce()
    {
        await using var listener = await TransportTestKit.StartListenerAsync(new TestAcceptor());
        var connection = await TransportTestKit.ConnectAsync(listener.SiloEndPoint);
        await connection.DisposeAsync().AsTask().WithTimeout();

        var call = TransportTestKit.Grain(connection).Add(1, 2);

        Assert.False(connection.IsConnected);
        Assert.True(call.IsCompleted);
        await Assert.ThrowsAsync<SiloUnavailableException>(() => call);
    }

    [Fact]
    public async Task Requests_TravelBothWays_OnOneConnection()
    {
        var acceptor = new TestAcceptor();
        await using var listener = await TransportTestKit.StartListenerAsync(acceptor);
        var clientHandler = new TestHandler();
        await using var connection = await TransportTestKit.ConnectAsync(listener.SiloEndPoint, handler: clientHandler);
        var serverSide = await acceptor.FirstConnected;

        Assert.Equal(7, await TransportTestKit.Grain(serverSide).Add(3, 4).WithTimeout());
        Assert.NotNull(clientHandler.LastMessage);
    }

    /// <summary>The wire names of <see cref="ITransportTestGrain.Add"/>, taken from the generated request.</summary>
    private static (string Interface, string Method) CapturedNames()
    {
        var capture = new CapturingInvoker();
        var grain = (ITransportTestGrain)GrainInterfaceRegistry.CreateReference(typeof(ITransportTestGrain), new GrainId("test.transport", "k"), capture);
        _ = grain.Add(1, 2);
        return (capture.Request!.InterfaceName, capture.Request.MethodName);
    }

    private sealed class CapturingInvoker : IGrainCallInvoker
    {
        public GrainRequest? Request { get; private set; }

        public Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest request)
        {
            Request = request;
            return Task.FromResult(default(TResult)!);
        }

        public Task InvokeAsync(GrainReference target, GrainRequest request) => InvokeAsync<object?>(target, request);

        public void InvokeOneWay(GrainReference target, GrainRequest request) => Request = request;
    }
}

/// <summary>A sink that turns the outcome into a task.</summary>
public sealed class TestSink : TaskCompletionSource<object?>, IResponseSink
{
    public TestSink()
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
    }

    public void Complete(object? result) => TrySetResult(result);

    public void Fail(Exception exception) => TrySetException(exception);
}

/// <summary>A hand-written request with arbitrary names and raw argument JSON ("{" makes writing fail).</summary>
public sealed class RawRequest(string argumentsJson, string methodName = "Raw()", string interfaceName = "OrleansRealtime.Server.Tests.Transport.ITransportTestGrain")
    : VoidGrainRequest
{
    public override string InterfaceName => interfaceName;

    public override Type InterfaceType => typeof(ITransportTestGrain);

    public override string MethodName => methodName;

    public override GrainRequest CreateEmpty() => new RawRequest(argumentsJson, methodName, interfaceName);

    public override void WriteArguments(Utf8JsonWriter writer, JsonSerializerOptions options)
    {
        if (argumentsJson == "{")
        {
            throw new NotSupportedException("this argument cannot be written");
        }

        writer.WriteRawValue(argumentsJson);
    }

    public override void ReadArguments(ref Utf8JsonReader reader, JsonSerializerOptions options) => reader.Skip();

    protected override ValueTask InvokeVoidAsync(object target) => ValueTask.CompletedTask;
}
