namespace OrleansRealtime.CodeGenerator.Model;

/// <summary>One method to proxy, as seen from the interface that declares it.</summary>
/// <param name="InterfaceName">The declaring interface's <c>Type.FullName</c>: the request's wire interface name.</param>
/// <param name="InterfaceType">The declaring interface as <c>global::</c>-qualified C#.</param>
/// <param name="Name">The method name as a C# identifier (escaped with '@' when it is a keyword).</param>
/// <param name="MethodKey">The wire method key, <c>Name(ParamType,ParamType)</c>.</param>
/// <param name="ReturnType">The declared return type as C#, or <c>void</c>.</param>
/// <param name="ResultType">The <c>T</c> of <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>, else null.</param>
/// <param name="Flags">The <c>InvokeFlags</c> expression (qualified members joined with '|'), or null for none.</param>
internal sealed record GrainMethodModel(
    string InterfaceName,
    string InterfaceType,
    string Name,
    string MethodKey,
    ReturnKind ReturnKind,
    string ReturnType,
    string? ResultType,
    bool IsOneWay,
    string? Flags,
    bool ArgumentsAreImmutable,
    bool ResultIsImmutable,
    EquatableArray<GrainParameterModel> Parameters);
