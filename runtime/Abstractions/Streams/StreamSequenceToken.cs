using OrleansRealtime.Abstractions.Concurrency;

namespace OrleansRealtime.Abstractions.Streams;

/// <summary>
/// Position of an item in its stream. <see cref="Sequence"/> increases by one per item within an
/// <see cref="Epoch"/>; a new epoch means the stream's history before it is no longer available, so a
/// consumer holding an older epoch knows it may have missed items and must resynchronize.
/// </summary>
[Immutable]
public sealed record StreamSequenceToken(long Sequence, long Epoch) : IComparable<StreamSequenceToken>
{
    public int CompareTo(StreamSequenceToken? other)
    {
        if (other is null)
        {
            return 1;
        }

        int byEpoch = Epoch.CompareTo(other.Epoch);
        return byEpoch != 0 ? byEpoch : Sequence.CompareTo(other.Sequence);
    }
}
