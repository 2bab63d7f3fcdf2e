using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace OrleansRealtime.Gateway.WebSockets.KeepAlive;

/// <summary>
/// Stands in for the request's upgrade feature so that an endpoint that asks for it (<see cref="WrapStream"/>) gets
/// the upgraded connection as a <see cref="KeepAliveStream"/>. The WebSocket middleware takes the feature when the
/// request enters it, which is why this must be installed before <c>UseWebSockets</c>; endpoints that do not ask
/// (Socket.IO's, with its own heartbeat) get the connection's stream as it is.
/// </summary>
internal sealed class KeepAliveUpgradeFeature(IHttpUpgradeFeature inner) : IHttpUpgradeFeature
{
    public bool IsUpgradableRequest => inner.IsUpgradableRequest;

    /// <summary>Puts the stand-in on an upgradable request (a middleware before <c>UseWebSockets</c> calls this).</summary>
    public static void Install(HttpContext context)
    {
        if (context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } upgrade and not KeepAliveUpgradeFeature)
        {
            context.Features.Set<IHttpUpgradeFeature>(new KeepAliveUpgradeFeature(upgrade));
        }
    }

    /// <summary>Set by the endpoint before it accepts the WebSocket.</summary>
    public bool WrapStream { get; set; }

    /// <summary>The wrapped stream, once upgraded with <see cref="WrapStream"/> set.</summary>
    public KeepAliveStream? Stream { get; private set; }

    public async Task<Stream> UpgradeAsync()
    {
        var stream = await inner.UpgradeAsync().ConfigureAwait(false);
        if (!WrapStream)
        {
            return stream;
        }

        Stream = new KeepAliveStream(stream);
        return Stream;
    }
}
