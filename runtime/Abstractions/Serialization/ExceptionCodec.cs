using System.Collections.Concurrent;
using System.Reflection;
using OrleansRealtime.Abstractions.Exceptions;

namespace OrleansRealtime.Abstractions.Serialization;

/// <summary>
/// Turns exceptions into <see cref="ExceptionInfo"/> and back. The caller receives the same exception type
/// and message when the type is loadable and has a public (string message) constructor, and a
/// <see cref="RemoteGrainException"/> carrying the original type name otherwise. Reflection is used only on
/// this failure path, and constructors are cached per type.
/// </summary>
public static class ExceptionCodec
{
    private static readonly ConcurrentDictionary<string, Func<string, Exception>?> Factories = new(StringComparer.Ordinal);

    public static ExceptionInfo Capture(Exception exception)
    {
        var type = exception.GetType();
        return new ExceptionInfo(type.AssemblyQualifiedName ?? type.FullName ?? type.Name, MessageOf(exception), exception.StackTrace);
    }

    public static Exception Restore(ExceptionInfo info)
    {
        var factory = Factories.GetOrAdd(info.TypeName, CreateFactory);
        return factory is null ? new RemoteGrainException(ShortName(info.TypeName), info.Message) : factory(info.Message);
    }

    /// <summary>Copies an exception across the boundary in one step (in-process calls).</summary>
    public static Exception Copy(Exception exception) => Restore(Capture(exception));

    // ArgumentException appends "(Parameter 'x')" to Message; restoring must not append it twice.
    private static string MessageOf(Exception exception) =>
        exception is ArgumentException argument && argument.ParamName is not null ? argument.Message : exception.Message;

    private static Func<string, Exception>? CreateFactory(string typeName)
    {
        var type = Type.GetType(typeName, throwOnError: false);
        if (type is null || !typeof(Exception).IsAssignableFrom(type) || type.IsAbstract)
        {
            return null;
        }

        if (type == typeof(ArgumentException) || type.IsSubclassOf(typeof(ArgumentException)))
        {
            // ArgumentException(string message, string paramName) would re-append the parameter text.
            var plain = type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, [typeof(string)]);
            return plain is null ? null : message => (Exception)plain.Invoke([message]);
        }

        var ctor = type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, [typeof(string)]);
        return ctor is null ? null : message => (Exception)ctor.Invoke([message]);
    }

    private static string ShortName(string assemblyQualifiedName)
    {
        int comma = assemblyQualifiedName.IndexOf(',');
        return comma < 0 ? assemblyQualifiedName : assemblyQualifiedName[..comma];
    }
}
