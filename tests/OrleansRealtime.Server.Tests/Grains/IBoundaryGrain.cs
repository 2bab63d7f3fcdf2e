using OrleansRealtime.Abstractions.Grains;

namespace OrleansRealtime.Server.Tests.Grains;

public sealed class Bag
{
    public List<string> Items { get; set; } = [];
}

public interface IBoundaryGrain : IGrainWithStringKey
{
    Task Keep(Bag bag);

    Task<Bag> GetKept();

    /// <summary>Stores a reference to another grain in persistent state.</summary>
    Task Link(ICounterGrain counter);

    /// <summary>Increments the linked counter through the stored reference.</summary>
    Task<int> IncrementLinked();
}
