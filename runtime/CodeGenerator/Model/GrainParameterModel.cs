namespace OrleansRealtime.CodeGenerator.Model;

/// <param name="Name">The parameter name as written, without '@': the JSON property name on the wire.</param>
/// <param name="Type">The <c>global::</c>-qualified type, nullable annotations included.</param>
internal sealed record GrainParameterModel(string Name, string Type);
