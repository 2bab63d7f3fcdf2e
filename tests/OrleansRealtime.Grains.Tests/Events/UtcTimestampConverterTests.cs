using System.Text.Json;
using OrleansRealtime.GrainInterfaces.Events;

namespace OrleansRealtime.Grains.Tests.Events;

public sealed class UtcTimestampConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new UtcTimestampConverter() } };

    [Theory]
    [InlineData("2024-07-20T14:00:00.1239999+02:00", "\"2024-07-20T12:00:00.123Z\"")]
    [InlineData("2024-07-20T12:00:00Z", "\"2024-07-20T12:00:00.000Z\"")]
    [InlineData("0001-01-01T00:00:00Z", "\"0001-01-01T00:00:00.000Z\"")]
    [InlineData("9999-12-31T23:59:59.9999999Z", "\"9999-12-31T23:59:59.999Z\"")]
    public void Writes_UtcToTheMillisecond_WithZ(string value, string expected) =>
        Assert.Equal(expected, JsonSerializer.Serialize(DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture), Options));

    [Fact]
    public void ReadsBackWhatItWrote_AsUtc()
    {
        var value = new DateTimeOffset(2024, 7, 20, 14, 0, 0, 250, TimeSpan.FromHours(2));

        var read = JsonSerializer.Deserialize<DateTimeOffset>(JsonSerializer.Serialize(value, Options), Options);

        Assert.Equal(value, read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
    }
}
