using OrleansRealtime.Grains.Tests.TestSupport;

namespace OrleansRealtime.Grains.Tests.Conversations;

/// <summary>Bad <c>Realtime:Chat</c> settings stop the silo at start, with a message naming the setting.</summary>
public sealed class ChatOptionsValidationTests
{
    [Theory]
    [InlineData("Model", "OpenAi", "OpenAi:BaseUrl")]
    [InlineData("HistoryLimit", "5", "HistoryLimit")]
    [InlineData("SearchResultLimit", "0", "SearchResultLimit")]
    [InlineData("MaxResponseDuration", "00:00:00", "MaxResponseDuration")]
    public async Task An_invalid_setting_fails_the_start_naming_it(string key, string value, string named)
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var cluster = await DomainCluster.StartAsync(configure: b => b.WithSetting($"Realtime:Chat:{key}", value));
        });

        Assert.Contains(named, ex.ToString());
        Assert.Contains("Realtime:Chat", ex.ToString());
    }

    [Fact]
    public async Task OpenAi_without_a_model_name_fails_the_start()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var cluster = await DomainCluster.StartAsync(configure: b => b
                .WithSetting("Realtime:Chat:Model", "OpenAi")
                .WithSetting("Realtime:Chat:OpenAi:BaseUrl", "http://localhost:11434/v1"));
        });

        Assert.Contains("OpenAi:Model is required", ex.ToString());
    }
}
