namespace OrleansRealtime.Abstractions.Grains;

/// <summary>
/// Marker for observer interfaces: callbacks implemented by a client or silo object and invoked through a
/// reference made with <see cref="IGrainFactory.CreateObjectReference{TGrainObserverInterface}"/>.
/// Calls to an observer are delivered at most once, in the order one caller sends them; an observer whose
/// host is gone makes calls fail, which is how <c>ObserverManager</c> notices dead observers.
/// </summary>
public interface IGrainObserver : IAddressable;
