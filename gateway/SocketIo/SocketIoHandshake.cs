using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace OrleansRealtime.Gateway.SocketIo;

/// <summary>
/// What the Engine.IO handshake request carried, copied when the session opened. A copy, not the
/// <see cref="HttpContext"/>: a polling handshake's context is recycled as soon as its response is written,
/// while the session (and the Socket.IO CONNECT that may come in a later request) lives on.
/// </summary>
public sealed class SocketIoHandshake
{
    internal SocketIoHandshake(IQueryCollection query, IHeaderDictionary headers, IPAddress? remoteIpAddress, ClaimsPrincipal user, string transport)
    {
        Query = query;
        Headers = headers;
        RemoteIpAddress = remoteIpAddress;
        User = user;
        Transport = transport;
    }

    /// <summary>The handshake's query (e.g. a <c>token</c> sent as <c>io(url, { query: { token } })</c>). Never log it.</summary>
    public IQueryCollection Query { get; }

    /// <summary>The handshake's request headers.</summary>
    public IHeaderDictionary Headers { get; }

    public IPAddress? RemoteIpAddress { get; }

    /// <summary>The handshake request's user, as the authentication middleware left it (anonymous when none ran).</summary>
    public ClaimsPrincipal User { get; }

    /// <summary>The transport the session started on: <c>polling</c> or <c>websocket</c>.</summary>
    public string Transport { get; }

    internal static SocketIoHandshake From(HttpContext context, string transport)
    {
        var query = new QueryCollection(context.Request.Query.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase));
        var headers = new HeaderDictionary();
        foreach (var (name, value) in context.Request.Headers)
        {
            headers[name] = value;
        }

        return new SocketIoHandshake(query, headers, context.Connection.RemoteIpAddress, context.User, transport);
    }
}
