using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Serialization;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Scheduling;

namespace OrleansRealtime.Client.Observers;

/// <summary>
/// The local objects of one client or silo that other code calls through observer references.
/// Calls to one object start in arrival order on that object's own serial scheduler (they may interleave
/// at awaits); a call to a deleted or unknown object fails with <see cref="ClientNotAvailableException"/>.
/// The serializer is resolved on first call because it depends (through the grain factory) on this registry.
/// </summary>
public sealed class ObserverRegistry(string hostId, Func<RealtimeSerializer> serializer) : IMessageSink
{
    private readonly ConcurrentDictionary<string, Entry> _byKey = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<object, Entry> _byObject = new();

    public string HostId { get; } = hostId;

    /// <summary>Returns the object's id, registering it on first use (one id per object).</summary>
    public GrainId Register(IGrainObserver observer)
    {
        var entry = _byObject.GetValue(observer, o => new Entry(ObserverId.Create(HostId, Guid.NewGuid()), (IGrainObserver)o));
        _byKey[entry.Id.Key] = entry;
        return entry.Id;
    }

    public void Unregister(IGrainObserver observer)
    {
        if (_byObject.TryGetValue(observer, out var entry))
        {
            _byKey.TryRemove(entry.Id.Key, out _);
            _byObject.Remove(observer);
        }
    }

    /// <summary>Drops every object (the host is stopping); later calls fail as for a dead host.</summary>
    public void Clear()
    {
        _byKey.Clear();
        _byObject.Clear();
    }

    public void Send(Message message)
    {
        if (!_byKey.TryGetValue(message.Target.Key, out var entry))
        {
            message.Response?.Fail(new ClientNotAvailableException($"Observer {message.Target} is not registered on {HostId}; it was deleted or its host restarted."));
            return;
        }

        entry.Scheduler.Post(static state => state.Entry.InvokeAsync(state.Message, state.Serializer), (Entry: entry, Message: message, Serializer: serializer()));
    }

    private sealed class Entry(GrainId id, IGrainObserver target)
    {
        public GrainId Id { get; } = id;

        public SerialTaskScheduler Scheduler { get; } = new();

        public async Task InvokeAsync(Message message, RealtimeSerializer serializer)
        {
            try
            {
                var result = await message.Request.InvokeAsync(target);
                message.Response?.Complete(serializer.CopyResult(message.Request, result));
            }
            catch (Exception ex)
            {
                message.Response?.Fail(ExceptionCodec.Copy(ex));
            }
        }
    }
}
