using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Server.Core;

namespace OrleansRealtime.Server.Tests.Grains;

[GrainType("test.faulty")]
public sealed class FaultyGrain : Grain, IFaultyGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A key starting with "fail-once" fails its first activation only.
        if (GrainId.Key.StartsWith("fail-once", StringComparison.Ordinal) && Counters.Increment($"faulty-activation:{GrainId}") == 1)
        {
            throw new InvalidOperationException($"Activation of {GrainId.Key} failed on purpose");
        }

        return Task.CompletedTask;
    }

    public Task Throw(string message) => throw new InvalidOperationException(message);

    public Task ThrowCustom(string message) => throw new CustomGrainException(message);

    public Task ThrowOpaque(int code) => throw new OpaqueGrainException(code);

    public Task Hang() => new TaskCompletionSource().Task;

    public Task<string> Echo(string value) => Task.FromResult(value);

    public Task Take(NotSerializable value) => Task.CompletedTask;

    public Task<NotSerializable> Give() => Task.FromResult(new NotSerializable());
}
