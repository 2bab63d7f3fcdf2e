using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Server.Core;

namespace OrleansRealtime.Server.Tests.Review2;

/// <summary>An exception whose public (string) constructor refuses messages it did not make itself.</summary>
public sealed class Review2PickyException : Exception
{
    public Review2PickyException(string message)
        : base(message)
    {
        if (!message.StartsWith("picky:", StringComparison.Ordinal))
        {
            throw new ArgumentException("Review2PickyException needs a 'picky:' message.", nameof(message));
        }
    }

    public Review2PickyException(int code)
        : base($"code {code}")
    {
    }
}

public interface IReview2ThrowingGrain : OrleansRealtime.Abstractions.Grains.IGrainWithStringKey
{
    Task ThrowPicky();

    Task ThrowOutOfRange();
}

[GrainType("review2.throwing")]
public sealed class Review2ThrowingGrain : Grain, IReview2ThrowingGrain
{
    public Task ThrowPicky() => throw new Review2PickyException(42);

    public Task ThrowOutOfRange() => throw new ArgumentOutOfRangeException("period", "Period is below the minimum.");
}
