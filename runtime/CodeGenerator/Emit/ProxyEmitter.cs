using System.Linq;
using OrleansRealtime.CodeGenerator.Model;

namespace OrleansRealtime.CodeGenerator.Emit;

/// <summary>
/// Writes the grain reference class of one interface. Every method is implemented explicitly, so two base
/// interfaces declaring the same signature each get their own implementation (and their own request).
/// </summary>
internal static class ProxyEmitter
{
    private const string Invocation = "global::OrleansRealtime.Abstractions.Invocation.";
    private const string Tasks = "global::System.Threading.Tasks.";

    public static void Emit(CodeWriter writer, InterfacePlan plan)
    {
        GrainInterfaceModel model = plan.Model;
        writer.Line($"internal sealed class {plan.ProxyName} : {Invocation}GrainReference, {model.Type}").Open();
        writer.Line($"public {plan.ProxyName}(global::OrleansRealtime.Abstractions.Identity.GrainId grainId, {Invocation}IGrainCallInvoker invoker)")
            .Line($"    : base(grainId, typeof({model.Type}), invoker)")
            .Open()
            .Close();

        for (int i = 0; i < model.Methods.Length; i++)
        {
            writer.Line();
            EmitMethod(writer, model.Methods[i], plan.RequestNames[i]);
        }

        writer.Close();
    }

    private static void EmitMethod(CodeWriter writer, GrainMethodModel method, string requestName)
    {
        string parameters = string.Join(", ", method.Parameters.Select((p, i) => $"{p.Type} arg{i}"));
        writer.Line($"{method.ReturnType} {method.InterfaceType}.{method.Name}({parameters})").Open();
        writer.Line($"var request = new {requestName}();");
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            writer.Line($"request.arg{i} = arg{i};");
        }

        if (method.IsOneWay)
        {
            writer.Line("this.Invoker.InvokeOneWay(this, request);");
            switch (method.ReturnKind)
            {
                case ReturnKind.Task:
                    writer.Line($"return {Tasks}Task.CompletedTask;");
                    break;
                case ReturnKind.TaskOfT:
                    writer.Line($"return {Tasks}Task.FromResult<{method.ResultType}>(default!);");
                    break;
                case ReturnKind.ValueTask:
                case ReturnKind.ValueTaskOfT:
                    writer.Line("return default;");
                    break;
            }
        }
        else
        {
            switch (method.ReturnKind)
            {
                case ReturnKind.TaskOfT:
                    writer.Line($"return this.Invoker.InvokeAsync<{method.ResultType}>(this, request);");
                    break;
                case ReturnKind.ValueTaskOfT:
                    writer.Line($"return new {Tasks}ValueTask<{method.ResultType}>(this.Invoker.InvokeAsync<{method.ResultType}>(this, request));");
                    break;
                case ReturnKind.Task:
                    writer.Line("return this.Invoker.InvokeAsync(this, request);");
                    break;
                case ReturnKind.ValueTask:
                    writer.Line($"return new {Tasks}ValueTask(this.Invoker.InvokeAsync(this, request));");
                    break;
            }
        }

        writer.Close();
    }
}
