using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Invocation;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Client.Observers;

namespace OrleansRealtime.Client.Runtime;

/// <summary>
/// The <see cref="IGrainFactory"/> of one runtime (silo or client). References it makes send their calls
/// through that runtime's <see cref="IGrainCallInvoker"/>. The invoker is resolved lazily because the
/// serializer, which the invoker needs, needs this factory to rebuild references.
/// </summary>
public sealed class GrainFactory(IServiceProvider services, IGrainTypeResolver typeResolver, ObserverRegistry observers)
    : IGrainFactory, IGrainReferenceFactory
{
    private IGrainCallInvoker? _invoker;

    private IGrainCallInvoker Invoker => _invoker ??= services.GetRequiredService<IGrainCallInvoker>();

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidKey =>
        Create<TGrainInterface>(GrainKey.Format(primaryKey), grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey =>
        Create<TGrainInterface>(GrainKey.Format(primaryKey), grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey =>
        Create<TGrainInterface>(primaryKey ?? throw new ArgumentNullException(nameof(primaryKey)), grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidCompoundKey =>
        Create<TGrainInterface>(GrainKey.Format(primaryKey, keyExtension), grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerCompoundKey =>
        Create<TGrainInterface>(GrainKey.Format(primaryKey, keyExtension), grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable =>
        (TGrainInterface)(object)CreateReference(grainId, typeof(TGrainInterface));

    public IGrain GetGrain(Type grainInterfaceType, string primaryKey) => CreateUntyped(grainInterfaceType, primaryKey);

    public IGrain GetGrain(Type grainInterfaceType, Guid primaryKey) => CreateUntyped(grainInterfaceType, GrainKey.Format(primaryKey));

    public IGrain GetGrain(Type grainInterfaceType, long primaryKey) => CreateUntyped(grainInterfaceType, GrainKey.Format(primaryKey));

    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj is GrainReference)
        {
            throw new ArgumentException("The object is already a reference.", nameof(obj));
        }

        return (TGrainObserverInterface)(object)CreateReference(observers.Register(obj), typeof(TGrainObserverInterface));
    }

    public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver =>
        observers.Unregister(obj);

    public GrainReference CreateReference(GrainId grainId, Type interfaceType) =>
        GrainInterfaceRegistry.CreateReference(interfaceType, grainId, Invoker);

    private TGrainInterface Create<TGrainInterface>(string key, string? grainClassNamePrefix) =>
        (TGrainInterface)(object)CreateUntyped(typeof(TGrainInterface), key, grainClassNamePrefix);

    private IGrain CreateUntyped(Type interfaceType, string key, string? grainClassNamePrefix = null)
    {
        // Check the interface first so a non-grain type reports as such, not as "no implementation".
        GrainInterfaceRegistry.EnsureRegistered(interfaceType);
        if (!typeof(IGrain).IsAssignableFrom(interfaceType) || !GrainInterfaceRegistry.TryGetInterface(interfaceType.FullName ?? string.Empty, out _))
        {
            throw new Abstractions.Exceptions.UnknownGrainInterfaceException(interfaceType.FullName ?? interfaceType.Name);
        }

        var grainType = typeResolver.ResolveGrainType(interfaceType, grainClassNamePrefix);
        return (IGrain)CreateReference(new GrainId(grainType, key), interfaceType);
    }
}
