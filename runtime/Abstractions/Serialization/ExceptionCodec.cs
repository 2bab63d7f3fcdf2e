using System.Collections.Concurrent;
using System.Reflection;
using OrleansRealtime.Abstractions.Exceptions;

namespace OrleansRealtime.Abstractions.Serialization;

/// <summary>
/// Turns exceptions into <see cref="ExceptionInfo"/> and back. The caller receives the same exception type
/// and message when the type is loadable and has a public (string message[, Exception inner]) constructor, and a
/// <see cref="RemoteGrainException"/> carrying the original type name otherwise (also when that constructor
/// throws). Reflection is used only on
/// this failure path, and constructors are cached per type.
/// </summary>
public static class ExceptionCodec
{
    private static readonly ConcurrentDictionary<string, Func<string, Exception>?> Factories = new(StringComparer.Ordinal);

    public static ExceptionInfo Capture(Exception exception)
    {
        var type = exception.GetType();
        return new ExceptionInfo(type.AssemblyQualifiedName ?? type.FullName ?? type.Name, exception.Message, exception.StackTrace);
    }

    public static Exception Restore(ExceptionInfo info)
    {
        var factory = Factories.GetOrAdd(info.TypeName, CreateFactory);
        if (factory is not null)
        {
            try
            {
                return factory(info.Message);
            }
            catch (Exception)
            {
                // The type's constructor refused this message; the caller still gets type name and message.
            }
        }

        return new RemoteGrainException(ShortName(info.TypeName), info.Message);
    }

    /// <summary>Copies an exception across the boundary in one step (in-process calls). Never throws.</summary>
    public static Exception Copy(Exception exception)
    {
        try
        {
            return Restore(Capture(exception));
        }
        catch (Exception)
        {
            return new RemoteGrainException(exception.GetType().FullName ?? exception.GetType().Name, exception.Message);
        }
    }

    /// <summary>
    /// Prefers a (string message, Exception? inner) constructor, whose first argument is the message for every
    /// exception type (unlike ArgumentNullException(string), whose argument is the parameter name), then a
    /// (string) constructor for types other than the ArgumentException family.
    /// </summary>
    private static Func<string, Exception>? CreateFactory(string typeName)
    {
        var type = Type.GetType(typeName, throwOnError: false);
        if (type is null || !typeof(Exception).IsAssignableFrom(type) || type.IsAbstract)
        {
            return null;
        }

        var withInner = type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, [typeof(string), typeof(Exception)]);
        if (withInner is not null)
        {
            return message => (Exception)withInner.Invoke([message, null]);
        }

        if (typeof(ArgumentException).IsAssignableFrom(type))
        {
            return null;
        }

        var plain = type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, [typeof(string)]);
        return plain is null ? null : message => (Exception)plain.Invoke([message]);
    }

    private static string ShortName(string assemblyQualifiedName)
    {
        int comma = assemblyQualifiedName.IndexOf(',');
        return comma < 0 ? assemblyQualifiedName : assemblyQualifiedName[..comma];
    }
}
