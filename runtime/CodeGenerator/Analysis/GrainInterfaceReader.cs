using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OrleansRealtime.CodeGenerator.Diagnostics;
using OrleansRealtime.CodeGenerator.Model;

namespace OrleansRealtime.CodeGenerator.Analysis;

/// <summary>Reads a grain interface declaration into a <see cref="GrainInterfaceModel"/> with its diagnostics.</summary>
internal static class GrainInterfaceReader
{
    /// <summary>
    /// Returns null when the declaration is not a grain interface, or is not the first part of a partial
    /// interface (the first part stands for the whole symbol, so each interface is read once).
    /// </summary>
    public static GrainInterfaceModel? Read(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var declaration = (InterfaceDeclarationSyntax)context.Node;
        if (context.SemanticModel.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol symbol
            || !GrainInterfaceRules.IsGrainInterface(symbol))
        {
            return null;
        }

        SyntaxReference first = symbol.DeclaringSyntaxReferences[0];
        if (first.SyntaxTree != declaration.SyntaxTree || first.Span != declaration.Span)
        {
            return null;
        }

        return Read(symbol, declaration.Identifier.GetLocation(), cancellationToken);
    }

    public static GrainInterfaceModel Read(INamedTypeSymbol symbol, Location location, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var methods = new List<GrainMethodModel>();
        string fullName = TypeNames.RuntimeFullName(symbol);
        LocationInfo? locationInfo = LocationInfo.From(location);

        CheckShape(symbol, fullName, locationInfo, diagnostics);
        foreach (INamedTypeSymbol declaring in new[] { symbol }.Concat(symbol.AllInterfaces))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (ISymbol member in declaring.GetMembers())
            {
                ReadMember(member, location, methods, diagnostics);
            }
        }

        return new GrainInterfaceModel(
            fullName,
            symbol.ToDisplayString(TypeNames.Code),
            diagnostics.Count == 0 ? new EquatableArray<GrainMethodModel>(methods.ToImmutableArray()) : EquatableArray<GrainMethodModel>.Empty,
            new EquatableArray<DiagnosticInfo>(diagnostics.ToImmutableArray()));
    }

    private static void CheckShape(INamedTypeSymbol symbol, string fullName, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        if (symbol.IsGenericType)
        {
            diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.GenericInterface, location, fullName, fullName));
        }

        foreach (INamedTypeSymbol baseInterface in symbol.AllInterfaces)
        {
            if (baseInterface.IsGenericType && GrainInterfaceRules.IsGrainInterface(baseInterface))
            {
                diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.GenericInterface, location, fullName, baseInterface.ToDisplayString()));
            }
        }

        // Generated code lives in its own namespace and files, so it sees public and internal types only.
        for (INamedTypeSymbol? type = symbol; type is not null; type = type.ContainingType)
        {
            if (type.IsFileLocal || type.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.InaccessibleInterface, location, fullName));
                break;
            }
        }
    }

    private static void ReadMember(ISymbol member, Location fallback, List<GrainMethodModel> methods, List<DiagnosticInfo> diagnostics)
    {
        if (member.IsStatic)
        {
            return;
        }

        switch (member)
        {
            case IPropertySymbol or IEventSymbol:
                LocationInfo? location = LocationInfo.From(member.Locations.FirstOrDefault(l => l.IsInSource) ?? fallback);
                diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.PropertyOrEvent, location, member.ContainingType.Name + "." + member.Name));
                break;

            // Sealed or private interface methods with a body cannot be implemented, so they are not proxied.
            case IMethodSymbol { MethodKind: MethodKind.Ordinary } method when method.IsAbstract || (method.IsVirtual && !method.IsSealed):
                if (GrainMethodReader.Read(method, fallback, diagnostics) is { } model)
                {
                    methods.Add(model);
                }

                break;
        }
    }
}
