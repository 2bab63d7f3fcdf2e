using System.Runtime.CompilerServices;
using OrleansRealtime.Abstractions.Persistence;

namespace OrleansRealtime.Server.Persistence;

/// <summary>
/// Which etag conflicts came from an activation's own state, as opposed to one a callee's call answered with (that one
/// reaches the caller as a copy, a different object). Orleans' <c>IsSourceActivation</c>: only the activation whose
/// state is stale is deactivated, never every grain the exception passes through.
/// </summary>
internal static class StateConflicts
{
    private static readonly ConditionalWeakTable<InconsistentStateException, object> Own = [];

    /// <summary>Marks a conflict that storage raised for a state of the activation running this call.</summary>
    public static void MarkOwn(InconsistentStateException conflict) => Own.AddOrUpdate(conflict, Own);

    /// <summary>True once for an exception <see cref="MarkOwn"/> marked (it then deactivates one activation only).</summary>
    public static bool TakeOwn(Exception exception) => exception is InconsistentStateException conflict && Own.Remove(conflict);
}
