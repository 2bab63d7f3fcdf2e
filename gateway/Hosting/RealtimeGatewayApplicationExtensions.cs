using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using OrleansRealtime.Gateway.Errors;
using OrleansRealtime.Gateway.Hosting.Internal;
using OrleansRealtime.Gateway.WebSockets.KeepAlive;

namespace OrleansRealtime.Gateway.Hosting;

/// <summary>The gateway's middleware, in the order it must run. Call before mapping endpoints.</summary>
public static class RealtimeGatewayApplicationExtensions
{
    public const string ApiPrefix = "/api";

    /// <summary>
    /// Exception handling and status pages as problem details (outermost), then routing, authentication and
    /// authorization, then the <c>/api</c> body limit, which thus only buffers bodies of authorized requests.
    /// </summary>
    public static IApplicationBuilder UseRealtimeGateway(this IApplicationBuilder app)
    {
        // ApiExceptionHandler handles every exception; the middleware then records no diagnostics of its own
        // (the handler logs the 5xx ones), so a refused request does not look like a server fault in the logs.
        app.UseExceptionHandler();
        app.UseStatusCodePages(WriteApiStatusAsync);
        // Before UseWebSockets, which takes the upgrade feature as the request enters it: the raw endpoints' sockets
        // then run over a stream the gateway's keep-alive sweep can ping through.
        app.Use(static (context, next) =>
        {
            KeepAliveUpgradeFeature.Install(context);
            return next(context);
        });
        app.UseWebSockets();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseWhen(c => c.Request.Path.StartsWithSegments(ApiPrefix), api => api.UseMiddleware<ApiBodyLimitMiddleware>());
        return app;
    }

    /// <summary>Gives the empty error responses under <c>/api</c> (unknown routes, wrong methods, wrong content types) a problem body.</summary>
    private static Task WriteApiStatusAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (!http.Request.Path.StartsWithSegments(ApiPrefix))
        {
            return Task.CompletedTask;
        }

        var status = http.Response.StatusCode;
        var (code, detail) = status switch
        {
            StatusCodes.Status404NotFound => (ApiErrorCodes.RouteNotFound, $"No API endpoint matches {http.Request.Method} {http.Request.Path}."),
            StatusCodes.Status405MethodNotAllowed => (ApiErrorCodes.MethodNotAllowed, $"{http.Request.Method} is not allowed on {http.Request.Path}."),
            // Minimal APIs answer a non-JSON body with a bare 415 (it does not throw, even with ThrowOnBadRequest).
            StatusCodes.Status415UnsupportedMediaType => (ApiErrorCodes.UnsupportedMediaType, "The request body must be JSON (Content-Type: application/json)."),
            StatusCodes.Status413PayloadTooLarge => (ApiErrorCodes.PayloadTooLarge, "The request body is too large."),
            StatusCodes.Status401Unauthorized => (ApiErrorCodes.MissingToken, "A bearer token is required."),
            StatusCodes.Status403Forbidden => (ApiErrorCodes.Forbidden, "The caller is not allowed to do this."),
            _ => (ApiErrorCodes.InvalidInput, "The request could not be processed."),
        };
        return ApiProblems.WriteAsync(http, status, code, detail);
    }
}
