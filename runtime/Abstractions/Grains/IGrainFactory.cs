using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Identity;

namespace OrleansRealtime.Abstractions.Grains;

/// <summary>
/// Creates typed references to grains and observers. Creating a reference never activates anything: the
/// grain activates on its first call. References are cheap, immutable, and may be passed in calls and
/// stored in grain state.
/// </summary>
public interface IGrainFactory
{
    TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidKey;

    TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey;

    TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey;

    TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidCompoundKey;

    TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerCompoundKey;

    /// <summary>A reference to an existing grain id, typed as <typeparamref name="TGrainInterface"/>.</summary>
    TGrainInterface GetGrain<TGrainInterface>(Identity.GrainId grainId)
        where TGrainInterface : IAddressable;

    /// <summary>Untyped lookup by interface type (throws <see cref="UnknownGrainInterfaceException"/> for a non-grain interface).</summary>
    IGrain GetGrain(Type grainInterfaceType, string primaryKey);

    IGrain GetGrain(Type grainInterfaceType, Guid primaryKey);

    IGrain GetGrain(Type grainInterfaceType, long primaryKey);

    /// <summary>
    /// Makes a callable reference to a local object. The reference stays valid until
    /// <see cref="DeleteObjectReference{TGrainObserverInterface}"/> or until this client or silo stops.
    /// </summary>
    TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver;

    void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver;
}
