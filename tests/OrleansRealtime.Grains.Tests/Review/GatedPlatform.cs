using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.Grains.Platforms;
using OrleansRealtime.Grains.Platforms.Demo;

namespace OrleansRealtime.Grains.Tests.Review;

/// <summary>
/// The demo platform under the name <c>gated</c>, whose owned-games list waits for the test: a read
/// releases <see cref="Shared.ListEntered"/> and then waits for <see cref="Shared.ListGate"/>.
/// </summary>
internal sealed class GatedPlatform(DemoGamePlatform demo, GatedPlatform.Shared shared) : IGamePlatform
{
    public const string PlatformName = "gated";

    public string Name => PlatformName;

    public string DisplayName => "Gated";

    public TimeSpan EstimatedTimePerGame(PlatformSyncContext context) => TimeSpan.Zero;

    public string? CheckAvailable(PlatformSyncContext context) => demo.CheckAvailable(context);

    public async Task<IReadOnlyList<OwnedGame>> GetOwnedGamesAsync(PlatformSyncContext context, CancellationToken cancellationToken)
    {
        shared.ListEntered.Release();
        await shared.ListGate.WaitAsync(cancellationToken);
        return await demo.GetOwnedGamesAsync(context, cancellationToken);
    }

    public Task<PlatformGame> GetGameAsync(PlatformSyncContext context, OwnedGame game, int attempt, CancellationToken cancellationToken) =>
        demo.GetGameAsync(context, game, attempt, cancellationToken);

    internal sealed class Shared
    {
        public SemaphoreSlim ListEntered { get; } = new(0);

        public SemaphoreSlim ListGate { get; } = new(0);
    }
}
