using System.Reflection;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Invocation;

namespace OrleansRealtime.CodeGenerator.Tests.TestSupport;

/// <summary>Reaches generated code of a loaded sample assembly through the registry, as the runtime does.</summary>
internal static class GeneratedAssemblyExtensions
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static Type Interface(this Assembly assembly, string fullName)
    {
        Type type = assembly.GetType(fullName, throwOnError: true)!;
        GrainInterfaceRegistry.EnsureRegistered(type);
        return type;
    }

    public static GrainRequest Request(this Assembly assembly, string interfaceFullName, string methodName)
    {
        assembly.Interface(interfaceFullName);
        return GrainInterfaceRegistry.CreateRequest(interfaceFullName, methodName);
    }

    public static GrainReference Proxy(this Assembly assembly, string interfaceFullName, IGrainCallInvoker invoker) =>
        GrainInterfaceRegistry.CreateReference(assembly.Interface(interfaceFullName), new GrainId("sample", "key"), invoker);

    public static object Create(this Assembly assembly, string typeFullName) =>
        Activator.CreateInstance(assembly.GetType(typeFullName, throwOnError: true)!)!;

    /// <summary>
    /// Calls an interface method on <paramref name="target"/> through the interface (so explicit
    /// implementations are used), awaits it with the test timeout and returns its result (null for none).
    /// </summary>
    public static async Task<object?> CallAsync(this Type interfaceType, object target, string method, params object?[] arguments)
    {
        MethodInfo info = interfaceType.GetMethods().Single(m => m.Name == method && m.GetParameters().Length == arguments.Length);
        object? returned = info.Invoke(target, arguments);
        Type returnType = info.ReturnType;
        if (returnType == typeof(void))
        {
            return null;
        }

        Task task = returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>) || returnType == typeof(ValueTask)
            ? (Task)returnType.GetMethod(nameof(ValueTask.AsTask))!.Invoke(returned, null)!
            : (Task)returned!;
        await task.WaitAsync(Timeout);
        return returnType.IsGenericType
            ? typeof(Task<>).MakeGenericType(returnType.GetGenericArguments()[0]).GetProperty(nameof(Task<int>.Result))!.GetValue(task)
            : null;
    }
}
