using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Events.Connection;

namespace OrleansRealtime.Gateway.Tests.Sessions;

/// <summary>
/// Token expiry on the fake clock, and <c>refresh_token</c> with real tokens. The validator checks token
/// lifetimes against the system clock, so the refresh tests start the fake clock at the real time.
/// </summary>
public sealed class GatewaySessionAuthTests
{
    [Fact]
    public async Task WatchTokenExpiry_AtExp_SendsAuthExpiredThenClosesWith4001AfterTheDelay()
    {
        using var harness = new SessionHarness();
        var expires = harness.Time.GetUtcNow().AddMinutes(10);
        var session = harness.Connect(tokenExpiresAt: expires);
        session.WatchTokenExpiry();

        harness.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, session.Queue.Count);
        Assert.Empty(session.Frames);

        harness.Time.Advance(TimeSpan.FromSeconds(1));
        await session.WaitForTypeAsync("connection_error");
        var error = Assert.Single(session.Frames).Data;
        Assert.Equal(GatewayErrorCodes.AuthExpired, error.GetProperty("error_code").GetString());
        Assert.True(error.GetProperty("reconnect_required").GetBoolean());
        Assert.Equal("refresh_token", error.GetProperty("action_required").GetString());
        Assert.False(session.CloseRequested);

        harness.Time.Advance(harness.Options.AuthExpiryCloseDelay - TimeSpan.FromTicks(1));
        Assert.False(session.CloseRequested);

        harness.Time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(GatewayCloseCodes.AuthExpired, await session.Closed.WithTimeout());
        Assert.Single(session.Frames);
    }

    [Fact]
    public async Task WatchTokenExpiry_TokenAlreadyExpired_SendsAuthExpiredAtOnce()
    {
        using var harness = new SessionHarness();
        var session = harness.Connect(tokenExpiresAt: harness.Time.GetUtcNow().AddSeconds(-5));

        session.WatchTokenExpiry();

        await session.WaitForTypeAsync("connection_error");

        // The expiry fired on the thread pool (a due time of zero); the close timer is armed right after the frame is queued.
        Assert.True(SpinWait.SpinUntil(() => harness.Time.ArmedTimerCount == 1, TestTimeouts.Default));
        harness.Time.Advance(harness.Options.AuthExpiryCloseDelay);
        Assert.Equal(GatewayCloseCodes.AuthExpired, await session.Closed.WithTimeout());
    }

    [Fact]
    public async Task RefreshTokenAsync_BeforeExpiry_MovesTheExpiryToTheNewToken()
    {
        using var harness = new SessionHarness(start: RealNow());
        var session = harness.Connect(tokenExpiresAt: harness.Time.GetUtcNow().AddMinutes(2));
        session.WatchTokenExpiry();

        var (code, _) = await session.RefreshTokenAsync(Mint(harness, "u1", TimeSpan.FromHours(1))).WithTimeout();

        Assert.Null(code);
        var renewed = session.TokenExpiresAt!.Value;
        Assert.InRange(renewed, harness.Time.GetUtcNow().AddMinutes(59), harness.Time.GetUtcNow().AddMinutes(61));
        harness.Time.Advance(TimeSpan.FromMinutes(2));
        session.SendControl(new PongData("marker"));
        await session.WaitForTypeAsync("pong");
        Assert.DoesNotContain(session.Frames, f => f.Type == "connection_error");

        harness.Time.Advance(renewed - harness.Time.GetUtcNow());
        await session.WaitForTypeAsync("connection_error");
        harness.Time.Advance(harness.Options.AuthExpiryCloseDelay);
        Assert.Equal(GatewayCloseCodes.AuthExpired, await session.Closed.WithTimeout());
    }

    [Fact]
    public async Task RefreshTokenAsync_TokenOfAnotherSubject_IsRefusedAndKeepsTheOldExpiry()
    {
        using var harness = new SessionHarness(start: RealNow());
        var expires = harness.Time.GetUtcNow().AddMinutes(2);
        var session = harness.Connect(tokenExpiresAt: expires);
        session.WatchTokenExpiry();

        var (code, _) = await session.RefreshTokenAsync(Mint(harness, "mallory", TimeSpan.FromHours(1))).WithTimeout();

        Assert.Equal(GatewayErrorCodes.InvalidToken, code);
        Assert.Equal(expires, session.TokenExpiresAt);
        Assert.Equal("u1", GatewaySession.UserIdOf(session.Principal));
        harness.Time.Advance(TimeSpan.FromMinutes(2));
        await session.WaitForTypeAsync("connection_error");
    }

    [Fact]
    public async Task RefreshTokenAsync_InvalidToken_IsRefused()
    {
        using var harness = new SessionHarness(start: RealNow());
        var expires = harness.Time.GetUtcNow().AddMinutes(2);
        var session = harness.Connect(tokenExpiresAt: expires);

        var (code, _) = await session.RefreshTokenAsync("not-a-token").WithTimeout();

        Assert.Equal(GatewayErrorCodes.InvalidToken, code);
        Assert.Equal(expires, session.TokenExpiresAt);
    }

    [Fact]
    public async Task RefreshTokenAsync_AfterAuthExpired_IsRefusedAndTheSessionStillCloses()
    {
        using var harness = new SessionHarness(start: RealNow());
        var session = harness.Connect(tokenExpiresAt: harness.Time.GetUtcNow().AddMinutes(1));
        session.WatchTokenExpiry();
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await session.WaitForTypeAsync("connection_error");

        var (code, _) = await session.RefreshTokenAsync(Mint(harness, "u1", TimeSpan.FromHours(1))).WithTimeout();

        Assert.Equal(GatewayErrorCodes.InvalidToken, code);
        harness.Time.Advance(harness.Options.AuthExpiryCloseDelay);
        Assert.Equal(GatewayCloseCodes.AuthExpired, await session.Closed.WithTimeout());
    }

    /// <summary>The system time to the second (a JWT's <c>exp</c> has no finer grain).</summary>
    private static DateTimeOffset RealNow() => DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    private static string Mint(SessionHarness harness, string subject, TimeSpan lifetime) =>
        new JwtTokenIssuer(harness.Auth, TimeProvider.System).Mint(new TokenRequest { Subject = subject, Lifetime = lifetime });
}
