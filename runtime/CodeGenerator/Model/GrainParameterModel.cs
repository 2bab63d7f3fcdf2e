namespace OrleansRealtime.CodeGenerator.Model;

/// <param name="Name">The parameter name as written, without '@': the JSON property name on the wire.</param>
/// <param name="Type">The <c>global::</c>-qualified type, nullable annotations included.</param>
/// <param name="IsReference">
/// The type is a grain or observer interface: the value needs no copy only when it really is a grain
/// reference, so the emitted <c>ArgumentsAreImmutable</c> checks it at run time (a local object passed in
/// its place must go through the serializer, which refuses it).
/// </param>
internal sealed record GrainParameterModel(string Name, string Type, bool IsReference = false);
