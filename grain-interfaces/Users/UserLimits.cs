namespace OrleansRealtime.GrainInterfaces.Users;

/// <summary>The input limits of <see cref="IUserGrain"/>; anything beyond them is refused with nothing changed.</summary>
public static class UserLimits
{
    /// <summary>Smallest deposit, withdrawal or reward, in whole tokens.</summary>
    public const long MinAmount = 1;

    /// <summary>Largest single deposit or withdrawal; anything larger is an absurd amount (<c>invalid_amount</c>).</summary>
    public const long MaxAmount = 1_000_000_000;

    /// <summary>Largest balance a user may hold (<c>balance_limit_exceeded</c>); far from <see cref="long.MaxValue"/>, so sums never overflow.</summary>
    public const long MaxBalance = 1_000_000_000_000_000;

    /// <summary>Ledger entries kept in state (the most recent ones); older entries are dropped.</summary>
    public const int MaxLedgerEntries = 100;

    /// <summary>Notifications kept in state (the most recent ones); the oldest are dropped first.</summary>
    public const int MaxNotifications = 200;

    public const int MaxTitleLength = 200;

    public const int MaxMessageLength = 2000;

    public const int MaxReasonLength = 200;

    public const int MaxDisplayNameLength = 100;

    public const int MaxBioLength = 1000;

    /// <summary>App keys, item ids, session ids, devices, protocols, gateway names (<see cref="SafeKeys"/>).</summary>
    public const int MaxKeyLength = 128;

    public const int MaxWalletAddressLength = 128;

    public const int MaxWallets = 20;

    /// <summary>Distinct <c>app_key</c>s with an appearance.</summary>
    public const int MaxApps = 100;

    public const int MaxSessions = 50;

    /// <summary>Largest <c>data</c> of a plugin or task update, in UTF-8 bytes of its JSON.</summary>
    public const int MaxUpdateDataBytes = 64 * 1024;

    /// <summary>Most ids in one <see cref="IUserGrain.MarkNotificationsReadAsync"/> call.</summary>
    public const int MaxIdsPerCall = MaxNotifications;
}
