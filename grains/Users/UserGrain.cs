using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Abstractions.Identity;
using OrleansRealtime.Abstractions.Persistence;
using OrleansRealtime.Abstractions.Timers;
using OrleansRealtime.GrainInterfaces.Users;
using OrleansRealtime.Grains.Publishing;

namespace OrleansRealtime.Grains.Users;

/// <summary>
/// One user: profile and wallets, appearance, balance and ledger, notifications, plugin updates, typing
/// and presence. Split by concern into partial files. Every mutation validates, writes the state, then
/// publishes to <c>user/{userId}</c> (see <see cref="IUserGrain"/> for the guarantees).
/// </summary>
[GrainType("user")]
public sealed partial class UserGrain(
    TimeProvider time,
    [PersistentState("state")] IPersistentState<UserState> state,
    IOptions<UserOptions> options,
    ILogger<UserGrain> logger)
    : PublishingGrain(time), IUserGrain
{
    private readonly UserOptions _options = options.Value;
    private IGrainTimer? _expiryTimer;

    private string UserId => this.GetPrimaryKeyString();

    private UserState State => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // One-shot, re-armed for the earliest session expiry whenever presence changes.
        _expiryTimer = RegisterGrainTimer(ExpireSessionsAsync, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Persists the state. If storage fails, the in-memory state is ahead of storage, so the activation is
    /// dropped and the next call starts from what storage holds; the caller sees the failure.
    /// </summary>
    private async Task WriteStateAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            LogWriteFailed(logger, ex, UserId);
            DeactivateOnIdle();
            throw;
        }
    }
}
