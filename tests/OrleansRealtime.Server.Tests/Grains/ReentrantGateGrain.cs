using OrleansRealtime.Abstractions.Concurrency;
using OrleansRealtime.Abstractions.Identity;

namespace OrleansRealtime.Server.Tests.Grains;

[Reentrant]
[GrainType("test.gate.reentrant")]
public sealed class ReentrantGateGrain : GateGrainBase, IReentrantGateGrain;
