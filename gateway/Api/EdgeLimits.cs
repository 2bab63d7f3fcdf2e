using OrleansRealtime.GrainInterfaces.Errors;

namespace OrleansRealtime.Gateway.Api;

/// <summary>
/// Checks done at the edge, before any grain is called: ids in routes and bodies. The grains check every
/// domain limit again; these keep absurd input (a 10 KB id) from ever reaching the cluster.
/// </summary>
public static class EdgeLimits
{
    /// <summary>User, library, game, operation and conversation ids: 1..128 characters, no control characters or '/'.</summary>
    public const int MaxIdLength = 128;

    /// <summary>Returns <paramref name="value"/>, or throws 400 <c>invalid_id</c>.</summary>
    public static string Id(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxIdLength || value.Any(c => char.IsControl(c) || c == '/'))
        {
            throw new DomainValidationException("invalid_id", $"{name} must be 1..{MaxIdLength} characters without control characters or '/'.");
        }

        return value;
    }
}
