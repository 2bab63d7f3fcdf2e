using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Server.Core;

namespace OrleansRealtime.Server.Tests.Grains;

public sealed class GuidKeyGrain : Grain, IGuidKeyGrain
{
    public Task<Guid> Key() => Task.FromResult(this.GetPrimaryKey());
}

public sealed class LongKeyGrain : Grain, ILongKeyGrain
{
    public Task<long> Key() => Task.FromResult(this.GetPrimaryKeyLong());
}

public sealed class CompoundKeyGrain : Grain, ICompoundKeyGrain
{
    public Task<string> Key()
    {
        var guid = this.GetPrimaryKey(out var extension);
        return Task.FromResult($"{guid:N}+{extension}");
    }
}
