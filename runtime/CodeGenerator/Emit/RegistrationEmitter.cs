using Microsoft.CodeAnalysis.CSharp;

namespace OrleansRealtime.CodeGenerator.Emit;

/// <summary>
/// Writes the module initializer that registers every proxy and request factory of the compilation, so
/// the registry knows an assembly's interfaces as soon as any of its code runs.
/// </summary>
internal static class RegistrationEmitter
{
    private const string Registry = "global::OrleansRealtime.Abstractions.Invocation.GrainInterfaceRegistry";

    public static string Emit(GenerationPlan plan)
    {
        CodeWriter writer = CodeWriter.ForFile(plan.Namespace);
        writer.Line($"internal static class {plan.RegistrationName}").Open();
        writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        writer.Line("internal static void Register()").Open();
        foreach (InterfacePlan item in plan.Interfaces)
        {
            writer.Line($"{Registry}.RegisterInterface(typeof({item.Model.Type}), static (id, invoker) => new {item.ProxyName}(id, invoker));");
            for (int i = 0; i < item.RequestNames.Length; i++)
            {
                string interfaceName = SymbolDisplay.FormatLiteral(item.Model.Methods[i].InterfaceName, quote: true);
                string methodKey = SymbolDisplay.FormatLiteral(item.Model.Methods[i].MethodKey, quote: true);
                writer.Line($"{Registry}.RegisterRequest({interfaceName}, {methodKey}, static () => new {item.RequestNames[i]}());");
            }
        }

        writer.Close();
        writer.Close();
        writer.Close();
        return writer.ToString();
    }
}
