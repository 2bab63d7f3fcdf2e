using OrleansRealtime.Abstractions.Grains;

namespace OrleansRealtime.Server.Tests.Grains;

public sealed class NotSerializable
{
    public Type Payload { get; set; } = typeof(object);
}

public sealed class CustomGrainException(string message) : Exception(message);

/// <summary>An exception the caller cannot recreate: it has no (string message) constructor.</summary>
public sealed class OpaqueGrainException(int code) : Exception($"opaque failure {code}");

public interface IFaultyGrain : IGrainWithStringKey
{
    Task Throw(string message);

    Task ThrowCustom(string message);

    Task ThrowOpaque(int code);

    Task Hang();

    Task<string> Echo(string value);

    Task Take(NotSerializable value);

    Task<NotSerializable> Give();
}
