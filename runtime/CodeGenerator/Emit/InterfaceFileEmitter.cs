namespace OrleansRealtime.CodeGenerator.Emit;

/// <summary>Writes the file of one grain interface: its proxy followed by its request classes.</summary>
internal static class InterfaceFileEmitter
{
    public static string Emit(string @namespace, InterfacePlan plan)
    {
        CodeWriter writer = CodeWriter.ForFile(@namespace);
        ProxyEmitter.Emit(writer, plan);
        for (int i = 0; i < plan.RequestNames.Length; i++)
        {
            writer.Line();
            RequestEmitter.Emit(writer, plan.Model.Methods[i], plan.RequestNames[i]);
        }

        writer.Close();
        return writer.ToString();
    }
}
