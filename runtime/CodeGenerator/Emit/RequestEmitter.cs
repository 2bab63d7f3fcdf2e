using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using OrleansRealtime.CodeGenerator.Model;

namespace OrleansRealtime.CodeGenerator.Emit;

/// <summary>
/// Writes the request class of one method: arguments as fields <c>arg0..argN</c>, the wire shape (a JSON
/// object keyed by parameter name) and the typed call on the target.
/// </summary>
internal static class RequestEmitter
{
    private const string Invocation = "global::OrleansRealtime.Abstractions.Invocation.";
    private const string Json = "global::System.Text.Json.";
    private const string Tasks = "global::System.Threading.Tasks.";

    public static void Emit(CodeWriter writer, GrainMethodModel method, string className)
    {
        string baseType = method.ResultType is { } result ? $"{Invocation}GrainRequest<{result}>" : Invocation + "VoidGrainRequest";
        writer.Line($"internal sealed class {className} : {baseType}").Open();

        for (int i = 0; i < method.Parameters.Length; i++)
        {
            writer.Line($"public {method.Parameters[i].Type} arg{i} = default!;");
        }

        writer.Line()
            .Line($"public override string InterfaceName => {Literal(method.InterfaceName)};")
            .Line($"public override global::System.Type InterfaceType => typeof({method.InterfaceType});")
            .Line($"public override string MethodName => {Literal(method.MethodKey)};")
            .Line($"public override {Invocation}InvokeFlags Flags => {method.Flags ?? Invocation + "InvokeFlags.None"};")
            .Line($"public override bool ArgumentsAreImmutable => {ArgumentsAreImmutable(method)};");
        if (method.ResultType is not null)
        {
            writer.Line($"public override bool ResultIsImmutable => {Bool(method.ResultIsImmutable)};");
        }

        writer.Line($"public override {Invocation}GrainRequest CreateEmpty() => new {className}();");
        writer.Line();
        EmitWriteArguments(writer, method);
        writer.Line();
        EmitReadArguments(writer, method);
        writer.Line();
        EmitInvoke(writer, method);
        writer.Close();
    }

    private static string ArgumentsAreImmutable(GrainMethodModel method)
    {
        if (!method.ArgumentsAreImmutable)
        {
            return Bool(false);
        }

        var checks = method.Parameters
            .Select((p, i) => (p, i))
            .Where(x => x.p.IsReference)
            .Select(x => $"this.arg{x.i} is null or {Invocation}GrainReference")
            .ToList();
        return checks.Count == 0 ? Bool(true) : string.Join(" && ", checks.Select(c => $"({c})"));
    }

    private static void EmitWriteArguments(CodeWriter writer, GrainMethodModel method)
    {
        writer.Line($"public override void WriteArguments({Json}Utf8JsonWriter writer, {Json}JsonSerializerOptions options)").Open();
        writer.Line("writer.WriteStartObject();");
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            writer.Line($"writer.WritePropertyName({Literal(method.Parameters[i].Name)});");
            writer.Line($"{Json}JsonSerializer.Serialize<{method.Parameters[i].Type}>(writer, this.arg{i}, options);");
        }

        writer.Line("writer.WriteEndObject();");
        writer.Close();
    }

    private static void EmitReadArguments(CodeWriter writer, GrainMethodModel method)
    {
        writer.Line($"public override void ReadArguments(ref {Json}Utf8JsonReader reader, {Json}JsonSerializerOptions options)").Open();
        writer.Line("ReadArgumentsStart(ref reader);");
        writer.Line($"while (reader.Read() && reader.TokenType != {Json}JsonTokenType.EndObject)").Open();
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            GrainParameterModel parameter = method.Parameters[i];
            writer.Line($"{(i == 0 ? "if" : "else if")} (reader.ValueTextEquals({Literal(parameter.Name)}u8))").Open();
            writer.Line("reader.Read();");
            writer.Line($"this.arg{i} = {Json}JsonSerializer.Deserialize<{parameter.Type}>(ref reader, options)!;");
            writer.Close();
        }

        // Unknown names (a parameter the caller has and this side does not) are skipped; missing ones keep their default.
        if (method.Parameters.Length > 0)
        {
            writer.Line("else").Open();
        }

        writer.Line("reader.Read();");
        writer.Line("reader.Skip();");
        if (method.Parameters.Length > 0)
        {
            writer.Close();
        }

        writer.Close();
        writer.Close();
    }

    private static void EmitInvoke(CodeWriter writer, GrainMethodModel method)
    {
        string call = $"(({method.InterfaceType})target).{method.Name}({string.Join(", ", method.Parameters.Select((_, i) => "this.arg" + i))})";
        switch (method.ReturnKind)
        {
            case ReturnKind.TaskOfT:
                writer.Line($"protected override {Tasks}ValueTask<{method.ResultType}> InvokeTypedAsync(object target) =>")
                    .Line($"    new {Tasks}ValueTask<{method.ResultType}>({call});");
                break;
            case ReturnKind.ValueTaskOfT:
                writer.Line($"protected override {Tasks}ValueTask<{method.ResultType}> InvokeTypedAsync(object target) => {call};");
                break;
            case ReturnKind.Task:
                writer.Line($"protected override {Tasks}ValueTask InvokeVoidAsync(object target) => new {Tasks}ValueTask({call});");
                break;
            case ReturnKind.ValueTask:
                writer.Line($"protected override {Tasks}ValueTask InvokeVoidAsync(object target) => {call};");
                break;
            default:
                writer.Line($"protected override {Tasks}ValueTask InvokeVoidAsync(object target)").Open()
                    .Line(call + ";")
                    .Line("return default;")
                    .Close();
                break;
        }
    }

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private static string Bool(bool value) => value ? "true" : "false";
}
