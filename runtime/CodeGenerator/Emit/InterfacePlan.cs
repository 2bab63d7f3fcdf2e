using System.Collections.Immutable;
using OrleansRealtime.CodeGenerator.Model;

namespace OrleansRealtime.CodeGenerator.Emit;

/// <summary>A valid grain interface with the names of its proxy and of its request classes (one per method, same order).</summary>
internal sealed record InterfacePlan(GrainInterfaceModel Model, string ProxyName, ImmutableArray<string> RequestNames);
