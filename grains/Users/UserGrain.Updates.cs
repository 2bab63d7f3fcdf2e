using System.Text;
using System.Text.Json;
using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Events;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Grains.Users;

public sealed partial class UserGrain
{
    public async Task<Envelope> SendUpdateAsync(string type, string? action, JsonElement data)
    {
        if (!PluginUpdates.IsValidType(type))
        {
            throw new DomainValidationException("invalid_event_type",
                $"An update type is 1 to {PluginUpdates.MaxNameLength} characters: a lower-case letter, then lower-case letters, digits, '_', ':', '.' or '-'.");
        }

        if (type == PluginUpdates.TaskUpdate)
        {
            if (action is null || !PluginUpdates.TaskActions.Contains(action))
            {
                throw new DomainValidationException("invalid_task_action", $"task_update needs an action of {string.Join(", ", PluginUpdates.TaskActions)}.");
            }
        }
        else if (EventCatalog.TryGet(type, out _))
        {
            // Catalog events describe real state changes of this system; a plugin must not forge them.
            throw new DomainValidationException("reserved_event_type", $"'{type}' is an event of this system and cannot be sent as an update.");
        }
        else if (action is not null && !PluginUpdates.IsValidAction(action))
        {
            throw new DomainValidationException("invalid_action",
                $"An action is 1 to {PluginUpdates.MaxNameLength} characters: a lower-case letter, then lower-case letters, digits or '_'.");
        }

        if (data.ValueKind != JsonValueKind.Object)
        {
            throw new DomainValidationException("invalid_update_data", $"The data of an update must be a JSON object, not {data.ValueKind}.");
        }

        var size = Encoding.UTF8.GetByteCount(data.GetRawText());
        if (size > UserLimits.MaxUpdateDataBytes)
        {
            throw new DomainValidationException("update_data_too_large", $"The data has {size} bytes; at most {UserLimits.MaxUpdateDataBytes} are allowed.");
        }

        if (type == PluginUpdates.TaskUpdate
            && !(data.TryGetProperty("task_id", out var taskId) && taskId.ValueKind == JsonValueKind.String && taskId.GetString() is { Length: > 0 }))
        {
            throw new DomainValidationException("missing_task_id", "The data of a task_update needs a non-empty string task_id.");
        }

        // Nothing is stored: the sender owns the state behind the update (document 002's send_to_user).
        var envelope = Envelope.Custom(type, action, data, Now);
        await PublishToUserAsync(UserId, envelope);
        return envelope;
    }
}
