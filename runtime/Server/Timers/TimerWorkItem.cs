using Microsoft.Extensions.Logging;
using OrleansRealtime.Abstractions.Invocation;
using OrleansRealtime.Server.Catalog;
using OrleansRealtime.Server.Core;

namespace OrleansRealtime.Server.Timers;

/// <summary>One tick of a <see cref="GrainTimer"/> as a turn of its activation.</summary>
internal sealed partial class TimerWorkItem(GrainTimer timer) : WorkItem
{
    public override InvokeFlags Flags => timer.Options.Interleave ? InvokeFlags.AlwaysInterleave : InvokeFlags.None;

    public override bool CountsAsActivity => timer.Options.KeepAlive;

    public override async Task ExecuteAsync(ActivationData activation)
    {
        try
        {
            if (!timer.IsDisposed)
            {
                await timer.InvokeAsync();
            }
        }
        catch (Exception ex)
        {
            LogTickFailed(activation.Runtime.Services.GetLogger<GrainTimer>(), ex, activation.GrainId.ToString());
        }
        finally
        {
            timer.OnTickCompleted();
            activation.OnCompleted(this);
        }
    }

    public override void Fail(Exception exception) => timer.Dispose();

    public override bool TryForward(int maxForwardCount) => false;

    public override void Resend(Catalog.Catalog catalog) => timer.Dispose();

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "A timer callback of {GrainId} threw; the timer keeps running")]
    private static partial void LogTickFailed(ILogger logger, Exception exception, string grainId);
}
