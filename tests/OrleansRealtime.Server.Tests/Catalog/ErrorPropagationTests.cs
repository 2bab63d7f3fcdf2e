using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Server.Tests.Grains;

namespace OrleansRealtime.Server.Tests.Catalog;

public sealed class ErrorPropagationTests(SharedCluster fixture) : IClassFixture<SharedCluster>
{
    private IFaultyGrain Grain(string? key = null) => fixture.Cluster.Client.GetGrain<IFaultyGrain>(key ?? TestSupport.NewKey());

    [Fact]
    public async Task GrainException_ReachesCaller_WithTypeAndMessage()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Grain().Throw("boom 42")).WithTimeout();
        Assert.Equal("boom 42", ex.Message);
    }

    [Fact]
    public async Task CustomGrainException_ReachesCaller_AsItsOwnType()
    {
        var ex = await Assert.ThrowsAsync<CustomGrainException>(() => Grain().ThrowCustom("custom")).WithTimeout();
        Assert.Equal("custom", ex.Message);
    }

    [Fact]
    public async Task ExceptionThatCannotBeRecreated_ArrivesAsRemoteGrainException_WithTypeAndMessage()
    {
        var ex = await Assert.ThrowsAsync<RemoteGrainException>(() => Grain().ThrowOpaque(7)).WithTimeout();
        Assert.Equal(typeof(OpaqueGrainException).FullName, ex.OriginalTypeName);
        Assert.Equal("opaque failure 7", ex.Message);
    }

    [Fact]
    public async Task HangingCall_TimesOut_AndGrainKeepsServingOtherGrains()
    {
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => Grain().Hang()).WithTimeout();
        Assert.Contains("IFaultyGrain.Hang", ex.Message);
        Assert.Equal("still here", await Grain().Echo("still here").WithTimeout());
    }

    [Fact]
    public async Task FailedActivation_SurfacesToCaller_AndNextCallActivatesAgain()
    {
        var grain = Grain(TestSupport.NewKey("fail-once"));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Echo("x")).WithTimeout();
        Assert.Contains("failed on purpose", ex.Message);
        Assert.Equal("second", await grain.Echo("second").WithTimeout());
    }

    [Fact]
    public async Task UnserializableArgument_FailsAtCaller_AndSiloKeepsServing()
    {
        var ex = await Assert.ThrowsAsync<GrainSerializationException>(() => Grain().Take(new NotSerializable())).WithTimeout();
        Assert.Contains("IFaultyGrain.Take", ex.Message);
        Assert.Equal("ok", await Grain().Echo("ok").WithTimeout());
    }

    [Fact]
    public async Task UnserializableResult_FailsAtCaller()
    {
        var ex = await Assert.ThrowsAsync<GrainSerializationException>(() => Grain().Give()).WithTimeout();
        Assert.Contains("result", ex.Message);
    }

    [Fact]
    public void UnknownGrainInterface_IsRefusedAtGetGrain()
    {
        var ex = Assert.Throws<UnknownGrainInterfaceException>(() => fixture.Cluster.Client.GetGrain(typeof(IComparable), "x"));
        Assert.Contains("System.IComparable", ex.Message);
    }

    [Fact]
    public void InterfaceWithoutGrainClass_IsRefusedAtGetGrain()
    {
        var ex = Assert.Throws<GrainTypeNotRegisteredException>(() => fixture.Cluster.Client.GetGrain<IUnimplementedGrain>("x"));
        Assert.Contains(nameof(IUnimplementedGrain), ex.Message);
    }

    [Fact]
    public async Task CallToUnregisteredGrainType_FailsAtCaller_AndSiloKeepsServing()
    {
        var reference = fixture.Cluster.Client.GetGrain<IFaultyGrain>(new GrainId("no.such.type", "x"));

        var ex = await Assert.ThrowsAsync<GrainTypeNotRegisteredException>(() => reference.Echo("x")).WithTimeout();
        Assert.Contains("no.such.type", ex.Message);
        Assert.Equal("ok", await Grain().Echo("ok").WithTimeout());
    }
}
