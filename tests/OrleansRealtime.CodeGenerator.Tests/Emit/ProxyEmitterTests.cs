using OrleansRealtime.Abstractions.Invocation;
using OrleansRealtime.CodeGenerator.Tests.TestSupport;

namespace OrleansRealtime.CodeGenerator.Tests.Emit;

public sealed class ProxyEmitterTests
{
    private static Type ChatGrain => RoundTripSample.Assembly.Value.Interface(RoundTripSample.ChatGrain);

    [Fact]
    public async Task TaskOfT_SendsTheArgumentsAndReturnsTheGrainsResult()
    {
        var invoker = new LoopbackCallInvoker(RoundTripSample.CreateGrain());
        GrainReference proxy = RoundTripSample.Assembly.Value.Proxy(RoundTripSample.ChatGrain, invoker);

        object? result = await ChatGrain.CallAsync(proxy, "Post", "room", 2, new List<string> { "x" });

        Assert.Equal("room:2:x", result);
        GrainRequest sent = Assert.Single(invoker.Sent);
        Assert.Equal(RoundTripSample.PostMethod, sent.MethodName);
        Assert.Equal(InvokeFlags.None, sent.Flags);
    }

    [Fact]
    public async Task ValueTaskOfT_ReturnsTheGrainsResult()
    {
        var invoker = new LoopbackCallInvoker(RoundTripSample.CreateGrain());
        GrainReference proxy = RoundTripSample.Assembly.Value.Proxy(RoundTripSample.ChatGrain, invoker);
        object message = Activator.CreateInstance(RoundTripSample.Assembly.Value.GetType("RoundTrip.Message")!, "hi", 1)!;

        object? result = await ChatGrain.CallAsync(proxy, "Echo", message);

        Assert.Equal(Activator.CreateInstance(message.GetType(), "hi", 2), result);
        Assert.NotSame(message, result);
    }

    [Fact]
    public async Task TaskAndValueTask_CompleteWhenTheGrainHasRun()
    {
        object grain = RoundTripSample.CreateGrain();
        GrainReference proxy = RoundTripSample.Assembly.Value.Proxy(RoundTripSample.ChatGrain, new LoopbackCallInvoker(grain));

        await ChatGrain.CallAsync(proxy, "Clear", "lobby");
        await ChatGrain.CallAsync(proxy, "Touch");

        Assert.Equal(["clear lobby", "touch"], RoundTripSample.LogOf(grain));
    }

    [Fact]
    public async Task OneWayMethod_IsSentWithInvokeOneWay()
    {
        object grain = RoundTripSample.CreateGrain();
        var invoker = new LoopbackCallInvoker(grain);
        GrainReference proxy = RoundTripSample.Assembly.Value.Proxy(RoundTripSample.ChatGrain, invoker);

        await ChatGrain.CallAsync(proxy, "Fire", "now");

        GrainRequest sent = Assert.Single(invoker.SentOneWay);
        Assert.Empty(invoker.Sent);
        Assert.Equal(InvokeFlags.OneWay, sent.Flags);
        Assert.Equal(["fire now"], RoundTripSample.LogOf(grain));
    }

    [Fact]
    public async Task VoidObserverMethod_IsSentOneWay()
    {
        object grain = RoundTripSample.CreateGrain();
        var invoker = new LoopbackCallInvoker(grain);
        Type observer = RoundTripSample.Assembly.Value.Interface("RoundTrip.IChatObserver");
        GrainReference proxy = RoundTripSample.Assembly.Value.Proxy("RoundTrip.IChatObserver", invoker);

        await observer.CallAsync(proxy, "Notify", "hello");

        Assert.Equal("Notify(string)", Assert.Single(invoker.SentOneWay).MethodName);
        Assert.Equal(["notify hello"], RoundTripSample.LogOf(grain));
    }

    [Fact]
    public async Task InheritedMethod_IsSentAsARequestOfTheDeclaringInterface()
    {
        var invoker = new LoopbackCallInvoker(RoundTripSample.CreateGrain());
        Type audited = RoundTripSample.Assembly.Value.Interface("RoundTrip.IAuditedChatGrain");
        GrainReference proxy = RoundTripSample.Assembly.Value.Proxy("RoundTrip.IAuditedChatGrain", invoker);

        object? inherited = await ChatGrain.CallAsync(proxy, "Add", 1, 2);
        object? own = await audited.CallAsync(proxy, "Add", 1, 2, 3);

        Assert.Equal(3, inherited);
        Assert.Equal(6, own);
        Assert.Equal(
            [("RoundTrip.IChatGrain", "Add(int,int)"), ("RoundTrip.IAuditedChatGrain", "Add(int,int,int)")],
            invoker.Sent.Select(r => (r.InterfaceName, r.MethodName)));
        Assert.Equal(ChatGrain, invoker.Sent[0].InterfaceType);
    }
}
