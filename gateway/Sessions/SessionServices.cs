using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Abstractions.Grains;
using OrleansRealtime.Gateway.Auth;

namespace OrleansRealtime.Gateway.Sessions;

/// <summary>What every session of this gateway shares: options, clock, logging, metrics, grains and the token validator.</summary>
internal sealed class SessionServices(
    IOptions<RealtimeGatewayOptions> options,
    TimeProvider time,
    ILoggerFactory loggerFactory,
    GatewayMetrics metrics,
    IServiceProvider services,
    RealtimeTokenValidator tokens,
    IOptions<RealtimeAuthOptions> auth)
{
    public RealtimeGatewayOptions Options { get; } = options.Value;

    public TimeProvider Time { get; } = time;

    public ILoggerFactory LoggerFactory { get; } = loggerFactory;

    public GatewayMetrics Metrics { get; } = metrics;

    // Resolved on first use: a host that only mints tokens (the silo's token command) registers the gateway
    // without a silo or cluster client, and must still pass the container's validation.
    private readonly Lazy<IGrainFactory> _grains = new(services.GetRequiredService<IGrainFactory>);

    public IGrainFactory Grains => _grains.Value;

    public RealtimeTokenValidator Tokens { get; } = tokens;

    /// <summary>The clock skew the handshake tolerates; a socket's token expires that much after its <c>exp</c> too, so both agree.</summary>
    public TimeSpan ClockSkew { get; } = auth.Value.ClockSkew;

    /// <summary>This gateway instance, as presence reports it.</summary>
    public string GatewayId { get; } = $"{Environment.MachineName}-{Environment.ProcessId}";
}
