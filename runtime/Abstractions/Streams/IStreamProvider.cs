namespace OrleansRealtime.Abstractions.Streams;

/// <summary>A named stream provider, from <c>GetStreamProvider(name)</c> on a grain or client.</summary>
public interface IStreamProvider
{
    string Name { get; }

    IAsyncStream<T> GetStream<T>(StreamId streamId);
}
