using System.Text.Json;

namespace OrleansRealtime.Abstractions.Invocation;

/// <summary>
/// One call to one grain interface method: the arguments as fields, plus a typed invoker. The source
/// generator emits a sealed subclass per interface method, so dispatch is a virtual call, never reflection.
/// The same object is the wire form: <see cref="WriteArguments"/> and <see cref="ReadArguments"/> define
/// the serialized shape (a JSON object keyed by parameter name, so added or removed parameters are
/// tolerated: unknown names are skipped, missing ones take their default).
/// </summary>
public abstract class GrainRequest
{
    /// <summary>The declaring interface's full name, which is also its wire name.</summary>
    public abstract string InterfaceName { get; }

    /// <summary>The declaring interface, used to find the target object (grain or grain extension).</summary>
    public abstract Type InterfaceType { get; }

    /// <summary>A stable method key, <c>Name(ParamType,ParamType)</c>, unique within the interface.</summary>
    public abstract string MethodName { get; }

    public virtual InvokeFlags Flags => InvokeFlags.None;

    /// <summary>True when every argument type is immutable, so in-process calls skip the copy.</summary>
    public virtual bool ArgumentsAreImmutable => false;

    /// <summary>True when the result type is immutable (or there is none), so in-process calls skip the copy.</summary>
    public virtual bool ResultIsImmutable => true;

    /// <summary>The CLR type of the result, or null for a method that returns no value.</summary>
    public virtual Type? ResultType => null;

    /// <summary>Creates an empty request of the same method, to be filled by <see cref="ReadArguments"/>.</summary>
    public abstract GrainRequest CreateEmpty();

    public abstract void WriteArguments(Utf8JsonWriter writer, JsonSerializerOptions options);

    public abstract void ReadArguments(ref Utf8JsonReader reader, JsonSerializerOptions options);

    /// <summary>Calls the method on <paramref name="target"/>; the boxed result is null for methods without one.</summary>
    public abstract ValueTask<object?> InvokeAsync(object target);

    /// <summary>Writes a result of this method's result type.</summary>
    public virtual void WriteResult(Utf8JsonWriter writer, object? result, JsonSerializerOptions options) => writer.WriteNullValue();

    /// <summary>Reads a result of this method's result type.</summary>
    public virtual object? ReadResult(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        reader.Skip();
        return null;
    }

    public override string ToString() => $"{InterfaceName}.{MethodName}";

    /// <summary>Positions the reader on the arguments object; generated <see cref="ReadArguments"/> calls it first.</summary>
    protected static void ReadArgumentsStart(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.None)
        {
            reader.Read();
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Grain call arguments must be a JSON object.");
        }
    }
}
