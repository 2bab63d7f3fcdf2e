using System.Security.Claims;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.Gateway.Auth.Internal;
using OrleansRealtime.Gateway.Errors;
using OrleansRealtime.TestingHost;

namespace OrleansRealtime.Gateway.Tests.Auth.Internal;

public sealed class ValidatedTokenCacheTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void AValidToken_IsReturnedUntilItsExpiry_ThenValidatedAgain()
    {
        var cache = new ValidatedTokenCache(_time);
        var outcome = Valid(expiresIn: TimeSpan.FromSeconds(30));
        cache.Add("token-a", outcome);

        Assert.True(cache.TryGet("token-a", out var hit));
        Assert.Same(outcome, hit);

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(cache.TryGet("token-a", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void ALongLivedToken_IsReusedForAtMostMaxAge()
    {
        var cache = new ValidatedTokenCache(_time);
        cache.Add("token-a", Valid(expiresIn: TimeSpan.FromHours(8)));

        _time.Advance(ValidatedTokenCache.MaxAge - TimeSpan.FromTicks(1));
        Assert.True(cache.TryGet("token-a", out _));
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.False(cache.TryGet("token-a", out _));
    }

    [Fact]
    public void RefusedOrExpiredOutcomes_AreNeverCached()
    {
        var cache = new ValidatedTokenCache(_time);
        cache.Add("refused", Task.FromResult(TokenValidationOutcome.Failed(ApiErrorCodes.InvalidToken, "bad")));
        cache.Add("expired", Valid(expiresIn: TimeSpan.Zero));
        cache.Add("no-exp", Task.FromResult(TokenValidationOutcome.Succeeded(Principal(), expiresAt: null)));

        Assert.False(cache.TryGet("refused", out _));
        Assert.False(cache.TryGet("expired", out _));
        Assert.False(cache.TryGet("no-exp", out _));
    }

    [Fact]
    public void ALookup_MatchesTheExactTokenOnly()
    {
        var cache = new ValidatedTokenCache(_time);
        cache.Add("header.payload.signatureA", Valid(expiresIn: TimeSpan.FromMinutes(5)));

        Assert.False(cache.TryGet("header.payload.signatureB", out _));
        Assert.False(cache.TryGet("header.payload.signature", out _));
        Assert.True(cache.TryGet(new string("header.payload.signatureA".ToCharArray()), out _));
    }

    [Fact]
    public void ASliceOfAHeader_FindsItsToken_ExactlyAndUntilItsExpiry()
    {
        var cache = new ValidatedTokenCache(_time);
        var outcome = Valid(expiresIn: TimeSpan.FromSeconds(30));
        cache.Add("header.payload.signatureA", outcome);
        const string Header = "Bearer header.payload.signatureA";

        Assert.True(cache.TryGet(Header.AsSpan(7), out var hit));
        Assert.Same(outcome, hit);
        Assert.False(cache.TryGet(Header.AsSpan(7, Header.Length - 8), out _));
        Assert.False(cache.TryGet(Header.AsSpan(), out _));

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(cache.TryGet(Header.AsSpan(7), out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void AFullCache_StaysWithinItsCapacity_AndKeepsTheNewestToken()
    {
        var cache = new ValidatedTokenCache(_time, capacity: 4);
        for (var i = 0; i < 10; i++)
        {
            cache.Add($"token-{i}", Valid(expiresIn: TimeSpan.FromMinutes(5)));
            Assert.InRange(cache.Count, 1, 4);
        }

        Assert.True(cache.TryGet("token-9", out _));
    }

    [Fact]
    public async Task TheValidator_ReusesTheOutcomeOfTheSameToken_AndStillRefusesOthers()
    {
        var validator = new RealtimeTokenValidator(
            Microsoft.Extensions.Options.Options.Create(new RealtimeAuthOptions { SigningKey = TestSupport.GatewayHost.SigningKey }),
            new ValidatedTokenCache(TimeProvider.System));
        var token = TestSupport.TestTokens.Create("svc");

        var first = await validator.ValidateAsync(token).WaitAsync(TestSupport.TestTimeouts.Default);
        var second = await validator.ValidateAsync(token).WaitAsync(TestSupport.TestTimeouts.Default);
        var expired = await validator.ValidateAsync(TestSupport.TestTokens.Create("svc", expires: DateTime.UtcNow.AddMinutes(-5), notBefore: DateTime.UtcNow.AddMinutes(-10)))
            .WaitAsync(TestSupport.TestTimeouts.Default);
        var forged = await validator.ValidateAsync(TestSupport.TestTokens.Create("svc", key: "another-signing-key-0123456789-abcdefgh"))
            .WaitAsync(TestSupport.TestTimeouts.Default);

        Assert.True(first.IsValid);
        Assert.Same(first, second);
        Assert.Equal(ApiErrorCodes.TokenExpired, expired.ErrorCode);
        Assert.Equal(ApiErrorCodes.InvalidToken, forged.ErrorCode);
    }

    [Fact]
    public async Task TheValidator_FindsAKnownTokenFromASlice_AndValidatesAnUnknownSliceInFull()
    {
        var validator = new RealtimeTokenValidator(
            Microsoft.Extensions.Options.Options.Create(new RealtimeAuthOptions { SigningKey = TestSupport.GatewayHost.SigningKey }),
            new ValidatedTokenCache(TimeProvider.System));
        var token = TestSupport.TestTokens.Create("svc");
        var forged = TestSupport.TestTokens.Create("svc", key: "another-signing-key-0123456789-abcdefgh");

        var first = await validator.ValidateAsync(("Bearer " + token).AsSpan(7)).WaitAsync(TestSupport.TestTimeouts.Default);
        var second = await validator.ValidateAsync(("Bearer " + token + " ").AsSpan(7, token.Length)).WaitAsync(TestSupport.TestTimeouts.Default);
        var refused = await validator.ValidateAsync(("Bearer " + forged).AsSpan(7)).WaitAsync(TestSupport.TestTimeouts.Default);

        Assert.True(first.IsValid);
        Assert.Same(first, second);
        Assert.Same(first, await validator.ValidateAsync(token).WaitAsync(TestSupport.TestTimeouts.Default));
        Assert.Equal(ApiErrorCodes.InvalidToken, refused.ErrorCode);
    }

    [Fact]
    public async Task AValidatedPrincipal_CarriesItsCaller_TheSameForEveryRequest()
    {
        var validator = new RealtimeTokenValidator(
            Microsoft.Extensions.Options.Options.Create(new RealtimeAuthOptions { SigningKey = TestSupport.GatewayHost.SigningKey }),
            new ValidatedTokenCache(TimeProvider.System));
        var token = TestSupport.TestTokens.Create("svc-1", claims: new Dictionary<string, object>
        {
            ["roles"] = new[] { "service", "service", "reader" },
            ["wallet"] = "0x1111111111111111111111111111111111111111",
        });

        var outcome = await validator.ValidateAsync(token).WaitAsync(TestSupport.TestTimeouts.Default);
        var caller = RealtimePrincipal.From(outcome.Principal!);

        Assert.NotNull(caller);
        Assert.Same(caller, RealtimePrincipal.From(outcome.Principal!));
        Assert.Equal("svc-1", caller.UserId);
        Assert.Equal(["service", "reader"], caller.Roles);
        Assert.Equal(["0x1111111111111111111111111111111111111111"], caller.Wallets);
        Assert.True(caller.IsService);
        Assert.False(caller.IsAdmin);
        Assert.True(caller.CanActFor("anyone"));
    }

    [Fact]
    public async Task AValidatedPrincipal_KeepsTheClaims_ButNotTheParsedToken()
    {
        var validator = new RealtimeTokenValidator(
            Microsoft.Extensions.Options.Options.Create(new RealtimeAuthOptions { SigningKey = TestSupport.GatewayHost.SigningKey }),
            new ValidatedTokenCache(TimeProvider.System));

        var outcome = await validator.ValidateAsync(TestSupport.TestTokens.Create("u-7")).WaitAsync(TestSupport.TestTimeouts.Default);

        var identity = Assert.IsType<ClaimsIdentity>(outcome.Principal!.Identity);
        Assert.True(identity.IsAuthenticated);
        Assert.Equal("u-7", identity.FindFirst(RealtimeClaimTypes.Subject)?.Value);

        // The handler's CaseSensitiveClaimsIdentity references the JsonWebToken; a socket keeps its principal for hours.
        Assert.Null(identity.BootstrapContext);
        Assert.All(identity.Claims, claim => Assert.Same(identity, claim.Subject));
    }

    private Task<TokenValidationOutcome> Valid(TimeSpan expiresIn) =>
        Task.FromResult(TokenValidationOutcome.Succeeded(Principal(), _time.GetUtcNow() + expiresIn));

    private static ClaimsPrincipal Principal() => new(new ClaimsIdentity([new Claim("sub", "svc")], "Bearer"));
}
