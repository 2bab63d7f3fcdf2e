using Microsoft.AspNetCore.Http;

namespace OrleansRealtime.Gateway.SocketIo.Internal.EngineIo;

/// <summary>
/// The Engine.IO error answers: HTTP 400 (403 for Forbidden) with <c>{"code": n, "message": "…"}</c>, the
/// codes and messages of the reference server, so existing clients and tools read them alike.
/// </summary>
internal static class EngineIoErrors
{
    public const int UnknownTransport = 0;
    public const int UnknownSid = 1;
    public const int BadHandshakeMethod = 2;
    public const int BadRequest = 3;
    public const int Forbidden = 4;
    public const int UnsupportedProtocolVersion = 5;

    public static string Message(int code) => code switch
    {
        UnknownTransport => "Transport unknown",
        UnknownSid => "Session ID unknown",
        BadHandshakeMethod => "Bad handshake method",
        BadRequest => "Bad request",
        Forbidden => "Forbidden",
        UnsupportedProtocolVersion => "Unsupported protocol version",
        _ => "Bad request",
    };

    public static Task WriteAsync(HttpContext context, int code, int? status = null, string? message = null)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return Task.CompletedTask;
        }

        response.StatusCode = status ?? (code == Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest);
        response.ContentType = "application/json";
        return response.WriteAsJsonAsync(new EngineIoError(code, message ?? Message(code)), EngineIoJsonContext.Default.EngineIoError, cancellationToken: context.RequestAborted);
    }
}
