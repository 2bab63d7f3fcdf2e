namespace OrleansRealtime.GrainInterfaces.Events.Users;

/// <summary>
/// <c>appearance_updated</c> (document 000): the user's active avatar, banner or theme of an app changed.
/// Sent to the user's other sessions (the session that made the change is excluded).
/// </summary>
/// <param name="AppKey">The application, for example <c>emotion_tracker</c>.</param>
/// <param name="UpdatedItem"><c>avatar</c>, <c>banner</c> or <c>theme</c>.</param>
/// <param name="NewItemId">The id of the item now active.</param>
public sealed record AppearanceUpdatedData(string AppKey, string UpdatedItem, string NewItemId);
