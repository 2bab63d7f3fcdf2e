using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.Users;
using OrleansRealtime.GrainInterfaces.Users;
using OrleansRealtime.Grains.Input;

namespace OrleansRealtime.Grains.Users;

public sealed partial class UserGrain
{
    public async Task<UserNotification> CreateNotificationAsync(string title, string message, string type = NotificationTypes.Info)
    {
        UserValidation.Text(title, "title", UserLimits.MaxTitleLength);
        UserValidation.Text(message, "message", UserLimits.MaxMessageLength);
        if (!NotificationTypes.IsKnown(type))
        {
            throw new DomainValidationException("invalid_notification_type", $"The type must be one of {string.Join(", ", NotificationTypes.All)}.");
        }

        var notification = AddNotification(title, message, type);
        await WriteStateAsync();
        await PublishNotificationAsync(notification);
        return notification;
    }

    public Task<IReadOnlyList<UserNotification>> ListNotificationsAsync(bool unreadOnly = false, int limit = 50)
    {
        UserValidation.Limit(limit, UserLimits.MaxNotifications);
        IReadOnlyList<UserNotification> page =
            [.. Enumerable.Reverse(State.Notifications).Where(n => !unreadOnly || n.ReadAt is null).Take(limit)];
        return Task.FromResult(page);
    }

    public async Task<int> MarkNotificationsReadAsync(IReadOnlyList<string> ids)
    {
        RequiredInput.NotNull(ids, "The list of ids");
        if (ids.Count > UserLimits.MaxIdsPerCall)
        {
            throw new DomainValidationException("too_many_ids", $"At most {UserLimits.MaxIdsPerCall} ids may be marked in one call.");
        }

        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        var known = State.Notifications.Where(n => wanted.Contains(n.Id)).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var missing = wanted.Where(id => !known.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            throw new DomainNotFoundException("notification_not_found", $"No notification with id {string.Join(", ", missing.Take(5))}.");
        }

        return await MarkReadAsync(n => wanted.Contains(n.Id));
    }

    public Task<int> MarkAllNotificationsReadAsync() => MarkReadAsync(_ => true);

    private async Task<int> MarkReadAsync(Func<UserNotification, bool> selected)
    {
        var now = Now;
        List<string> changed = [];
        for (var i = 0; i < State.Notifications.Count; i++)
        {
            var n = State.Notifications[i];
            if (n.ReadAt is null && selected(n))
            {
                State.Notifications[i] = n with { ReadAt = now };
                changed.Add(n.Id);
            }
        }

        if (changed.Count == 0)
        {
            return 0;
        }

        await WriteStateAsync();
        var unread = State.Notifications.Count(n => n.ReadAt is null);
        await PublishToUserAsync(UserId, new NotificationsReadData(changed, unread));
        return changed.Count;
    }

    /// <summary>Adds a validated notification to the bounded list (dropping the oldest beyond the bound); not yet written.</summary>
    private UserNotification AddNotification(string title, string message, string type)
    {
        var notification = new UserNotification
        {
            Id = Guid.NewGuid().ToString("N"),
            Title = title,
            Message = message,
            Type = type,
            CreatedAt = Now,
        };
        State.Notifications.Add(notification);
        if (State.Notifications.Count > UserLimits.MaxNotifications)
        {
            State.Notifications.RemoveRange(0, State.Notifications.Count - UserLimits.MaxNotifications);
        }

        return notification;
    }

    private Task PublishNotificationAsync(UserNotification n) =>
        PublishToUserAsync(UserId, new NotificationData(n.Id, n.Title, n.Message, n.Type, n.CreatedAt));
}
