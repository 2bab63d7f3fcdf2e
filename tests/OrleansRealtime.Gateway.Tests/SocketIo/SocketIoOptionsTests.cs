using Microsoft.Extensions.Options;

namespace OrleansRealtime.Gateway.Tests.SocketIo;

public sealed class SocketIoOptionsTests
{
    [Theory]
    [InlineData("PingInterval", "0")]
    [InlineData("PingTimeout", "-5")]
    [InlineData("MaxPayload", "10")]
    [InlineData("MaxSessions", "0")]
    [InlineData("OutboundQueueCapacity", "0")]
    [InlineData("MaxJsonDepth", "1000")]
    public async Task BadValue_FailsTheStart_NamingPropertyAndValue(string property, string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            SocketIoTestHost.StartAsync(new Dictionary<string, string?> { [$"Realtime:SocketIo:{property}"] = value }));

        Assert.Contains($"[Realtime:SocketIo] {property} must be between", error.Message);
        Assert.Contains($"but is {value}.", error.Message);
    }

    [Fact]
    public void Defaults_AreTheReferenceServers()
    {
        var options = new OrleansRealtime.Gateway.SocketIo.SocketIoOptions();

        Assert.Equal(25000, options.PingInterval);
        Assert.Equal(20000, options.PingTimeout);
        Assert.Equal(1_000_000, options.MaxPayload);
        Assert.Equal(45000, options.ConnectTimeout);
    }
}
