using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using OrleansRealtime.CodeGenerator.Diagnostics;
using OrleansRealtime.CodeGenerator.Model;

namespace OrleansRealtime.CodeGenerator.Analysis;

/// <summary>Turns one interface method into a <see cref="GrainMethodModel"/>, or reports why it cannot be proxied.</summary>
internal static class GrainMethodReader
{
    private const string FlagsPrefix = "global::OrleansRealtime.Abstractions.Invocation.InvokeFlags.";

    /// <param name="fallback">Where to report when the method is not in source (it comes from a referenced assembly).</param>
    public static GrainMethodModel? Read(IMethodSymbol method, Location? fallback, List<DiagnosticInfo> diagnostics)
    {
        string display = method.ContainingType.Name + "." + method.Name;
        LocationInfo? location = LocationInfo.From(method.Locations.FirstOrDefault(l => l.IsInSource) ?? fallback);
        int before = diagnostics.Count;

        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.GenericMethod, location, display));
        }

        ReturnKind? returnKind = method.ReturnsByRef || method.ReturnsByRefReadonly ? null : Classify(method.ReturnType);
        if (returnKind is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.UnsupportedReturnType, location, display, method.ReturnType.ToDisplayString()));
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.ByRefParameter, location, display, parameter.Name));
            }
            else if (parameter.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol || parameter.Type.IsRefLikeType)
            {
                diagnostics.Add(DiagnosticInfo.Create(GeneratorDiagnostics.UnsupportedParameterType, location, display, parameter.Name, parameter.Type.ToDisplayString()));
            }
        }

        if (diagnostics.Count != before || returnKind is not { } kind)
        {
            return null;
        }

        ITypeSymbol? result = kind is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT
            ? ((INamedTypeSymbol)method.ReturnType).TypeArguments[0]
            : null;
        bool oneWay = kind == ReturnKind.Void || GrainInterfaceRules.HasAttribute(method, KnownTypeNames.OneWayAttribute);

        return new GrainMethodModel(
            InterfaceName: TypeNames.RuntimeFullName(method.ContainingType),
            InterfaceType: method.ContainingType.ToDisplayString(TypeNames.Code),
            Name: TypeNames.Identifier(method.Name),
            MethodKey: method.Name + "(" + string.Join(",", method.Parameters.Select(p => p.Type.ToDisplayString(TypeNames.Key))) + ")",
            ReturnKind: kind,
            ReturnType: method.ReturnType.ToDisplayString(TypeNames.Code),
            ResultType: result?.ToDisplayString(TypeNames.Code),
            IsOneWay: oneWay,
            Flags: Flags(method, oneWay),
            ArgumentsAreImmutable: method.Parameters.All(p => ImmutableTypeRule.IsImmutable(p.Type)),
            // A returned "reference" might be a local object; copying lets the serializer refuse it.
            ResultIsImmutable: result is null || (ImmutableTypeRule.IsImmutable(result) && !GrainInterfaceRules.IsGrainInterface(result)),
            Parameters: new EquatableArray<GrainParameterModel>(
                method.Parameters.Select(p => new GrainParameterModel(p.Name, p.Type.ToDisplayString(TypeNames.Code), GrainInterfaceRules.IsGrainInterface(p.Type))).ToImmutableArray()));
    }

    private static ReturnKind? Classify(ITypeSymbol returnType)
    {
        if (returnType.SpecialType == SpecialType.System_Void)
        {
            return ReturnKind.Void;
        }

        if (returnType is not INamedTypeSymbol named)
        {
            return null;
        }

        return TypeNames.RuntimeFullName(named.OriginalDefinition) switch
        {
            KnownTypeNames.Task => ReturnKind.Task,
            KnownTypeNames.TaskOfT => ReturnKind.TaskOfT,
            KnownTypeNames.ValueTask => ReturnKind.ValueTask,
            KnownTypeNames.ValueTaskOfT => ReturnKind.ValueTaskOfT,
            _ => null,
        };
    }

    private static string? Flags(IMethodSymbol method, bool oneWay)
    {
        var flags = new List<string>();
        if (GrainInterfaceRules.HasAttribute(method, KnownTypeNames.ReadOnlyAttribute))
        {
            flags.Add(FlagsPrefix + "ReadOnly");
        }

        if (GrainInterfaceRules.HasAttribute(method, KnownTypeNames.AlwaysInterleaveAttribute))
        {
            flags.Add(FlagsPrefix + "AlwaysInterleave");
        }

        if (oneWay)
        {
            flags.Add(FlagsPrefix + "OneWay");
        }

        return flags.Count == 0 ? null : string.Join(" | ", flags);
    }
}
