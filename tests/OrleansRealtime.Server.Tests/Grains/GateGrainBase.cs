using OrleansRealtime.Server.Core;

namespace OrleansRealtime.Server.Tests.Grains;

public abstract class GateGrainBase : Grain, IGateGrain
{
    private int _inFlight;
    private int _peak;

    public async Task<int> Run(string callId)
    {
        _inFlight++;
        _peak = Math.Max(_peak, _inFlight);
        Signals.Set($"entered:{callId}");
        await Signals.Get($"release:{callId}").Task;
        _inFlight--;
        return _peak;
    }

    public Task<int> RunReadOnly(string callId) => Run(callId);

    public Task<int> GetInFlight() => Task.FromResult(_inFlight);
}

[OrleansRealtime.Abstractions.Identity.GrainType("test.gate")]
public sealed class GateGrain : GateGrainBase;
