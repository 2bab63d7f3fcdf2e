using Microsoft.CodeAnalysis;

namespace OrleansRealtime.CodeGenerator.Analysis;

/// <summary>Which types are grain interfaces, and which attributes a symbol carries.</summary>
internal static class GrainInterfaceRules
{
    /// <summary>True for <c>IAddressable</c> and every interface that derives from it.</summary>
    public static bool IsGrainInterface(ITypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Interface)
        {
            return false;
        }

        if (TypeNames.HasFullName(type, KnownTypeNames.Addressable))
        {
            return true;
        }

        foreach (INamedTypeSymbol baseInterface in type.AllInterfaces)
        {
            if (TypeNames.HasFullName(baseInterface, KnownTypeNames.Addressable))
            {
                return true;
            }
        }

        return false;
    }

    public static bool HasAttribute(ISymbol symbol, string attributeFullName)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass && TypeNames.HasFullName(attributeClass, attributeFullName))
            {
                return true;
            }
        }

        return false;
    }
}
