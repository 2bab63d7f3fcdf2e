using OrleansRealtime.Abstractions.Grains;

namespace OrleansRealtime.Server.Tests.Grains;

public interface IGuidKeyGrain : IGrainWithGuidKey
{
    Task<Guid> Key();
}

public interface ILongKeyGrain : IGrainWithIntegerKey
{
    Task<long> Key();
}

public interface ICompoundKeyGrain : IGrainWithGuidCompoundKey
{
    Task<string> Key();
}
