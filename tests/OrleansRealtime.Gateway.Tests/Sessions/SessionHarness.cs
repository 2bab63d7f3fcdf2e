using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Gateway.Tests.Sessions;

/// <summary>
/// What one session test needs: a fake clock, options, metrics it can read, a scripted stream and the
/// <see cref="SessionServices"/> built from them, with a real token validator (for <c>refresh_token</c>).
/// </summary>
internal sealed class SessionHarness : IDisposable
{
    /// <summary>32+ bytes, as HS256 requires.</summary>
    public const string SigningKey = "session-tests-signing-key-0123456789-abcdef";

    public SessionHarness(Action<RealtimeGatewayOptions>? configure = null, DateTimeOffset? start = null)
    {
        Time = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Options = new RealtimeGatewayOptions { OutboundQueueCapacity = 16, ResumePageSize = 500 };
        configure?.Invoke(Options);
        Auth = Microsoft.Extensions.Options.Options.Create(new RealtimeAuthOptions { SigningKey = SigningKey, ClockSkew = TimeSpan.Zero });
        Services = new SessionServices(
            Microsoft.Extensions.Options.Options.Create(Options),
            Time,
            NullLoggerFactory.Instance,
            new GatewayMetrics(Meters),
            new ServiceCollection().BuildServiceProvider(), // sessions under test make no grain calls
            new RealtimeTokenValidator(Auth),
            Auth);
    }

    public FakeTimeProvider Time { get; }

    public RealtimeGatewayOptions Options { get; }

    public IOptions<RealtimeAuthOptions> Auth { get; }

    public TestMeters Meters { get; } = new();

    public ScriptedStream Stream { get; } = new();

    public SessionServices Services { get; }

    /// <summary>A session of user <c>u1</c> on <see cref="Stream"/> with its send loop running.</summary>
    public TestSession Connect(DateTimeOffset? tokenExpiresAt = null)
    {
        var session = new TestSession(Services, Stream, tokenExpiresAt: tokenExpiresAt);
        session.StartSending();
        return session;
    }

    public void Dispose() => Meters.Dispose();
}
