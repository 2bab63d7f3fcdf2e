using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace OrleansRealtime.CodeGenerator.Analysis;

/// <summary>
/// Decides at compile time whether values of a type can be shared between caller and grain without a copy.
/// Deliberately conservative: only types that cannot be mutated (or that say so with <c>[Immutable]</c>)
/// qualify; every other class, struct, array or collection is copied.
/// </summary>
internal static class ImmutableTypeRule
{
    private static readonly HashSet<string> ImmutableTypes =
    [
        "System.Guid",
        "System.DateTimeOffset",
        "System.TimeSpan",
        "System.DateOnly",
        "System.TimeOnly",
        "System.Uri",
        "System.Half",
        "System.Int128",
        "System.UInt128",
        KnownTypeNames.GrainId,
    ];

    public static bool IsImmutable(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_Char:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
            case SpecialType.System_String:
            case SpecialType.System_IntPtr:
            case SpecialType.System_UIntPtr:
            case SpecialType.System_DateTime:
                return true;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return true;
        }

        if (type is not INamedTypeSymbol named || type.TypeKind == TypeKind.Error)
        {
            return false;
        }

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return IsImmutable(named.TypeArguments[0]);
        }

        if (!named.IsGenericType && ImmutableTypes.Contains(TypeNames.RuntimeFullName(named)))
        {
            return true;
        }

        // A grain reference is an immutable (id, interface) pair, whatever the interface declares.
        if (GrainInterfaceRules.IsGrainInterface(named))
        {
            return true;
        }

        return GrainInterfaceRules.HasAttribute(named.OriginalDefinition, KnownTypeNames.ImmutableAttribute);
    }
}
