using Microsoft.Extensions.Options;
using OrleansRealtime.Gateway.Tests.TestSupport;

namespace OrleansRealtime.Gateway.Tests.Auth;

public sealed class AuthOptionsValidationTests
{
    [Fact]
    public async Task MissingSigningKey_FailsTheStart_NamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            GatewayHost.StartAsync(new Dictionary<string, string?> { ["Realtime:Auth:SigningKey"] = null }));

        Assert.Contains("[Realtime:Auth] SigningKey is required", error.Message);
        Assert.Contains("Realtime__Auth__SigningKey", error.Message);
    }

    [Fact]
    public async Task ShortSigningKey_FailsTheStart_WithoutShowingTheKey()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            GatewayHost.StartAsync(new Dictionary<string, string?> { ["Realtime:Auth:SigningKey"] = "short-secret" }));

        Assert.Contains("at least 32 bytes", error.Message);
        Assert.Contains("is 12 bytes", error.Message);
        Assert.DoesNotContain("short-secret", error.Message);
    }

    [Fact]
    public async Task NegativeClockSkew_FailsTheStart()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            GatewayHost.StartAsync(new Dictionary<string, string?> { ["Realtime:Auth:ClockSkew"] = "-00:00:10" }));

        Assert.Contains("ClockSkew", error.Message);
        Assert.Contains("-00:00:10", error.Message);
    }
}
