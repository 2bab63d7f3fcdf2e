namespace OrleansRealtime.CodeGenerator.Analysis;

/// <summary>Full metadata names of the runtime types the generator looks for or emits.</summary>
internal static class KnownTypeNames
{
    public const string Addressable = "OrleansRealtime.Abstractions.Grains.IAddressable";
    public const string GrainId = "OrleansRealtime.Abstractions.Identity.GrainId";
    public const string ReadOnlyAttribute = "OrleansRealtime.Abstractions.Concurrency.ReadOnlyAttribute";
    public const string AlwaysInterleaveAttribute = "OrleansRealtime.Abstractions.Concurrency.AlwaysInterleaveAttribute";
    public const string OneWayAttribute = "OrleansRealtime.Abstractions.Concurrency.OneWayAttribute";
    public const string ImmutableAttribute = "OrleansRealtime.Abstractions.Concurrency.ImmutableAttribute";
    public const string Task = "System.Threading.Tasks.Task";
    public const string TaskOfT = "System.Threading.Tasks.Task`1";
    public const string ValueTask = "System.Threading.Tasks.ValueTask";
    public const string ValueTaskOfT = "System.Threading.Tasks.ValueTask`1";
}
