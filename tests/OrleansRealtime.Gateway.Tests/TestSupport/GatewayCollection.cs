namespace OrleansRealtime.Gateway.Tests.TestSupport;

/// <summary>The test classes that share one <see cref="GatewayFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
