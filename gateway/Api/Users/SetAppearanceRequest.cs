namespace OrleansRealtime.Gateway.Api.Users;

/// <summary>Body of <c>PUT /api/users/{userId}/appearance/{appKey}/{item}</c>.</summary>
public sealed record SetAppearanceRequest
{
    /// <summary>The item to make active (document 000's <c>new_item_id</c>).</summary>
    public required string ItemId { get; init; }
}
