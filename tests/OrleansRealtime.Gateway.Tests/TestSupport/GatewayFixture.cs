namespace OrleansRealtime.Gateway.Tests.TestSupport;

/// <summary>One gateway host shared by the tests of <see cref="GatewayCollection"/>; tests isolate themselves by unique user and library ids.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private GatewayHost? _host;

    public GatewayHost Host => _host ?? throw new InvalidOperationException("The gateway host has not started.");

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
