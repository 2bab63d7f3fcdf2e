using OrleansRealtime.CodeGenerator.Diagnostics;

namespace OrleansRealtime.CodeGenerator.Model;

/// <summary>
/// A grain interface declared in the compilation, with every method it must proxy (its own and its bases').
/// An interface with any diagnostic gets no generated code: a proxy missing a member would only add
/// compiler errors on top of the one that explains the problem.
/// </summary>
/// <param name="FullName">The interface's <c>Type.FullName</c>; the sort key and the source of generated names.</param>
/// <param name="Type">The interface as <c>global::</c>-qualified C#.</param>
internal sealed record GrainInterfaceModel(
    string FullName,
    string Type,
    EquatableArray<GrainMethodModel> Methods,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    public bool IsValid => Diagnostics.Length == 0;
}
