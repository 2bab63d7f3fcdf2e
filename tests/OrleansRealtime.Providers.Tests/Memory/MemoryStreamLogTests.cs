using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Providers.Memory;
using OrleansRealtime.Providers.Tests.Contracts;

namespace OrleansRealtime.Providers.Tests.Memory;

public sealed class MemoryStreamLogTests : StreamLogContractTests
{
    private readonly MemoryStreamLog _log = new();

    protected override IStreamLog CreateSut() => _log;

    protected override IStreamLog CreateSecondInstanceOnSameStore() => _log;
}
