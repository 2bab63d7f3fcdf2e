using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.GrainInterfaces.Errors;

namespace OrleansRealtime.Gateway.Errors;

/// <summary>
/// Turns every exception that reaches the pipeline into a problem detail with an <c>error_code</c>: domain
/// refusals keep their status and code, request-binding failures (malformed JSON, missing fields, wrong
/// content type) become 400/415, an unreachable cluster 503, and anything else a 500 whose exception text is
/// logged but never returned.
/// </summary>
public sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
            return true;
        }

        var (status, code, detail) = Classify(exception);
        if (status >= StatusCodes.Status500InternalServerError)
        {
            LogFailed(logger, httpContext.Request.Method, httpContext.Request.Path, status, exception);
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        await ApiProblems.WriteAsync(httpContext, status, code, detail);
        return true;
    }

    internal static (int Status, string Code, string Detail) Classify(Exception exception) => exception switch
    {
        DomainValidationException e => (StatusCodes.Status400BadRequest, e.ErrorCode, e.Detail),
        DomainNotFoundException e => (StatusCodes.Status404NotFound, e.ErrorCode, e.Detail),
        DomainForbiddenException e => (StatusCodes.Status403Forbidden, e.ErrorCode, e.Detail),
        DomainConflictException e => (StatusCodes.Status409Conflict, e.ErrorCode, e.Detail),
        BadHttpRequestException e => ClassifyBadRequest(e),
        TimeoutException => (StatusCodes.Status503ServiceUnavailable, ApiErrorCodes.Unavailable, "The cluster did not answer in time; retry later."),
        SiloUnavailableException or ClientNotAvailableException =>
            (StatusCodes.Status503ServiceUnavailable, ApiErrorCodes.Unavailable, "The cluster is not reachable; retry later."),
        _ => (StatusCodes.Status500InternalServerError, ApiErrorCodes.InternalError, "An unexpected error occurred; it has been logged."),
    };

    private static (int, string, string) ClassifyBadRequest(BadHttpRequestException e)
    {
        switch (e.StatusCode)
        {
            case StatusCodes.Status415UnsupportedMediaType:
                return (e.StatusCode, ApiErrorCodes.UnsupportedMediaType, "The request body must be JSON (Content-Type: application/json).");
            case StatusCodes.Status413PayloadTooLarge:
                return (e.StatusCode, ApiErrorCodes.PayloadTooLarge, "The request body is too large.");
        }

        if (e.InnerException is JsonException json)
        {
            if (MissingProperties().Match(json.Message) is { Success: true } missing)
            {
                return (StatusCodes.Status400BadRequest, ApiErrorCodes.MissingField, $"The request body lacks required fields: {missing.Groups["names"].Value}.");
            }

            var at = string.IsNullOrEmpty(json.Path) ? string.Empty : $" at {json.Path}";
            return (StatusCodes.Status400BadRequest, ApiErrorCodes.MalformedJson, $"The request body is not valid JSON for this endpoint{at} (check the syntax and the value types).");
        }

        // The framework's own messages name the parameter ("Required parameter \"int limit\" was not provided…");
        // they describe the request, not the server, so they are safe to return.
        var code = e.Message.Contains("was not provided", StringComparison.Ordinal) || e.Message.Contains("no body was provided", StringComparison.Ordinal)
            ? ApiErrorCodes.MissingField
            : ApiErrorCodes.InvalidParameter;
        return (StatusCodes.Status400BadRequest, code, e.Message);
    }

    // System.Text.Json: "JSON deserialization for type 'X' was missing required properties including: 'amount', 'reason'."
    [GeneratedRegex("missing required properties including: (?<names>.+?)\\.?$")]
    private static partial Regex MissingProperties();

    [LoggerMessage(EventId = 200, Level = LogLevel.Error, Message = "{Method} {Path} failed with {Status}")]
    private static partial void LogFailed(ILogger logger, string method, PathString path, int status, Exception exception);
}
