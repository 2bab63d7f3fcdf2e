using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Membership;

namespace OrleansRealtime.Server.Membership;

/// <summary>Checks <c>Realtime:Clustering</c> at start with <see cref="ClusterMembershipOptions.Validate"/> (messages name the key and value).</summary>
internal sealed class ClusterMembershipOptionsValidator : IValidateOptions<ClusterMembershipOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterMembershipOptions options) =>
        options.Validate() is { Count: > 0 } failures ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
}
