using System.Text.Json;

namespace OrleansRealtime.Abstractions.Invocation;

/// <summary>A request whose method returns <c>Task&lt;TResult&gt;</c> or <c>ValueTask&lt;TResult&gt;</c>.</summary>
public abstract class GrainRequest<TResult> : GrainRequest
{
    public override Type? ResultType => typeof(TResult);

    public override bool ResultIsImmutable => false;

    public sealed override async ValueTask<object?> InvokeAsync(object target) => await InvokeTypedAsync(target);

    protected abstract ValueTask<TResult> InvokeTypedAsync(object target);

    public override void WriteResult(Utf8JsonWriter writer, object? result, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, (TResult)result!, options);

    public override object? ReadResult(ref Utf8JsonReader reader, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<TResult>(ref reader, options);
}
