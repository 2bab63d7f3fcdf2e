using OrleansRealtime.Server.Catalog;

namespace OrleansRealtime.Server.Core;

/// <summary>
/// Hands the activation to the <see cref="Grain"/> base constructor. Set only while the runtime constructs
/// a grain, on that thread, so a grain created with <c>new</c> fails loudly instead of half-working.
/// </summary>
internal static class RuntimeContext
{
    [ThreadStatic]
    internal static ActivationData? Constructing;
}
