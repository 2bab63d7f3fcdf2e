using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace OrleansRealtime.CodeGenerator.Analysis;

/// <summary>How symbols are spelled in generated code and on the wire.</summary>
internal static class TypeNames
{
    /// <summary><c>global::</c>-qualified C#, keeping nullable annotations so signatures match exactly.</summary>
    public static readonly SymbolDisplayFormat Code = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>
    /// Parameter types in method keys: fully qualified without <c>global::</c> and without nullable reference
    /// annotations, which do not distinguish overloads and must not change the wire key.
    /// </summary>
    public static readonly SymbolDisplayFormat Key = SymbolDisplayFormat.FullyQualifiedFormat
        .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

    /// <summary>The name <c>System.Type.FullName</c> prints: namespace, then nested types joined with '+'.</summary>
    public static string RuntimeFullName(INamedTypeSymbol type)
    {
        var parts = new List<string>();
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            parts.Add(current.MetadataName);
        }

        parts.Reverse();
        var builder = new StringBuilder();
        for (INamespaceSymbol? ns = type.ContainingNamespace; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
        {
            builder.Insert(0, ns.Name + ".");
        }

        builder.Append(string.Join("+", parts));
        return builder.ToString();
    }

    public static bool HasFullName(ITypeSymbol type, string fullName) =>
        type is INamedTypeSymbol named && RuntimeFullName(named) == fullName;

    /// <summary>An identifier as C# source: keywords get the '@' prefix.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
