namespace OrleansRealtime.Gateway.Api.Libraries;

/// <summary>Body of <c>POST /api/libraries</c>.</summary>
public sealed record CreateLibraryRequest
{
    /// <summary>The id to use; null lets the server assign one.</summary>
    public string? LibraryId { get; init; }

    public required string Name { get; init; }

    /// <summary>The platform its games come from (<c>demo</c>, <c>steam</c>…); default <c>demo</c>.</summary>
    public string Platform { get; init; } = "demo";

    /// <summary>The owner; only a <c>service</c> or <c>admin</c> token may name someone else. Default: the caller.</summary>
    public string? UserId { get; init; }
}
