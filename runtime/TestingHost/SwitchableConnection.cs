using System.Collections.Concurrent;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Client.Hosting;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Runtime;

namespace OrleansRealtime.TestingHost;

/// <summary>
/// A client connection that follows the test cluster's silo across restarts: while no silo runs, calls fail
/// with <see cref="SiloUnavailableException"/>; on reconnect, attached clients are attached to the new silo.
/// </summary>
internal sealed class SwitchableConnection : IClusterConnection, IMessageSink, IGrainTypeResolver
{
    private readonly ConcurrentDictionary<string, IMessageSink> _clients = new(StringComparer.Ordinal);
    private volatile IClusterConnection? _current;

    public IMessageSink Outbound => this;

    public IGrainTypeResolver TypeResolver => this;

    public void Connect(IClusterConnection silo)
    {
        foreach (var (clientId, inbound) in _clients)
        {
            silo.Attach(clientId, inbound);
        }

        _current = silo;
    }

    public void Disconnect() => _current = null;

    public void Attach(string clientId, IMessageSink inbound)
    {
        _clients[clientId] = inbound;
        _current?.Attach(clientId, inbound);
    }

    public void Detach(string clientId)
    {
        _clients.TryRemove(clientId, out _);
        _current?.Detach(clientId);
    }

    public void Send(Message message)
    {
        if (_current is { } silo)
        {
            silo.Outbound.Send(message);
        }
        else
        {
            message.Response?.Fail(new SiloUnavailableException($"No silo is running; {message} was not delivered."));
        }
    }

    public string ResolveGrainType(Type interfaceType, string? grainClassNamePrefix) =>
        (_current ?? throw new SiloUnavailableException("No silo is running.")).TypeResolver.ResolveGrainType(interfaceType, grainClassNamePrefix);
}
