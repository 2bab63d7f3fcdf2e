namespace OrleansRealtime.Server.Catalog;

/// <summary>Lifecycle of one activation: Activating → Valid → Deactivating → Invalid (or Activating → Invalid on failure).</summary>
internal enum ActivationState
{
    Activating,
    Valid,
    Deactivating,
    Invalid,
}
