using Microsoft.AspNetCore.Http;
using OrleansRealtime.Gateway.Auth;

namespace OrleansRealtime.Gateway.Tests.Auth;

public sealed class JwtAuthenticationHandlerTests
{
    [Theory]
    [InlineData("/ws", "abc", "abc")]
    [InlineData("/ws/notifications/alice", "abc", "abc")]
    [InlineData("/socket.io/", "abc", "abc")]
    [InlineData("/api/me", "abc", null)]
    [InlineData("/wsx", "abc", null)]
    public void QueryToken_IsReadOnlyOnWebSocketPaths(string path, string token, string? expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Request.QueryString = new QueryString($"?token={token}");

        Assert.Equal(expected, JwtAuthenticationHandler.ReadToken(context.Request));
    }

    [Fact]
    public void BearerHeader_WinsOverTheQuery()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/ws";
        context.Request.QueryString = new QueryString("?token=from-query");
        context.Request.Headers.Authorization = "Bearer from-header";

        Assert.Equal("from-header", JwtAuthenticationHandler.ReadToken(context.Request));
    }

    [Fact]
    public void Principal_CanActForItself_ServiceAndAdminForAnyone()
    {
        static RealtimePrincipal Principal(string sub, params string[] roles)
        {
            var identity = new System.Security.Claims.ClaimsIdentity(
                [new("sub", sub), .. roles.Select(r => new System.Security.Claims.Claim("roles", r))], "Bearer", "sub", "roles");
            return RealtimePrincipal.From(new System.Security.Claims.ClaimsPrincipal(identity))!;
        }

        Assert.True(Principal("alice").CanActFor("alice"));
        Assert.False(Principal("alice").CanActFor("bob"));
        Assert.False(Principal("alice", "reader").CanActFor("bob"));
        Assert.True(Principal("svc", "service").CanActFor("bob"));
        Assert.True(Principal("root", "admin").CanActFor("bob"));
    }
}
