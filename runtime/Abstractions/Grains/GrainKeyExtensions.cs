using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Invocation;

namespace OrleansRealtime.Abstractions.Grains;

/// <summary>Orleans' key accessors for references and grains.</summary>
public static class GrainKeyExtensions
{
    public static GrainId GetGrainId(this IAddressable addressable) => addressable switch
    {
        GrainReference reference => reference.GrainId,
        IGrainIdentity identity => identity.GrainId,
        _ => throw new ArgumentException($"{addressable.GetType().Name} is neither a grain nor a grain reference.", nameof(addressable)),
    };

    public static string GetPrimaryKeyString(this IAddressable addressable) => addressable.GetGrainId().Key;

    public static Guid GetPrimaryKey(this IAddressable addressable) => GrainKey.ParseGuid(addressable.GetGrainId().Key, out _);

    public static Guid GetPrimaryKey(this IAddressable addressable, out string? keyExtension) =>
        GrainKey.ParseGuid(addressable.GetGrainId().Key, out keyExtension);

    public static long GetPrimaryKeyLong(this IAddressable addressable) => GrainKey.ParseLong(addressable.GetGrainId().Key, out _);

    public static long GetPrimaryKeyLong(this IAddressable addressable, out string? keyExtension) =>
        GrainKey.ParseLong(addressable.GetGrainId().Key, out keyExtension);
}
