using OrleansRealtime.GrainInterfaces.Errors;

namespace OrleansRealtime.Gateway.Api;

/// <summary>
/// Checks done at the edge, before any grain is called: ids in routes and bodies. The grains check every
/// domain limit again; these keep absurd input (a 10 KB id) from ever reaching the cluster.
/// </summary>
public static class EdgeLimits
{
    /// <summary>User, library, game and operation ids: 1..128 characters, no control characters or '/'. Conversation ids may have 200 (<c>ChatLimits.MaxIdLength</c>), as document 002's channel ids need.</summary>
    public const int MaxIdLength = 128;

    /// <summary>Returns <paramref name="value"/>, or throws 400 <c>invalid_id</c>.</summary>
    public static string Id(string? value, string name, int maxLength = MaxIdLength)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > maxLength || value.Any(c => char.IsControl(c) || c == '/'))
        {
            throw new DomainValidationException("invalid_id", $"{name} must be 1..{maxLength} characters without control characters or '/'.");
        }

        return value;
    }
}
