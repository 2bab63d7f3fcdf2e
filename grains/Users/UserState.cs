using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Grains.Users;

/// <summary>
/// What <see cref="UserGrain"/> persists. Presence and typing are deliberately absent: they are soft state
/// rebuilt by the gateways' lease renewals (see <see cref="IUserGrain.ConnectSessionAsync"/>).
/// </summary>
public sealed class UserState
{
    public string? DisplayName { get; set; }

    public string? Bio { get; set; }

    public DateTimeOffset? ProfileUpdatedAt { get; set; }

    public List<LinkedWallet> Wallets { get; set; } = [];

    /// <summary>Active appearance per <c>app_key</c> (at most <see cref="UserLimits.MaxApps"/>).</summary>
    public Dictionary<string, AppearanceSelection> Appearance { get; set; } = new(StringComparer.Ordinal);

    public long Balance { get; set; }

    /// <summary>The UTC calendar day of the last daily reward.</summary>
    public DateOnly? LastDailyRewardOn { get; set; }

    /// <summary>Oldest first, at most <see cref="UserLimits.MaxLedgerEntries"/> (older entries are dropped).</summary>
    public List<LedgerEntry> Ledger { get; set; } = [];

    /// <summary>Oldest first, at most <see cref="UserLimits.MaxNotifications"/> (the oldest are dropped).</summary>
    public List<UserNotification> Notifications { get; set; } = [];
}
