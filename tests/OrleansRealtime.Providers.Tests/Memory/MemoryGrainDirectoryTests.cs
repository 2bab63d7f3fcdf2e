using OrleansRealtime.Abstractions.Directory;
using OrleansRealtime.Providers.Memory;
using OrleansRealtime.Providers.Tests.Contracts;

namespace OrleansRealtime.Providers.Tests.Memory;

public sealed class MemoryGrainDirectoryTests : GrainDirectoryContractTests
{
    private readonly MemoryGrainDirectory _directory = new();

    protected override IGrainDirectory CreateSut() => _directory;

    protected override IGrainDirectory CreateSecondInstanceOnSameStore() => _directory;
}
