using System.Collections.Concurrent;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.Grains.Platforms;
using OrleansRealtime.Grains.Platforms.Demo;

namespace OrleansRealtime.Grains.Tests.Sync;

/// <summary>
/// The demo platform under the name <c>stepped</c>, with a per-game wait the test controls: each game read
/// is logged, releases <see cref="Waiting"/>, then waits <see cref="Step"/> on the fake clock. A test
/// advances the clock by one step per game, so fake elapsed time equals games × step exactly. The log and
/// the semaphore outlive silo restarts (the test owns them).
/// </summary>
internal sealed class SteppedPlatform(DemoGamePlatform demo, TimeProvider time, SteppedPlatform.Shared shared) : IGamePlatform
{
    public const string PlatformName = "stepped";

    public string Name => PlatformName;

    public string DisplayName => "Stepped";

    public TimeSpan EstimatedTimePerGame(PlatformSyncContext context) => shared.Step;

    public string? CheckAvailable(PlatformSyncContext context) => demo.CheckAvailable(context);

    public Task<IReadOnlyList<OwnedGame>> GetOwnedGamesAsync(PlatformSyncContext context, CancellationToken cancellationToken)
    {
        shared.ListReads.Enqueue(context.OperationId);
        return demo.GetOwnedGamesAsync(context, cancellationToken);
    }

    public async Task<PlatformGame> GetGameAsync(PlatformSyncContext context, OwnedGame game, int attempt, CancellationToken cancellationToken)
    {
        shared.Reads.Enqueue(game.PlatformGameId);

        // The timer must exist before the test is told to advance the clock: created after the advance, it
        // would wait for a second advance that never comes (the test waits for the next read first).
        var step = Task.Delay(shared.Step, time, cancellationToken);
        shared.Waiting.Release();
        await step;
        return await demo.GetGameAsync(context, game, attempt, cancellationToken);
    }

    internal sealed class Shared(TimeSpan step)
    {
        public TimeSpan Step { get; } = step;

        public SemaphoreSlim Waiting { get; } = new(0);

        public ConcurrentQueue<string> Reads { get; } = new();

        public ConcurrentQueue<string> ListReads { get; } = new();
    }
}
