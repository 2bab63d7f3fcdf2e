namespace OrleansRealtime.CodeGenerator.Model;

/// <summary>The return shapes a grain method may have.</summary>
internal enum ReturnKind
{
    Void,
    Task,
    ValueTask,
    TaskOfT,
    ValueTaskOfT,
}
