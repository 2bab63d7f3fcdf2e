using System.Text.Json;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.GrainInterfaces.Events;

namespace OrleansRealtime.GrainInterfaces.Users;

/// <summary>
/// One user (key: the user id): profile and linked wallets, the active appearance per <c>app_key</c>, a token
/// balance with its ledger, notifications, plugin and task updates, typing and presence.
/// </summary>
/// <remarks>
/// <para><b>Ordering and delivery.</b> Calls run one at a time (turn-based). A mutating call validates first
/// (throwing a <c>Domain*Exception</c> with nothing changed and nothing emitted), then writes the state,
/// then publishes its events to <c>user/{userId}</c> and awaits the publish: when the call returns, its
/// events are in the stream's order, after the events of every earlier call. A call that fails after the
/// write (storage or stream failure) may be retried by the caller; the balance operations are not
/// idempotent, so a retry after an unknown outcome can apply twice (read the ledger to decide).</para>
/// <para>Presence and typing are soft state held in memory only (see <see cref="ConnectSessionAsync"/>).</para>
/// </remarks>
public interface IUserGrain : IGrainWithStringKey
{
    // ---- Profile and wallets (document 001) -------------------------------------------------------------

    /// <summary>The profile with its linked wallets. Never throws for an unknown user: an empty profile.</summary>
    Task<UserProfile> GetProfileAsync();

    /// <summary>Changes the fields that are set (null leaves a field unchanged, "" clears it). Emits <c>profile_updated</c> when something changed.</summary>
    Task<UserProfile> UpdateProfileAsync(ProfileUpdate update);

    /// <summary>
    /// Links a wallet address (idempotent). Emits <c>profile_updated</c> when it was not linked yet.
    /// Format: see <see cref="WalletAddresses"/>.
    /// </summary>
    Task<IReadOnlyList<LinkedWallet>> LinkWalletAsync(string address);

    /// <summary>Unlinks a wallet address; <c>wallet_not_found</c> (404) when it is not linked. Emits <c>profile_updated</c>.</summary>
    Task<IReadOnlyList<LinkedWallet>> UnlinkWalletAsync(string address);

    Task<IReadOnlyList<LinkedWallet>> ListWalletsAsync();

    /// <summary>Whether the address is linked to this user (document 001's <c>join(walletAddress)</c> check). Malformed addresses are simply not owned.</summary>
    Task<bool> OwnsWalletAsync(string address);

    // ---- Appearance (document 000) ----------------------------------------------------------------------

    /// <summary>
    /// Makes <paramref name="itemId"/> the active <paramref name="item"/> (<c>avatar</c>, <c>banner</c> or
    /// <c>theme</c>; see <see cref="AppearanceItems"/>) of <paramref name="appKey"/>, and emits
    /// <c>appearance_updated</c> to every session of the user except <paramref name="originSessionId"/>.
    /// Setting the item that is already active changes nothing and emits nothing.
    /// </summary>
    Task<AppearanceSelection> SetAppearanceAsync(string appKey, string item, string itemId, string? originSessionId = null);

    /// <summary>The active avatar, banner and theme of one app (null where none was set).</summary>
    Task<AppearanceSelection> GetAppearanceAsync(string appKey);

    // ---- Balance (document 001) -------------------------------------------------------------------------

    /// <summary>The balance in whole tokens; never negative.</summary>
    Task<long> GetBalanceAsync();

    /// <summary>Adds tokens; emits <c>balance:update</c>. Returns the ledger entry (with the new balance).</summary>
    Task<LedgerEntry> DepositAsync(long amount, string? reason = null);

    /// <summary>Removes tokens; <c>insufficient_balance</c> (409) beyond the balance. Emits <c>balance:update</c>.</summary>
    Task<LedgerEntry> WithdrawAsync(long amount, string? reason = null);

    /// <summary>
    /// Credits the daily reward, at most once per UTC calendar day (<c>daily_reward_already_claimed</c>, 409,
    /// otherwise). Emits <c>balance:update</c>, then <c>notification</c> "Daily Reward" / "You received N tokens!".
    /// </summary>
    Task<LedgerEntry> ClaimDailyRewardAsync();

    /// <summary>The most recent ledger entries, newest first (<paramref name="limit"/> 1..<see cref="UserLimits.MaxLedgerEntries"/>).</summary>
    Task<IReadOnlyList<LedgerEntry>> GetLedgerAsync(int limit = 50);

    // ---- Notifications (documents 001 and 002) ----------------------------------------------------------

    /// <summary>Stores a notification (type <c>info|success|warning|error</c>) and emits <c>notification</c>.</summary>
    Task<UserNotification> CreateNotificationAsync(string title, string message, string type = NotificationTypes.Info);

    /// <summary>Newest first; <paramref name="limit"/> 1..<see cref="UserLimits.MaxNotifications"/>.</summary>
    Task<IReadOnlyList<UserNotification>> ListNotificationsAsync(bool unreadOnly = false, int limit = 50);

    /// <summary>
    /// Marks the given notifications read; <c>notification_not_found</c> (404) if any id is unknown (then none
    /// is marked). Emits <c>notifications_read</c> when at least one changed. Returns how many changed.
    /// </summary>
    Task<int> MarkNotificationsReadAsync(IReadOnlyList<string> ids);

    /// <summary>Marks every notification read; emits <c>notifications_read</c> when at least one changed. Returns how many changed.</summary>
    Task<int> MarkAllNotificationsReadAsync();

    // ---- Plugin and task updates (document 002 send_to_user) --------------------------------------------

    /// <summary>
    /// Publishes <c>{type, action, data}</c> to the user's sessions. <c>task_update</c> requires action
    /// <c>created|updated|deleted</c> and a string <c>data.task_id</c>. Other types are plugin types: a name of
    /// <see cref="PluginUpdates"/>' form that is not in the <see cref="EventCatalog"/> (<c>reserved_event_type</c>
    /// otherwise, because catalog events must come from real state changes). <paramref name="data"/> must be a
    /// JSON object of at most <see cref="UserLimits.MaxUpdateDataBytes"/> bytes. Nothing is stored.
    /// </summary>
    Task<Envelope> SendUpdateAsync(string type, string? action, JsonElement data);

    // ---- Typing and presence (document 001, ours) -------------------------------------------------------

    /// <summary>
    /// Sets a session's typing state and, when it changed, emits <c>typing</c> to the user's other sessions
    /// (conflatable per user). A session that disconnects or expires while typing emits <c>typing</c> false.
    /// </summary>
    Task SetTypingAsync(string? sessionId, bool isTyping);

    /// <summary>
    /// Registers a session or renews its lease (idempotent upsert). Sessions not renewed within
    /// <c>Realtime:Users:SessionLease</c> (2 min) are dropped, so the sessions of a dead gateway vanish; gateways
    /// renew at about a third of the lease. Emits <c>presence_updated</c> when the set of sessions (or a
    /// session's device, protocol or gateway) changed. Presence is kept in memory only: it is rebuilt by the
    /// renewals within one lease after a restart, and persisting it would resurrect the sessions of dead pods.
    /// </summary>
    Task<PresenceSnapshot> ConnectSessionAsync(SessionInfo session);

    /// <summary>
    /// Registers or renews several sessions in one call, exactly as <see cref="ConnectSessionAsync"/> would for
    /// each of them in list order (the same leases and the same <c>presence_updated</c> events, in that order):
    /// a gateway renews all the sessions it holds for the user with one call per period. Every entry is
    /// validated before any is applied, so an invalid one changes nothing; a new session beyond
    /// <see cref="UserLimits.MaxSessions"/> fails the call after the entries before it were applied.
    /// </summary>
    Task<PresenceSnapshot> ConnectSessionsAsync(IReadOnlyList<SessionInfo> sessions);

    /// <summary>Removes a session (idempotent); emits <c>presence_updated</c> when it was present.</summary>
    Task<PresenceSnapshot> DisconnectSessionAsync(string sessionId);

    Task<PresenceSnapshot> GetPresenceAsync();
}
