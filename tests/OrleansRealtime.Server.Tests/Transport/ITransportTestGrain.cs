using OrleansRealtime.Abstractions.Concurrency;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Server.Tests.Grains;

namespace OrleansRealtime.Server.Tests.Transport;

/// <summary>Called over a real connection; <see cref="TransportTestTarget"/> implements it without a silo.</summary>
public interface ITransportTestGrain : IGrainWithStringKey
{
    Task<int> Add(int a, int b);

    Task<Bag> Wrap(string item);

    Task Nothing();

    [OneWay]
    Task Notify(string value);

    Task Throw(string message);

    Task Redirect(bool withAddress);

    Task<string> Hang(string tag);

    Task<NotSerializable> Give();

    Task Take(NotSerializable value);
}
