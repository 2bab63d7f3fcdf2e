using OrleansRealtime.GrainInterfaces.Errors;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Grains.Users;

/// <summary>The input rules of <see cref="UserGrain"/>; each throws before anything changes.</summary>
internal static class UserValidation
{
    public static void Amount(long amount)
    {
        if (amount is < UserLimits.MinAmount or > UserLimits.MaxAmount)
        {
            throw new DomainValidationException("invalid_amount",
                $"The amount must be a whole number of tokens from {UserLimits.MinAmount} to {UserLimits.MaxAmount}, but is {amount}.");
        }
    }

    public static void Reason(string? reason)
    {
        if (reason is { Length: > UserLimits.MaxReasonLength })
        {
            throw new DomainValidationException("reason_too_long", $"The reason has {reason.Length} characters; at most {UserLimits.MaxReasonLength} are allowed.");
        }
    }

    public static void Limit(int limit, int max)
    {
        if (limit < 1 || limit > max)
        {
            throw new DomainValidationException("invalid_limit", $"The limit must be from 1 to {max}, but is {limit}.");
        }
    }

    public static void Key(string? value, string code, string what)
    {
        if (!SafeKeys.IsValid(value))
        {
            throw new DomainValidationException(code,
                $"The {what} must be 1 to {UserLimits.MaxKeyLength} characters of letters, digits, '_', '.', ':' or '-'.");
        }
    }

    public static void OptionalKey(string? value, string code, string what)
    {
        if (value is not null)
        {
            Key(value, code, what);
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

    /// <summary>Optional single-line text: no control characters, at most <paramref name="max"/> characters.</summary>
    public static void Line(string? value, string field, int max)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > max)
        {
            throw new DomainValidationException($"{field}_too_long", $"The {field} has {value.Length} characters; at most {max} are allowed.");
        }

        if (value.Any(char.IsControl))
        {
            throw new DomainValidationException($"invalid_{field}", $"The {field} must not contain control characters.");
        }
    }
}
