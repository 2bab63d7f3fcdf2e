namespace OrleansRealtime.Server.Persistence;

/// <summary>A persistent state the runtime reads before <c>OnActivateAsync</c>.</summary>
internal interface IStateLoader
{
    Task ReadStateAsync();
}
