using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Providers.Memory;
using OrleansRealtime.Providers.Tests.Contracts;

namespace OrleansRealtime.Providers.Tests.Memory;

/// <summary>The memory provider is its own store: a "restart" hands the same instance to the new silo.</summary>
public sealed class MemoryGrainStorageTests : GrainStorageContractTests
{
    private readonly MemoryGrainStorage _store = new();

    protected override IGrainStorage CreateSut() => _store;

    protected override IGrainStorage CreateSecondInstanceOnSameStore() => _store;
}
