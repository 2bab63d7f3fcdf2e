namespace OrleansRealtime.GrainInterfaces.Events.Users;

/// <summary>
/// <c>notification</c>: document 001's <c>{title, message, type, timestamp}</c> and document 002's
/// <c>{title, message, id}</c> in one record; <see cref="Type"/> is <c>info | success | warning | error</c>.
/// </summary>
public sealed record NotificationData(string Id, string Title, string Message, string Type, DateTimeOffset Timestamp);
