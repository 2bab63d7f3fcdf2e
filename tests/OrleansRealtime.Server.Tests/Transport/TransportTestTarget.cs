using System.Threading.Channels;
using OrleansRealtime.Abstractions.Directory;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Client.Transport;
using OrleansRealtime.Server.Tests.Grains;

namespace OrleansRealtime.Server.Tests.Transport;

/// <summary>What the server side of a transport test invokes; <see cref="Hang"/> never returns, so calls stay in flight.</summary>
public sealed class TransportTestTarget : ITransportTestGrain
{
    public static readonly GrainAddress SampleAddress = new()
    {
        GrainId = new GrainId("test.transport", "moved"),
        SiloAddress = SiloAddress.New(new System.Net.IPEndPoint(System.Net.IPAddress.Parse("10.0.0.5"), 11111), 42),
        ActivationId = ActivationId.NewId(),
    };

    private readonly TaskCompletionSource<string> _never = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Channel<string> Notifications { get; } = Channel.CreateUnbounded<string>();

    /// <summary>Set once for every call of <see cref="Hang"/> that arrived.</summary>
    public int HangingCalls;

    public Task<int> Add(int a, int b) => Task.FromResult(a + b);

    public Task<Bag> Wrap(string item) => Task.FromResult(new Bag { Items = [item, item] });

    public Task Nothing() => Task.CompletedTask;

    public Task Notify(string value)
    {
        Notifications.Writer.TryWrite(value);
        return Task.CompletedTask;
    }

    public Task Throw(string message) => throw new InvalidOperationException(message);

    public Task Redirect(bool withAddress) => throw new GrainRedirectException(withAddress ? SampleAddress : null);

    public Task<string> Hang(string tag)
    {
        Interlocked.Increment(ref HangingCalls);
        return _never.Task;
    }

    public Task<NotSerializable> Give() => Task.FromResult(new NotSerializable());

    public Task Take(NotSerializable value) => Task.CompletedTask;
}
