using Microsoft.CodeAnalysis;

namespace OrleansRealtime.CodeGenerator.Diagnostics;

/// <summary>The errors the generator reports. Ids are stable: ORR001 onwards, never reused.</summary>
internal static class GeneratorDiagnostics
{
    private const string Category = "OrleansRealtime.CodeGenerator";

    public static readonly DiagnosticDescriptor UnsupportedReturnType = new(
        id: "ORR001",
        title: "Grain method has an unsupported return type",
        messageFormat: "Grain method '{0}' returns '{1}'; grain methods must return Task, Task<T>, ValueTask, ValueTask<T> or void",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GenericMethod = new(
        id: "ORR002",
        title: "Grain method is generic",
        messageFormat: "Grain method '{0}' is generic; grain methods cannot have type parameters",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ByRefParameter = new(
        id: "ORR003",
        title: "Grain method has a by-reference parameter",
        messageFormat: "Parameter '{1}' of grain method '{0}' is passed by reference (ref, out, in or ref readonly); grain arguments are passed by value",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor PropertyOrEvent = new(
        id: "ORR004",
        title: "Grain interface has a property or event",
        messageFormat: "Grain interface member '{0}' is a property or event; grain interfaces may only declare methods",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GenericInterface = new(
        id: "ORR005",
        title: "Grain interface is generic",
        messageFormat: "Grain interface '{0}' is generic or inherits the generic grain interface '{1}'; grain interfaces cannot have type parameters",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedParameterType = new(
        id: "ORR006",
        title: "Grain method has a parameter type that cannot be stored",
        messageFormat: "Parameter '{1}' of grain method '{0}' has type '{2}', which cannot be stored in a request (pointer or ref struct)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InaccessibleInterface = new(
        id: "ORR007",
        title: "Grain interface is not accessible to generated code",
        messageFormat: "Grain interface '{0}' must be public or internal (and so must every type containing it) for its proxy to be generated",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);
}
