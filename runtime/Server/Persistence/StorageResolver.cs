using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Abstractions.Persistence;

namespace OrleansRealtime.Server.Persistence;

/// <summary>
/// Finds named grain storage providers (keyed services). <c>PubSubStore</c>, which keeps stream
/// subscriptions, falls back to the default provider when not registered on its own.
/// </summary>
public sealed class StorageResolver(IServiceProvider services)
{
    public const string DefaultName = "Default";
    public const string PubSubStoreName = "PubSubStore";

    public IGrainStorage Get(string? name)
    {
        name ??= DefaultName;
        var storage = services.GetKeyedService<IGrainStorage>(name);
        if (storage is null && name == PubSubStoreName)
        {
            storage = services.GetKeyedService<IGrainStorage>(DefaultName);
        }

        return storage ?? throw new InvalidOperationException(
            $"No grain storage named '{name}' is registered; add one with AddMemoryGrainStorage, AddSqliteGrainStorage or AddPostgreSqlGrainStorage(\"{name}\").");
    }
}
