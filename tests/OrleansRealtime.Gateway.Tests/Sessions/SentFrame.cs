using System.Text.Json;

namespace OrleansRealtime.Gateway.Tests.Sessions;

/// <summary>One text frame a <see cref="TestSession"/> wrote, read back from its JSON.</summary>
internal sealed record SentFrame(string Type, long? Seq, long? Epoch, string? Id, JsonElement Data)
{
    public static SentFrame Parse(ReadOnlyMemory<byte> frame)
    {
        using var document = JsonDocument.Parse(frame);
        var root = document.RootElement;
        return new SentFrame(
            root.GetProperty("type").GetString()!,
            root.TryGetProperty("seq", out var seq) ? seq.GetInt64() : null,
            root.TryGetProperty("epoch", out var epoch) ? epoch.GetInt64() : null,
            root.TryGetProperty("id", out var id) ? id.GetString() : null,
            root.GetProperty("data").Clone());
    }

    public string? DataString(string property) =>
        Data.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public override string ToString() => Seq is { } s ? $"{Type}#{Epoch}:{s}" : Type;
}
