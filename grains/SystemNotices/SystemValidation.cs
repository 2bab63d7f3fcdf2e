using System.Text.RegularExpressions;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events.SystemNotices;
using OrleansRealtime.GrainInterfaces.SystemNotices;
using OrleansRealtime.Grains.Input;

namespace OrleansRealtime.Grains.SystemNotices;

/// <summary>The input rules of <see cref="SystemGrain"/>; each throws before anything is stored or broadcast.</summary>
internal static partial class SystemValidation
{
    public static void Notification(SystemNotificationData n, DateTimeOffset now)
    {
        RequiredInput.NotNull(n, "The notification");
        if (!SystemLevels.IsKnown(n.Level))
        {
            throw new DomainValidationException("invalid_level", $"The level must be one of {string.Join(", ", SystemLevels.All)}.");
        }

        Text(n.Title, "title", SystemLimits.MaxTitleLength);
        Text(n.Message, "message", SystemLimits.MaxMessageLength);
        if (n.Action is { } action)
        {
            if (!IsName(action.Type) || string.IsNullOrWhiteSpace(action.Label) || action.Label.Length > SystemLimits.MaxShortTextLength)
            {
                throw new DomainValidationException("invalid_action",
                    $"An action needs a type (1 to {SystemLimits.MaxNameLength} safe characters) and a label of 1 to {SystemLimits.MaxShortTextLength} characters.");
            }

            var needsUrl = action.Type == "url";
            if ((needsUrl || action.Url is not null) && !IsHttpUrl(action.Url))
            {
                throw new DomainValidationException("invalid_action_url", $"The action's url must be an absolute http or https URL of at most {SystemLimits.MaxUrlLength} characters.");
            }
        }

        if (n.ExpiresAt is { } expires && expires <= now)
        {
            throw new DomainValidationException("expires_at_in_past", "expires_at must be in the future.");
        }
    }

    public static void StatusUpdate(SystemStatusUpdateData u)
    {
        RequiredInput.NotNull(u, "The status update");
        if (!IsName(u.Component))
        {
            throw new DomainValidationException("invalid_component", $"The component must be 1 to {SystemLimits.MaxNameLength} characters of letters, digits, '_', '.', ':' or '-'.");
        }

        if (!ComponentStatuses.IsKnown(u.Status))
        {
            throw new DomainValidationException("invalid_status", $"The status must be one of {string.Join(", ", ComponentStatuses.All)}.");
        }

        Text(u.Message, "message", SystemLimits.MaxMessageLength);
        if (u.Impact is { Length: > SystemLimits.MaxShortTextLength })
        {
            throw new DomainValidationException("impact_too_long", $"The impact has {u.Impact.Length} characters; at most {SystemLimits.MaxShortTextLength} are allowed.");
        }
    }

    public static void Maintenance(MaintenanceRequest r, DateTimeOffset now)
    {
        RequiredInput.NotNull(r, "The maintenance request");
        if (r.DurationMinutes is < 1 or > SystemLimits.MaxMaintenanceMinutes)
        {
            throw new DomainValidationException("invalid_duration", $"duration_minutes must be from 1 to {SystemLimits.MaxMaintenanceMinutes}, but is {r.DurationMinutes}.");
        }

        if (r.ScheduledStart < now)
        {
            throw new DomainValidationException("scheduled_start_in_past", "scheduled_start must not be in the past.");
        }

        if (r.ScheduledStart > now + SystemLimits.MaxMaintenanceLead)
        {
            throw new DomainValidationException("scheduled_start_too_far", $"scheduled_start must be within {SystemLimits.MaxMaintenanceLead.TotalDays} days.");
        }

        if (r.Message is not null)
        {
            Text(r.Message, "message", SystemLimits.MaxMessageLength);
        }

        var services = r.AffectedServices ?? [];
        if (services.Count > SystemLimits.MaxAffectedServices)
        {
            throw new DomainValidationException("too_many_affected_services", $"At most {SystemLimits.MaxAffectedServices} affected services may be named.");
        }

        if (services.Any(s => !IsName(s)))
        {
            throw new DomainValidationException("invalid_affected_service", $"Each affected service is 1 to {SystemLimits.MaxNameLength} characters of letters, digits, '_', '.', ':' or '-'.");
        }
    }

    /// <summary>Required text of at most <paramref name="max"/> characters: <c>{field}_required</c> or <c>{field}_too_long</c>.</summary>
    public static void Text(string? value, string field, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainValidationException($"{field}_required", $"The {field} must not be empty.");
        }

        if (value.Length > max)
        {
            throw new DomainValidationException($"{field}_too_long", $"The {field} has {value.Length} characters; at most {max} are allowed.");
        }
    }

    private static bool IsName(string? value) => value is { Length: > 0 and <= SystemLimits.MaxNameLength } && Name().IsMatch(value);

    private static bool IsHttpUrl(string? url) =>
        url is { Length: > 0 and <= SystemLimits.MaxUrlLength }
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    [GeneratedRegex(@"^[A-Za-z0-9_.:-]+\z")]
    private static partial Regex Name();
}
