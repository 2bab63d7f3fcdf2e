using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using OrleansRealtime.Abstractions.Streams;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.Gateway.Errors;
using OrleansRealtime.Gateway.Sessions;

namespace OrleansRealtime.Gateway.WebSockets;

/// <summary>The checks every raw WebSocket handshake passes before the upgrade, and what it carries (resume point, subprotocol, device).</summary>
internal static class WebSocketHandshake
{
    /// <summary>False when the request may be upgraded; true when it was refused (the problem detail is written).</summary>
    public static async Task<bool> RefuseAsync(HttpContext context, RealtimeGatewayOptions options)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await ApiProblems.WriteAsync(context, StatusCodes.Status400BadRequest, "websocket_required",
                "This endpoint speaks WebSocket only: send an HTTP/1.1 Upgrade (or HTTP/2 CONNECT) handshake.").ConfigureAwait(false);
            return true;
        }

        if (!OriginAllowed(context.Request, options))
        {
            await ApiProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "origin_not_allowed",
                "The page's origin is not on this gateway's Realtime:Gateway:AllowedOrigins list.").ConfigureAwait(false);
            return true;
        }

        if (!TryReadResume(context.Request, out _))
        {
            await ApiProblems.WriteAsync(context, StatusCodes.Status400BadRequest, ApiErrorCodes.InvalidInput,
                "last_seq and epoch must be given together, as integers (last_seq not negative).").ConfigureAwait(false);
            return true;
        }

        return false;
    }

    /// <summary>A browser always sends Origin; a handshake without one (a server, a native app) is not a cross-site request.</summary>
    public static bool OriginAllowed(HttpRequest request, RealtimeGatewayOptions options)
    {
        if (options.AllowedOrigins.Count == 0)
        {
            return true;
        }

        string? origin = request.Headers[HeaderNames.Origin];
        return string.IsNullOrEmpty(origin)
            || options.AllowedOrigins.Any(a => string.Equals(a.TrimEnd('/'), origin.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The <c>?last_seq=&amp;epoch=</c> resume point; false when malformed, true with null when absent.</summary>
    public static bool TryReadResume(HttpRequest request, out StreamSequenceToken? resume)
    {
        resume = null;
        var hasSeq = request.Query.TryGetValue("last_seq", out var seqValue);
        var hasEpoch = request.Query.TryGetValue("epoch", out var epochValue);
        if (!hasSeq && !hasEpoch)
        {
            return true;
        }

        if (hasSeq && hasEpoch
            && long.TryParse(seqValue.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
            && long.TryParse(epochValue.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var epoch))
        {
            resume = new StreamSequenceToken(seq, epoch);
            return true;
        }

        return false;
    }

    /// <summary>The subprotocol to select: <c>bearer</c> when the client sent its token that way, otherwise none.</summary>
    public static string? Subprotocol(HttpContext context) =>
        context.WebSockets.WebSocketRequestedProtocols.Contains(JwtAuthenticationDefaults.BearerSubprotocol, StringComparer.OrdinalIgnoreCase) ? JwtAuthenticationDefaults.BearerSubprotocol : null;

    /// <summary>The client's <c>?device=</c> when it is a safe short name, for presence.</summary>
    public static string Device(HttpRequest request)
    {
        var device = request.Query["device"].ToString();
        return device.Length is > 0 and <= 32 && device.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') ? device : "unknown";
    }
}
