using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Server.Core;

namespace OrleansRealtime.Server.Tests.Grains;

public sealed class ConsumerState
{
    public List<string> Streams { get; set; } = [];
}

/// <summary>Item i of stream (ns, key) received by consumer c signals "got:{c}:{ns}/{key}:{i}" with its token.</summary>
[GrainType("test.stream.consumer")]
public sealed class StreamConsumerGrain([PersistentState("consumer")] IPersistentState<ConsumerState> state) : Grain, IStreamConsumerGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // After re-activation, attach an observer to every durable subscription.
        foreach (var stream in state.State.Streams)
        {
            var parts = stream.Split('/', 2);
            foreach (var handle in await Stream(parts[0], parts[1]).GetAllSubscriptionHandles())
            {
                await handle.ResumeAsync(OnItemAsync(parts[0], parts[1]));
            }
        }
    }

    public async Task Subscribe(string streamNamespace, string streamKey)
    {
        await Stream(streamNamespace, streamKey).SubscribeAsync(OnItemAsync(streamNamespace, streamKey));
        state.State.Streams.Add($"{streamNamespace}/{streamKey}");
        await state.WriteStateAsync();
    }

    public async Task<int> HandleCount(string streamNamespace, string streamKey) =>
        (await Stream(streamNamespace, streamKey).GetAllSubscriptionHandles()).Count;

    private IAsyncStream<int> Stream(string ns, string key) => GetStreamProvider("sms").GetStream<int>(StreamId.Create(ns, key));

    private Func<int, StreamSequenceToken?, Task> OnItemAsync(string ns, string key) => (item, token) =>
    {
        Signals.Set($"got:{GrainId.Key}:{ns}/{key}:{item}", token);
        return Task.CompletedTask;
    };
}

[GrainType("test.stream.implicit")]
[ImplicitStreamSubscription("implicit")]
public sealed class ImplicitConsumerGrain : Grain, IImplicitConsumerGrain
{
    private int _received;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await GetStreamProvider("sms").GetStream<int>(StreamId.Create("implicit", GrainId.Key)).SubscribeAsync((item, token) =>
        {
            _received++;
            Signals.Set($"implicit:{GrainId.Key}:{item}", token);
            return Task.CompletedTask;
        });
    }

    public Task<int> Received() => Task.FromResult(_received);
}

[GrainType("test.stream.producer")]
public sealed class ProducerGrain : Grain, IProducerGrain
{
    public async Task Publish(string streamNamespace, string streamKey, int from, int count)
    {
        var stream = GetStreamProvider("sms").GetStream<int>(StreamId.Create(streamNamespace, streamKey));
        for (int i = from; i < from + count; i++)
        {
            await stream.OnNextAsync(i);
        }
    }
}
