using Microsoft.Extensions.Options;

namespace OrleansRealtime.Server.Tests.Streams;

public sealed class StreamOptionsTests
{
    [Theory]
    [InlineData("Realtime:Streams:HistoryCapacity", "-1", "HistoryCapacity")]
    [InlineData("Realtime:Streams:HistoryCapacity", "100001", "HistoryCapacity")]
    [InlineData("Realtime:Streams:HistoryMaxAge", "00:00:00", "HistoryMaxAge")]
    [InlineData("Realtime:Streams:HistoryMaxAge", "-00:00:05", "HistoryMaxAge")]
    [InlineData("Realtime:Streams:ClientConfirmationInterval", "-00:00:01", "ClientConfirmationInterval")]
    public async Task InvalidHistoryBounds_FailTheStart_NamingThePropertyAndValue(string key, string value, string property)
    {
        await using var cluster = TestClusters.Builder().WithSetting(key, value).Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => cluster.DeployAsync()).WithTimeout();

        Assert.Contains(property, ex.Message);
        Assert.Contains(value, ex.Message);
    }

    [Theory]
    [InlineData("Realtime:Streams:HistoryCapacity", "0")]
    [InlineData("Realtime:Streams:HistoryMaxAge", "-00:00:00.001")]
    [InlineData("Realtime:Streams:ClientConfirmationInterval", "00:00:00")]
    public async Task NoHistory_OrNoAgeLimit_AreValid(string key, string value)
    {
        await using var cluster = TestClusters.Builder().WithSetting(key, value).Build();

        await cluster.DeployAsync().WithTimeout();
    }
}
